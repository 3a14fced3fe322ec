// The villages' Snapcast receivers (GET /api/villages): each one's village, whether it is
// connected and when it was last seen. Shown only on a station with Snapcast zones; asked again
// every 10 s, and at once when the station's zones change (a reload).
import { $, el } from '../lib/dom.js';
import { stationTime } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { S, on } from '../lib/state.js';

const EVERY_MS = 10000;
let askedAt = 0;
let askedFor = '';
let answer = null;
let problem = '';

function zonesKey() {
    return JSON.stringify((S.status && S.status.zones) || []);
}

async function ask() {
    askedAt = Date.now();
    askedFor = zonesKey();
    try {
        answer = await S.api.get('/api/villages');
        problem = '';
    } catch (err) {
        problem = err.message || String(err);
    }
    render();
}

function maybeAsk() {
    if (!S.api) return;
    if (zonesKey() !== askedFor || Date.now() - askedAt >= EVERY_MS) ask();
}

function seen(r) {
    if (r.connected) return t('villages.now');
    if (!r.last_seen) return t('villages.never');
    const zoned = S.status && S.status.now;
    return stationTime(r.last_seen * 1000, zoned).slice(0, 19).replace('T', ' ');
}

function render() {
    const card = $('villages-card');
    const hasSnapcast = answer && answer.snapcast;
    card.hidden = !hasSnapcast && !problem;
    const tbody = $('villages-rows');
    tbody.replaceChildren();
    $('villages-problem').hidden = !problem;
    $('villages-problem').textContent = problem ? t('villages.unreachable', { message: problem }) : '';
    if (!hasSnapcast) return;
    for (const r of answer.receivers) {
        tbody.append(el('tr', { 'data-receiver': r.receiver, class: r.connected ? '' : 'cannot' },
            el('td', { class: 'nowrap', text: r.receiver }),
            el('td', { text: r.name }),
            el('td', { class: 'village', text: r.village || t('villages.unknown', { stream: r.stream }) }),
            el('td', { class: r.connected ? 'ok connection' : 'problem-text connection',
                       text: r.connected ? '✓ ' + t('villages.connected') : '✗ ' + t('villages.disconnected') }),
            el('td', { class: 'nowrap', text: seen(r) })));
    }
    $('villages-none').hidden = answer.receivers.length > 0;
}

export function start() {
    on('status', maybeAsk);
    on('language', render);
}
