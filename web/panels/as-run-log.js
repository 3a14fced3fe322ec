// The as-run log: what aired, missed or failed, filtered by dates, status and broadcast, with
// the hash chain's head and a CSV download of the same rows.
import { query } from '../lib/api.js';
import { $, el } from '../lib/dom.js';
import { STATUSES, dateOf, priorityChip, statusName, timeText, triggerText, whatOf } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { busy, showMessage } from '../lib/messages.js';
import { S, on } from '../lib/state.js';
import { fetchInto } from '../lib/station.js';

let filtersSet = false;    // the dates start at the station's today, once per login

function filters() {
    return {
        from: $('log-from').value, to: $('log-to').value,
        status: $('log-status').value, broadcast: $('log-broadcast').value.trim(),
    };
}

function presetFilters() {
    const today = S.status && dateOf(S.status.now);
    if (filtersSet || !today) return;
    $('log-from').value = today;
    $('log-to').value = today;
    filtersSet = true;
}

function fillStatusSelect() {
    const select = $('log-status');
    const keep = select.value;
    select.replaceChildren(el('option', { value: '', text: t('log.all') }),
        ...STATUSES.map((s) => el('option', { value: s, text: statusName(s) })));
    select.value = keep;
}

function loadLog() {
    return fetchInto('/api/airings' + query(filters()), (log) => { S.log = log; }, 'log');
}

function render() {
    const tbody = $('log-rows');
    tbody.replaceChildren();
    if (!S.log) return;
    const rows = (S.log.airings || []).slice().reverse();  // newest first
    // An airing still on air has no start in the log until its first progress row.
    const since = new Map(((S.status && S.status.on_air) || []).map((o) => [o.airing, o.since]));
    for (const a of rows) {
        const start = a.start || (a.status === 'airing' ? since.get(a.airing) : null);
        tbody.append(el('tr', {
            class: 'row-' + a.status, 'data-airing': a.airing || '',
            'data-broadcast': a.broadcast, 'data-status': a.status, 'data-zone': (a.zones || []).join(','),
        },
        el('td', { class: 'nowrap', text: timeText(a.scheduled, S.today) }),
        el('td', { class: 'nowrap', text: timeText(start, dateOf(a.scheduled)) }),
        el('td', { class: 'nowrap', text: timeText(a.end, dateOf(a.scheduled)) }),
        el('td', {}, el('span', { class: 'status status-' + a.status, text: statusName(a.status) })),
        el('td', { text: whatOf(a) }),
        el('td', { class: 'mono', text: a.broadcast },
            (a.zones || []).some((z) => z !== 'all')
                ? el('div', { class: 'log-zone', text: a.zones.join(', ') }) : null),
        el('td', {}, priorityChip(a.priority)),
        el('td', { text: triggerText(a.trigger) }),
        el('td', { class: 'reason', text: a.reason || '' })));
    }
    $('log-empty').hidden = rows.length > 0;
    const head = S.log.head || {};
    $('log-head').textContent = head.hash
        ? t('log.head', { rows: head.rows, hash: head.hash.slice(0, 16) }) : '';
    $('log-head').title = head.hash ? t('log.head.title', { hash: head.hash }) : '';
}

/// The broadcasts of the plan, offered as the broadcast filter's choices.
function renderBroadcastIds() {
    const ids = [...new Set(S.plan.map((r) => r.broadcast))].sort();
    $('broadcast-ids').replaceChildren(...ids.map((id) => el('option', { value: id })));
}

async function onCsv(event) {
    await busy(event.target, async () => {
        const f = filters();
        const blob = await S.api.blob('/api/airings.csv' + query(f));
        const name = 'airings' + (f.from ? '-' + f.from : '') + (f.to && f.to !== f.from ? '-' + f.to : '') + '.csv';
        const url = URL.createObjectURL(blob);
        const a = el('a', { href: url, download: name, hidden: true });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        showMessage(t('log.csv.done', { name }));
    });
}

export function start() {
    $('log-filter').addEventListener('submit', (e) => { e.preventDefault(); loadLog(); });
    $('log-csv').addEventListener('click', onCsv);
    on('language', fillStatusSelect);
    on('status', presetFilters);
    on('airings', loadLog);
    on('log', render);
    on('plan', renderBroadcastIds);
    on('logout', () => { filtersSet = false; });
}
