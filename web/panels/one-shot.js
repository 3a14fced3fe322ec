// "One-shot": a playlist or clip to air once at a chosen date and time (preset to five minutes
// from now), and the list of those added from the console, each deletable until it is due.
import { $, el } from '../lib/dom.js';
import { confirmDelete, confirmStep } from '../lib/confirm.js';
import { priorityChip, stationTime, timeText, whatOf } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { busy, showMessage } from '../lib/messages.js';
import { S, can, on, stationNowMs } from '../lib/state.js';
import { loadPlan } from '../lib/station.js';
import { whatForm } from '../lib/what-form.js';
import { zoneChoice } from '../lib/zone-choice.js';

let chosenZones = () => null;

async function addOneShot({ kind, item, priority }) {
    const zones = chosenZones();
    if (zones && zones.length === 0) return showMessage(t('now.zones.none'), 'error');
    const day = $('oneshot-date').value;
    const time = $('oneshot-time').value;
    if (!day || !time) return showMessage(t('form.missing.time'), 'error');
    const at = day + 'T' + time;
    if (priority === 'emergency' && !(await confirmStep({
        title: t('oneshot.emergency.title'),
        text: t('oneshot.emergency.text', { what: item, time: at.replace('T', ' ') }),
        ok: t('oneshot.emergency.ok'), danger: true,
    }))) return;
    await busy($('oneshot-submit'), async () => {
        const body = { [kind]: item, priority, at };
        if (zones) body.zones = zones;
        const r = await S.api.post('/api/broadcast', body);
        showMessage(t('oneshot.done', {
            what: item, id: r && r.broadcast || '',
            time: r && r.scheduled ? r.scheduled.slice(0, 19).replace('T', ' ') : at.replace('T', ' '),
        }));
        await loadPlan();
    });
}

/// The form starts at the station's today, five minutes from now.
function presetTime() {
    if (!S.status || $('oneshot-date').value) return;
    const local = stationTime(S.status.now_ms + 5 * 60000, S.status.now);
    $('oneshot-date').value = local.slice(0, 10);
    $('oneshot-time').value = local.slice(11, 16) + ':00';
}

function renderList() {
    const tbody = $('oneshot-list');
    tbody.replaceChildren();
    const nowMs = stationNowMs();
    // A one-shot heard in several zones has a plan row per zone: it is listed once.
    const rows = S.plan.filter((r, i) => r.console &&
        S.plan.findIndex((o) => o.broadcast === r.broadcast && o.scheduled_utc_ms === r.scheduled_utc_ms) === i);
    for (const r of rows) {
        const future = r.scheduled_utc_ms > nowMs;
        tbody.append(el('tr', { 'data-broadcast': r.broadcast },
            el('td', { class: 'nowrap', text: timeText(r.scheduled, S.today) }),
            el('td', {}, priorityChip(r.priority)),
            el('td', {}, el('div', { text: whatOf(r) }), el('div', { class: 'plan-id', text: r.broadcast })),
            el('td', { class: 'actions' }, future && can('operator')
                ? el('button', { type: 'button', class: 'delete', text: t('oneshot.delete'), onclick: (e) => onDelete(e, r) })
                : el('span', { class: 'muted', text: t('oneshot.past') }))));
    }
    $('oneshot-empty').hidden = rows.length > 0;
    $('oneshot-table').hidden = rows.length === 0;
}

function onDelete(event, r) {
    return confirmDelete({
        title: t('oneshot.delete.title'),
        text: t('oneshot.delete.text', { what: whatOf(r), time: timeText(r.scheduled, S.today), id: r.broadcast }),
        ok: t('oneshot.delete.ok'),
    }, event.target, '/api/broadcast/' + encodeURIComponent(r.broadcast), t('oneshot.deleted', { id: r.broadcast }), loadPlan);
}

export function start() {
    chosenZones = zoneChoice('oneshot');
    whatForm('oneshot', addOneShot);
    on('plan', renderList);
    on('tick', presetTime);
}
