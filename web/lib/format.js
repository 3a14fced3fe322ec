// How the console writes times, durations, priorities, statuses and who started an airing.
// The API writes instants as "2026-12-01T08:00:00.000+08:00" in the station's zone, so the
// station's local date and time are the text itself, whatever the PC's own zone is.
import { el } from './dom.js';
import { t } from './i18n.js';

export const PRIORITIES = ['emergency', 'urgent', 'notice', 'routine', 'background'];
export const STATUSES = ['aired', 'interrupted', 'partial', 'failed', 'missed', 'airing'];

export const dateOf = (iso) => (iso ? iso.slice(0, 10) : '');
export const clockOf = (iso) => (iso ? iso.slice(11, 19) : '');

/// "08:00:00", or "12-02 08:00:00" when not on `day`.
export function timeText(iso, day) {
    if (!iso) return '';
    return dateOf(iso) === day ? clockOf(iso) : iso.slice(5, 10) + ' ' + clockOf(iso);
}

/// "1:05" or "1:02:05" (hours when needed), from milliseconds.
export function duration(ms) {
    if (ms === null || ms === undefined || !isFinite(ms)) return '—';
    const total = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/// Offset of the station's zone in ms, from the "+08:00" end of an ISO time.
function offsetMs(iso) {
    const m = /([+-])(\d\d):(\d\d)$/.exec(iso || '');
    if (!m) return 0;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60000;
}

/// The station's date and time at the instant `ms` (UTC), as "2026-12-01T08:00:00.000": the
/// zone is the one at the end of `zoned`, an ISO time from the API.
export function stationTime(ms, zoned) {
    return new Date(ms + offsetMs(zoned)).toISOString().slice(0, 23);
}

/// The playlist or clip an airing, occurrence or plan row plays (its broadcast when neither).
export const whatOf = (x) => (x.live ? t('page.title') + ' (' + t('page.input.' + x.live) + ')' : '') ||
    x.playlist || x.clip || x.broadcast || '';

export const priorityName = (p) => t('priority.' + p);
export const statusName = (s) => t('status.' + s);

/// A priority as a coloured chip (style.css: .chip.prio-*).
export const priorityChip = (p) => el('span', { class: 'chip prio-' + p, text: priorityName(p) });

/// Who started an airing: the schedule, or "by <operator>".
export function triggerText(trigger) {
    if (!trigger || trigger === 'schedule') return t('trigger.schedule');
    if (trigger.startsWith('operator ')) return t('trigger.operator', { name: trigger.slice(9) });
    return trigger;
}
