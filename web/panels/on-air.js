// "On air": what airs now with a progress bar that runs on between polls, the stop button,
// and the next broadcast, the last outcome and the output's state.
import { $, el } from '../lib/dom.js';
import { clockOf, dateOf, duration, priorityChip, priorityName, statusName, timeText, triggerText, whatOf } from '../lib/format.js';
import { language, t } from '../lib/i18n.js';
import { confirmThen } from '../lib/confirm.js';
import { showMessage } from '../lib/messages.js';
import { S, can, on, sinceStatusMs } from '../lib/state.js';
import { refreshStatus } from '../lib/station.js';

let onAirKey = '';

function renderOnAir(onAir) {
    const list = $('onair-list');
    // Rebuilt only when what airs changes, so that a button is never replaced under the
    // pointer; otherwise the items take the new positions.
    const key = JSON.stringify([language(), can('operator'), onAir.map((a) => [a.airing, a.broadcast, a.since, a.priority])]);
    if (key === onAirKey) {
        [...list.children].forEach((item, i) => { item._airing = onAir[i]; });
    } else {
        onAirKey = key;
        list.replaceChildren();
    }
    if (list.children.length === 0) onAir.forEach((a, i) => {
        const foreground = a.priority !== 'background';
        const item = el('div', {
            class: 'onair-item prio-' + a.priority, 'data-broadcast': a.broadcast,
            'data-airing': a.airing || '',
        },
        el('div', { class: 'onair-top' },
            priorityChip(a.priority),
            el('span', { class: 'onair-what', text: whatOf(a) }),
            a.zone ? el('span', { class: 'onair-zone', text: a.zone }) : null,
            i === 0 && foreground && can('operator')
                ? el('button', { type: 'button', id: 'stop-button', class: 'danger', text: t('onair.stop'), onclick: onStop })
                : null),
        el('div', { class: 'onair-meta' },
            t('onair.meta', {
                broadcast: a.broadcast, trigger: triggerText(a.trigger),
                since: a.since ? clockOf(a.since) : t('onair.starting'),
            })),
        el('div', { class: 'bar' }, el('div', { class: 'bar-fill' })),
        el('div', { class: 'onair-time' }));
        item._airing = a;
        list.append(item);
    });
    $('onair-idle').hidden = onAir.length > 0;
    $('onair-card').classList.toggle('live', onAir.length > 0);
}

function renderFacts(st) {
    const next = st.next;
    $('next-info').textContent = next
        ? t('onair.next.text', {
            time: timeText(next.scheduled, dateOf(st.now)), what: whatOf(next),
            priority: priorityName(next.priority), broadcast: next.broadcast,
        })
        : t('onair.next.none');
    const last = st.last;
    // The log's row of the last airing says what it played; the status names its broadcast.
    const lastRow = last && S.log && (S.log.airings || []).find((a) => a.airing && a.airing === last.airing);
    $('last-info').textContent = last
        ? t('onair.last.text', {
            time: timeText(last.at, dateOf(st.now)), broadcast: lastRow ? whatOf(lastRow) : last.broadcast,
            status: statusName(last.status), reason: last.reason ? ' · ' + last.reason : '',
        })
        : '—';
    const out = st.output || {};
    $('output-info').textContent = t('onair.output.text', {
        name: out.name || '—', state: out.open ? t('output.open') : t('output.closed'),
        underruns: out.underruns || 0,
    });
}

function render() {
    const st = S.status;
    if (!st) return;
    renderOnAir(st.on_air || []);
    renderFacts(st);
    tick();
}

/// Moves the progress bars on between two polls.
function tick() {
    if (!S.status) return;
    const elapsed = sinceStatusMs();
    for (const item of document.querySelectorAll('#onair-list .onair-item')) {
        const a = item._airing;
        const length = a.length_ms || 0;
        let pos = a.position_ms || 0;
        if (a.since) pos += elapsed;
        if (length > 0) pos = Math.min(pos, length);
        const pct = length > 0 ? (100 * pos) / length : 0;
        item.querySelector('.bar-fill').style.width = pct.toFixed(1) + '%';
        item.querySelector('.onair-time').textContent = duration(pos) + ' / ' + duration(length);
    }
}

async function onStop(event) {
    const a = (S.status.on_air || [])[0];
    await confirmThen({
        title: t('stop.title'), text: t('stop.text', { what: a ? whatOf(a) : '' }), ok: t('stop.ok'),
    }, event.target, async () => {
        const r = await S.api.post('/api/stop', {});
        showMessage(r && r.stopped ? t('stop.done') : t('stop.nothing'));
        await refreshStatus();
    });
}

export function start() {
    on('status', render);
    on('log', render);
    on('tick', tick);
}
