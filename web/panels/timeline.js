// The timeline of today and tomorrow: a 24-hour strip and a list per day, each occurrence with
// its priority and, where conflicts moved, cut or cancelled it, what happened in words.
import { $, el } from '../lib/dom.js';
import { PRIORITIES, clockOf, dateOf, duration, priorityChip, timeText, whatOf } from '../lib/format.js';
import { language, t } from '../lib/i18n.js';
import { S, on, stationNowMs } from '../lib/state.js';

/// The station's date `days` after the date `day` ("YYYY-MM-DD").
function addDays(day, days) {
    const d = new Date(day + 'T12:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
}

function dayTitle(day, index) {
    const d = new Date(day + 'T12:00:00Z');
    const locale = language() === 'zh' ? 'zh-CN' : 'en-GB';
    const text = d.toLocaleDateString(locale, {
        timeZone: 'UTC', weekday: 'short', month: 'long', day: 'numeric',
    });
    return (index === 0 ? t('plan.today') : t('plan.tomorrow')) + ' · ' + text;
}

/// What conflicts do to a plan row, in words.
function conflictNote(r) {
    const day = dateOf(r.scheduled);
    switch (r.outcome) {
        case 'aired':
            if (r.attempts > 1) return t('plan.note.again', { by: r.interrupted_by || '?', time: timeText(r.start, day) });
            if (r.delay_ms > 0) return r.waited_for
                ? t('plan.note.delayed.by', { delay: duration(r.delay_ms), by: r.waited_for })
                : t('plan.note.delayed', { delay: duration(r.delay_ms) });
            return r.note || '';
        case 'interrupted':
            return r.interrupted_by ? t('plan.note.interrupted', { by: r.interrupted_by }) : (r.reason || r.note || '');
        case 'missed': return t('plan.note.missed', { reason: r.reason || r.note || '' });
        case 'failed': return t('plan.note.failed', { reason: r.reason || r.note || '' });
        default: return r.note || r.reason || '';
    }
}

function isConflict(r) {
    if (typeof r.conflict === 'boolean') return r.conflict;
    return r.outcome !== 'aired' || r.delay_ms > 0 || r.attempts > 1;
}

/// The strip's block for one occurrence, or null when it has no time on this day's strip.
function stripBlock(r, dayStart, startMs, endMs) {
    if (startMs == null || !isFinite(dayStart)) return null;
    const left = Math.max(0, Math.min(100, ((startMs - dayStart) / 864e5) * 100));
    const width = Math.max(0.35, ((endMs - startMs) / 864e5) * 100);
    return el('span', {
        class: 'strip-block prio-' + r.priority + (isConflict(r) ? ' conflict' : ''),
        style: `left:${left.toFixed(3)}%;width:${width.toFixed(3)}%`,
        title: `${clockOf(r.scheduled)} ${whatOf(r)}`,
    });
}

function planRow(r, day, nowMs, airingNow, endMs) {
    const conflict = isConflict(r);
    const past = endMs != null && endMs < nowMs;
    const live = airingNow.has(r.broadcast + '|' + r.scheduled_utc_ms + '|' + (r.zone || ''));
    const note = conflict ? conflictNote(r) : '';
    const shownStart = r.start && r.attempts <= 1 && clockOf(r.start) !== clockOf(r.scheduled)
        ? t('plan.starts', { time: timeText(r.start, day) }) : '';
    return el('li', {
        class: 'plan-row prio-' + r.priority + (conflict ? ' conflict' : '') + (past ? ' past' : '') + (live ? ' live' : ''),
        'data-broadcast': r.broadcast, 'data-scheduled': r.scheduled, 'data-zone': r.zone || '',
        'data-priority': r.priority, 'data-conflict': conflict ? 'true' : 'false',
        'data-outcome': r.outcome,
    },
    el('span', { class: 'plan-time', text: clockOf(r.scheduled) }),
    priorityChip(r.priority),
    el('span', { class: 'plan-what' },
        el('span', { class: 'plan-title', text: whatOf(r) }),
        el('span', { class: 'plan-id', text: r.broadcast + (r.zone ? ' · ' + r.zone : '') + (r.console ? ' · ' + t('plan.console') : '') })),
    el('span', { class: 'plan-len', text: r.end_utc_ms != null && r.start_utc_ms != null ? duration(r.end_utc_ms - r.start_utc_ms) : '' }),
    note || shownStart
        ? el('span', { class: 'plan-note' + (conflict ? ' conflict-note' : ''), text: (conflict ? '⚠ ' : '') + [shownStart, note].filter(Boolean).join(' · ') })
        : null);
}

function render() {
    const box = $('plan-days');
    box.replaceChildren();
    if (!S.today) return;
    const st = S.status;
    const nowMs = stationNowMs();
    const airingNow = new Set((st && st.on_air || []).map((a) => a.broadcast + '|' + a.scheduled_ms + '|' + (a.zone || '')));
    [S.today, addDays(S.today, 1)].forEach((day, index) => {
        const rows = S.plan.filter((r) => dateOf(r.scheduled) === day);
        const dayStart = Date.parse(day + 'T00:00:00' + (st ? st.now.slice(23) : 'Z'));
        const strip = el('div', { class: 'strip', title: t('plan.strip') });
        for (let h = 0; h <= 24; h += 6) {
            strip.append(el('span', { class: 'strip-hour', style: `left:${(h / 24) * 100}%`, text: String(h).padStart(2, '0') }));
        }
        const list = el('ol', { class: 'plan-list' });
        for (const r of rows) {
            const startMs = r.start_utc_ms ?? r.scheduled_utc_ms;
            const endMs = r.end_utc_ms ?? startMs;
            const block = stripBlock(r, dayStart, startMs, endMs);
            if (block) strip.append(block);
            list.append(planRow(r, day, nowMs, airingNow, endMs));
        }
        if (rows.length === 0) list.append(el('li', { class: 'idle', text: t('plan.empty') }));
        box.append(el('div', { class: 'day', 'data-day': day },
            el('h3', { text: dayTitle(day, index) }), strip, list));
    });
}

function renderLegend() {
    $('priority-legend').replaceChildren(...PRIORITIES.map(priorityChip),
        el('span', { class: 'legend-conflict', text: '⚠ ' + t('plan.conflict') }));
}

export function start() {
    on('language', renderLegend);
    on('plan', render);
}
