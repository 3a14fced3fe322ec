// The station's name and clock in the top bar, and the program's version, uptime and time
// zone in the footer. The clock runs on between two polls.
import { $ } from '../lib/dom.js';
import { duration, stationTime } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { S, on, sinceStatusMs } from '../lib/state.js';

function render() {
    const st = S.status;
    if (!st) return;
    $('station-name').textContent = st.station || 'villagecast';
    $('footer').textContent = t('footer', {
        version: st.version || '', uptime: duration((st.uptime_s || 0) * 1000),
        zone: st.time_zone || '',
    });
    tick();
}

function tick() {
    const st = S.status;
    if (!st || !st.now_ms) return;
    $('station-clock').textContent = stationTime(st.now_ms + sinceStatusMs(), st.now).slice(0, 19).replace('T', ' ');
}

export function start() {
    on('status', render);
    on('tick', tick);
}
