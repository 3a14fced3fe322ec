// What the console knows of the station between requests (S), and how the panels hear of a
// change: whoever stores something emits its topic, and every panel that shows it draws again.

export const S = {
    api: null,              // the Api of the logged-in operator (lib/api.js)
    me: null,               // {name, role} from /api/whoami
    status: null,
    statusAt: 0,            // performance.now() when the status arrived
    today: '',              // the station's date, from the status
    plan: [],
    planLoadedFor: '',
    playlists: [],
    clips: [],
    log: null,
    logSignature: null,     // what was on air when the log was last loaded
};

/// Forgets everything that belonged to the operator who logs out.
export function forgetSession() {
    S.api = null;
    S.me = null;
    S.status = null;
    S.planLoadedFor = '';
    S.logSignature = null;
}

const ROLE_RANK = { viewer: 0, operator: 1, admin: 2 };

/// Whether the logged-in operator has `role` or a higher one.
export const can = (role) => S.me && ROLE_RANK[S.me.role] >= ROLE_RANK[role];

/// Milliseconds since the last status arrived.
export const sinceStatusMs = () => performance.now() - S.statusAt;

/// The station's time now (UTC ms): the last status's, moved on by the time since it came.
export const stationNowMs = () => (S.status ? S.status.now_ms + sinceStatusMs() : 0);

// Topics: 'language' (the language or the role changed: fixed texts and choices), 'status',
// 'plan', 'log', 'library', 'playlists' (stored in S, or to be drawn in a new language),
// 'airings' (an airing started or ended: the log is out of date), 'tick' (four times a
// second, for clocks and progress bars), 'logout', 'unauthorized' (the token was refused).
const listeners = new Map();

/// Calls `listener` whenever `topic` is emitted, in the order the listeners were added.
export function on(topic, listener) {
    if (!listeners.has(topic)) listeners.set(topic, []);
    listeners.get(topic).push(listener);
}

export function emit(topic) {
    for (const listener of listeners.get(topic) || []) listener();
}
