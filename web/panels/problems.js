// What is wrong at the station, in red or amber under "On air": the output, underruns, schedule
// files in error, the as-run log, and the health monitor's alarms.
import { $, el } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { S, on } from '../lib/state.js';

/// The health monitor's alarms, as the sentences the daemon wrote (disk space, the clock's
/// synchronisation, paused air-check recording).
function healthProblems(health) {
    return health && Array.isArray(health.alarms) ? health.alarms : [];
}

function render() {
    const st = S.status;
    if (!st) return;
    const box = $('station-problems');
    box.replaceChildren();
    const add = (key, vars, kind = 'error') => box.append(el('p', { class: 'problem ' + kind, text: t(key, vars) }));
    const out = st.output || {};
    if (out.problem) add('problem.output', { message: out.problem });
    if (out.underruns > 0) add('problem.underruns', { count: out.underruns }, 'warning');
    for (const f of st.failed_files || []) add('problem.file', { file: f.file, message: f.message });
    const log = st.log || {};
    if (log.error) add('problem.log', { message: log.error });
    else if (log.pending > 0) add('problem.pending', { count: log.pending }, 'warning');
    for (const h of healthProblems(st.health)) add('problem.health', { message: h }, 'warning');
}

export function start() {
    on('status', render);
}
