// Fetching the station into S: the status every two seconds (and what follows from it: the
// plan on a new day, the log and the plan when an airing starts or ends), the plan, the
// library and the playlists. Each loader emits its topic (lib/state.js) once it stored it.
import { ApiError, query } from './api.js';
import { $ } from './dom.js';
import { dateOf } from './format.js';
import { t } from './i18n.js';
import { explain, report } from './messages.js';
import { S, emit } from './state.js';

const POLL_MS = 2000;
const PLAN_DAYS = 31;          // the timeline shows two of them; one-shots are listed from all

let pollTimer = null;

export function startPolling() {
    clearTimeout(pollTimer);
    poll();
}

export function stopPolling() {
    clearTimeout(pollTimer);
    pollTimer = null;
}

/// Fetches the status; the top bar says when the daemon cannot be reached.
async function poll() {
    try {
        await refreshStatus();
        $('connection').hidden = true;
    } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
            emit('unauthorized');
            return;
        }
        $('connection').hidden = false;
        $('connection').textContent = err.status === 0 ? t('connection.lost') : explain(err);
    }
    if (S.api) pollTimer = setTimeout(poll, POLL_MS);
}

/// Fetches the status now. Throws ApiError.
export async function refreshStatus() {
    const status = await S.api.get('/api/status');
    S.status = status;
    S.statusAt = performance.now();
    const today = dateOf(status.now);
    if (today && today !== S.planLoadedFor) {
        S.today = today;
        loadPlan();
    }
    emit('status');
    // The log changes when an airing starts or ends: reload it then, not every poll.
    const signature = JSON.stringify([
        (status.on_air || []).map((a) => [a.airing, a.since]),
        status.last && status.last.airing, status.last && status.last.status,
    ]);
    if (signature !== S.logSignature) {
        const first = S.logSignature === null;
        S.logSignature = signature;
        emit('airings');
        if (!first) loadPlan();
    }
}

/// GETs `path`, hands the answer to `store` and emits `topic`; an error is reported.
export async function fetchInto(path, store, topic) {
    if (!S.api) return;
    try {
        store(await S.api.get(path));
        emit(topic);
    } catch (err) {
        report(err);
    }
}

export function loadPlan() {
    if (!S.today) return Promise.resolve();
    const day = S.today;
    return fetchInto('/api/plan' + query({ from: day, days: PLAN_DAYS }), (plan) => {
        S.plan = plan.occurrences || [];
        S.planLoadedFor = day;
    }, 'plan');
}

export function loadLibrary() {
    return fetchInto('/api/library', (r) => {
        S.clips = (r.clips || []).slice().sort((a, b) => a.id.localeCompare(b.id));
    }, 'library');
}

export function loadPlaylists() {
    return fetchInto('/api/playlists', (r) => {
        S.playlists = (r.playlists || []).slice().sort((a, b) => a.name.localeCompare(b.name));
    }, 'playlists');
}
