// The township office console: one page over the control API (docs/console-api.md).
// Chinese by default, English switchable (remembered in localStorage); the operator's token is
// kept in sessionStorage only, and goes out as an Authorization: Bearer header.
'use strict';

(() => {
    const PRIORITIES = ['emergency', 'urgent', 'notice', 'routine', 'background'];
    const STATUSES = ['aired', 'interrupted', 'partial', 'failed', 'missed', 'airing'];
    const ROLE_RANK = { viewer: 0, operator: 1, admin: 2 };
    const POLL_MS = 2000;
    const PLAN_DAYS = 31;          // the timeline shows two of them; one-shots are listed from all
    const RECORD_LIMIT_S = 600;

    const $ = (id) => document.getElementById(id);

    /// An element with attributes (`class`, `text`, data-*, properties starting with "on") and
    /// children (nodes or strings). Text never goes through innerHTML.
    function el(tag, attrs = {}, ...children) {
        const e = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) {
            if (v === undefined || v === null || v === false) continue;
            if (k === 'class') e.className = v;
            else if (k === 'text') e.textContent = v;
            else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
            else if (k === 'style') e.setAttribute('style', v);
            else e.setAttribute(k, v === true ? '' : v);
        }
        for (const c of children.flat()) {
            if (c === null || c === undefined || c === false) continue;
            e.append(c instanceof Node ? c : document.createTextNode(String(c)));
        }
        return e;
    }

    // ---------------------------------------------------------------- language

    let lang = localStorage.getItem('vc-lang') === 'en' ? 'en' : 'zh';

    /// The text of `key` in the chosen language, with {name} replaced from `vars`.
    function t(key, vars = {}) {
        const dict = (window.VC_I18N && VC_I18N[lang]) || {};
        let s = dict[key];
        if (s === undefined) s = (VC_I18N.zh || {})[key];
        if (s === undefined) return key;
        return s.replace(/\{(\w+)\}/g, (_, name) => (vars[name] === undefined ? '' : String(vars[name])));
    }

    function applyI18n() {
        document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
        document.title = t('page.title');
        for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
        $('lang-switch').textContent = lang === 'zh' ? 'English' : '中文';
        $('lang-switch').title = t('lang.switch');
        fillPrioritySelect($('now-priority'));
        fillPrioritySelect($('oneshot-priority'));
        fillStatusSelect();
        renderLegend();
    }

    const priorityName = (p) => t('priority.' + p);
    const statusName = (s) => t('status.' + s);

    function triggerText(trigger) {
        if (!trigger || trigger === 'schedule') return t('trigger.schedule');
        if (trigger.startsWith('operator ')) return t('trigger.operator', { name: trigger.slice(9) });
        return trigger;
    }

    // ---------------------------------------------------------------- times

    // The API writes instants as "2026-12-01T08:00:00.000+08:00" in the station's zone, so the
    // station's local date and time are the text itself, whatever the PC's own zone is.
    const dateOf = (iso) => (iso ? iso.slice(0, 10) : '');
    const clockOf = (iso) => (iso ? iso.slice(11, 19) : '');

    /// "08:00:00", or "12-02 08:00:00" when not on `day`.
    function timeText(iso, day) {
        if (!iso) return '';
        return dateOf(iso) === day ? clockOf(iso) : iso.slice(5, 10) + ' ' + clockOf(iso);
    }

    /// "1:05" or "1:02:05" (hours when needed), from milliseconds.
    function duration(ms) {
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

    /// The station's date `days` after the date `day` ("YYYY-MM-DD").
    function addDays(day, days) {
        const d = new Date(day + 'T12:00:00Z');
        d.setUTCDate(d.getUTCDate() + days);
        return d.toISOString().slice(0, 10);
    }

    function dayTitle(day, index) {
        const d = new Date(day + 'T12:00:00Z');
        const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
        const text = d.toLocaleDateString(locale, {
            timeZone: 'UTC', weekday: 'short', month: 'long', day: 'numeric',
        });
        return (index === 0 ? t('plan.today') : t('plan.tomorrow')) + ' · ' + text;
    }

    // ---------------------------------------------------------------- state

    const S = {
        api: null,
        me: null,
        status: null,
        statusAt: 0,            // performance.now() when the status arrived
        today: '',
        plan: [],
        planLoadedFor: '',
        playlists: [],
        clips: [],
        log: null,
        logSignature: null,
        pollTimer: null,
        failures: 0,
        onAirKey: '',
        recorder: null,
        recording: null,        // {blob, url, seconds} once a recording stopped
        previewUrl: null,
        filtersSet: false,
    };

    const can = (role) => S.me && ROLE_RANK[S.me.role] >= ROLE_RANK[role];

    // ---------------------------------------------------------------- messages and errors

    let messageTimer = null;

    /// Shows a line at the top of the page; `kind`: "ok" or "error". OK lines go after 10 s.
    function showMessage(text, kind = 'ok') {
        $('message-text').textContent = text;
        $('message').dataset.kind = kind;
        $('message').hidden = false;
        clearTimeout(messageTimer);
        if (kind === 'ok') messageTimer = setTimeout(() => { $('message').hidden = true; }, 10000);
    }

    /// An API error in words a clerk understands, with the server's own message after it.
    function explain(err) {
        if (!(err instanceof VC.ApiError)) return t('error.unexpected', { message: String(err && err.message || err) });
        const message = err.message || '';
        const known = [0, 400, 401, 403, 404, 405, 409, 413, 431, 503];
        const key = known.includes(err.status) ? 'error.' + err.status : 'error.other';
        return t(key, { message, status: err.status });
    }

    /// Runs `action` with `button` disabled; an error is shown (a 401 ends the session).
    async function busy(button, action) {
        if (button) button.disabled = true;
        try {
            return await action();
        } catch (err) {
            if (err instanceof VC.ApiError && err.status === 401) logout(t('error.401'));
            else showMessage(explain(err), 'error');
            return undefined;
        } finally {
            if (button) button.disabled = false;
        }
    }

    // ---------------------------------------------------------------- confirmation

    /// A modal question; resolves true when the person presses the OK button.
    function confirmStep({ title, text, ok, danger = false }) {
        const dialog = $('confirm');
        $('confirm-title').textContent = title;
        $('confirm-text').textContent = text;
        $('confirm-ok').textContent = ok;
        $('confirm-cancel').textContent = t('confirm.cancel');
        dialog.classList.toggle('danger', danger);
        return new Promise((resolve) => {
            dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
            dialog.returnValue = '';
            dialog.showModal();
            $('confirm-cancel').focus();
        });
    }

    // ---------------------------------------------------------------- login

    async function login(token, quiet) {
        const api = new VC.Api(token);
        try {
            const me = await api.get('/api/whoami');
            S.api = api;
            S.me = me;
            sessionStorage.setItem('vc-token', token);
            enterConsole();
        } catch (err) {
            sessionStorage.removeItem('vc-token');
            showLogin(quiet && err.status === 401 ? t('error.401') : explainLogin(err));
        }
    }

    function explainLogin(err) {
        if (err instanceof VC.ApiError && err.status === 401) return t('login.wrong');
        return explain(err);
    }

    function showLogin(error) {
        $('console').hidden = true;
        $('login').hidden = false;
        $('logout').hidden = true;
        $('whoami').hidden = true;
        $('connection').hidden = true;
        $('login-error').hidden = !error;
        $('login-error').textContent = error || '';
        $('login-token').value = '';
        $('login-token').focus();
    }

    function logout(reason) {
        clearTimeout(S.pollTimer);
        S.pollTimer = null;
        S.api = null;
        S.me = null;
        S.status = null;
        S.planLoadedFor = '';
        S.filtersSet = false;
        S.logSignature = null;
        sessionStorage.removeItem('vc-token');
        document.body.dataset.role = '';
        if (S.recorder) S.recorder.release();
        S.recorder = null;
        showLogin(reason);
    }

    function enterConsole() {
        $('login').hidden = true;
        $('console').hidden = false;
        $('logout').hidden = false;
        $('whoami').hidden = false;
        document.body.dataset.role = S.me.role;
        renderWhoami();
        applyI18n();
        clearTimeout(S.pollTimer);
        poll();
        loadPlaylists();
        loadLibrary();
    }

    function renderWhoami() {
        if (!S.me) return;
        $('whoami').textContent = t('whoami', { name: S.me.name, role: t('role.' + S.me.role) });
    }

    // ---------------------------------------------------------------- status

    async function poll() {
        try {
            await refreshStatus();
            S.failures = 0;
            $('connection').hidden = true;
        } catch (err) {
            if (err instanceof VC.ApiError && err.status === 401) {
                logout(t('error.401'));
                return;
            }
            S.failures += 1;
            $('connection').hidden = false;
            $('connection').textContent = err.status === 0 ? t('connection.lost') : explain(err);
        }
        if (S.api) S.pollTimer = setTimeout(poll, POLL_MS);
    }

    async function refreshStatus() {
        const status = await S.api.get('/api/status');
        S.status = status;
        S.statusAt = performance.now();
        const today = dateOf(status.now);
        if (!S.filtersSet && today) {
            $('log-from').value = today;
            $('log-to').value = today;
            S.filtersSet = true;
        }
        if (today && today !== S.planLoadedFor) {
            S.today = today;
            loadPlan();
        }
        renderStatus();
        // The log changes when an airing starts or ends: reload it then, not every poll.
        const signature = JSON.stringify([
            (status.on_air || []).map((a) => [a.airing, a.since]),
            status.last && status.last.airing, status.last && status.last.status,
        ]);
        if (signature !== S.logSignature) {
            const first = S.logSignature === null;
            S.logSignature = signature;
            loadLog();
            if (!first) loadPlan();
        }
    }

    function whatOf(x) {
        return x.playlist || x.clip || x.broadcast || '';
    }

    function renderStatus() {
        const st = S.status;
        if (!st) return;
        $('station-name').textContent = st.station || 'villagecast';
        const list = $('onair-list');
        const onAir = st.on_air || [];
        // Rebuilt only when what airs changes, so that a button is never replaced under the
        // pointer; otherwise the items take the new positions.
        const key = JSON.stringify([lang, can('operator'), onAir.map((a) => [a.airing, a.broadcast, a.since, a.priority])]);
        if (key === S.onAirKey) {
            [...list.children].forEach((item, i) => { item._airing = onAir[i]; });
        } else {
            S.onAirKey = key;
            list.replaceChildren();
        }
        if (list.children.length === 0) onAir.forEach((a, i) => {
            const foreground = a.priority !== 'background';
            const item = el('div', {
                class: 'onair-item prio-' + a.priority, 'data-broadcast': a.broadcast,
                'data-airing': a.airing || '',
            },
            el('div', { class: 'onair-top' },
                el('span', { class: 'chip prio-' + a.priority, text: priorityName(a.priority) }),
                el('span', { class: 'onair-what', text: whatOf(a) }),
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
        renderProblems(st);
        $('footer').textContent = t('footer', {
            version: st.version || '', uptime: duration((st.uptime_s || 0) * 1000),
            zone: st.time_zone || '',
        });
        tick();
    }

    function renderProblems(st) {
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

    /// The health monitor's alarms, as the sentences the daemon wrote (disk space, the clock's
    /// synchronisation, paused air-check recording).
    function healthProblems(health) {
        return health && Array.isArray(health.alarms) ? health.alarms : [];
    }

    /// Moves the clock and the progress bars on between two polls.
    function tick() {
        const st = S.status;
        if (!st) return;
        const elapsed = performance.now() - S.statusAt;
        if (st.now_ms) {
            const local = new Date(st.now_ms + elapsed + offsetMs(st.now));
            $('station-clock').textContent = local.toISOString().slice(0, 19).replace('T', ' ');
        }
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
        const ok = await confirmStep({
            title: t('stop.title'), text: t('stop.text', { what: a ? whatOf(a) : '' }),
            ok: t('stop.ok'), danger: true,
        });
        if (!ok) return;
        await busy(event.target, async () => {
            const r = await S.api.post('/api/stop', {});
            showMessage(r && r.stopped ? t('stop.done') : t('stop.nothing'));
            await refreshStatus();
        });
    }

    // ---------------------------------------------------------------- plan

    async function loadPlan() {
        if (!S.api || !S.today) return;
        const day = S.today;
        try {
            const plan = await S.api.get('/api/plan' + VC.query({ from: day, days: PLAN_DAYS }));
            S.plan = plan.occurrences || [];
            S.planLoadedFor = day;
            renderPlan();
            renderOneShots();
            renderBroadcastIds();
        } catch (err) {
            if (err instanceof VC.ApiError && err.status === 401) logout(t('error.401'));
            else showMessage(explain(err), 'error');
        }
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

    function renderPlan() {
        const box = $('plan-days');
        box.replaceChildren();
        if (!S.today) return;
        const st = S.status;
        const nowMs = st ? st.now_ms + (performance.now() - S.statusAt) : 0;
        const airingNow = new Set((st && st.on_air || []).map((a) => a.broadcast + '|' + a.scheduled_ms));
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
                if (startMs != null && isFinite(dayStart)) {
                    const left = Math.max(0, Math.min(100, ((startMs - dayStart) / 864e5) * 100));
                    const width = Math.max(0.35, ((endMs - startMs) / 864e5) * 100);
                    strip.append(el('span', {
                        class: 'strip-block prio-' + r.priority + (isConflict(r) ? ' conflict' : ''),
                        style: `left:${left.toFixed(3)}%;width:${width.toFixed(3)}%`,
                        title: `${clockOf(r.scheduled)} ${whatOf(r)}`,
                    }));
                }
                const conflict = isConflict(r);
                const past = endMs != null && endMs < nowMs;
                const live = airingNow.has(r.broadcast + '|' + r.scheduled_utc_ms);
                const note = conflict ? conflictNote(r) : '';
                const shownStart = r.start && r.attempts <= 1 && clockOf(r.start) !== clockOf(r.scheduled)
                    ? t('plan.starts', { time: timeText(r.start, day) }) : '';
                list.append(el('li', {
                    class: 'plan-row prio-' + r.priority + (conflict ? ' conflict' : '') + (past ? ' past' : '') + (live ? ' live' : ''),
                    'data-broadcast': r.broadcast, 'data-scheduled': r.scheduled,
                    'data-priority': r.priority, 'data-conflict': conflict ? 'true' : 'false',
                    'data-outcome': r.outcome,
                },
                el('span', { class: 'plan-time', text: clockOf(r.scheduled) }),
                el('span', { class: 'chip prio-' + r.priority, text: priorityName(r.priority) }),
                el('span', { class: 'plan-what' },
                    el('span', { class: 'plan-title', text: whatOf(r) }),
                    el('span', { class: 'plan-id', text: r.broadcast + (r.console ? ' · ' + t('plan.console') : '') })),
                el('span', { class: 'plan-len', text: r.end_utc_ms != null && r.start_utc_ms != null ? duration(r.end_utc_ms - r.start_utc_ms) : '' }),
                note || shownStart
                    ? el('span', { class: 'plan-note' + (conflict ? ' conflict-note' : ''), text: (conflict ? '⚠ ' : '') + [shownStart, note].filter(Boolean).join(' · ') })
                    : null));
            }
            if (rows.length === 0) list.append(el('li', { class: 'idle', text: t('plan.empty') }));
            box.append(el('div', { class: 'day', 'data-day': day },
                el('h3', { text: dayTitle(day, index) }), strip, list));
        });
    }

    function renderLegend() {
        const box = $('priority-legend');
        box.replaceChildren(...PRIORITIES.map((p) => el('span', { class: 'chip prio-' + p, text: priorityName(p) })),
            el('span', { class: 'legend-conflict', text: '⚠ ' + t('plan.conflict') }));
    }

    function renderOneShots() {
        const tbody = $('oneshot-list');
        tbody.replaceChildren();
        const nowMs = S.status ? S.status.now_ms + (performance.now() - S.statusAt) : 0;
        const rows = S.plan.filter((r) => r.console);
        for (const r of rows) {
            const future = r.scheduled_utc_ms > nowMs;
            tbody.append(el('tr', { 'data-broadcast': r.broadcast },
                el('td', { class: 'nowrap', text: timeText(r.scheduled, S.today) }),
                el('td', {}, el('span', { class: 'chip prio-' + r.priority, text: priorityName(r.priority) })),
                el('td', {}, el('div', { text: whatOf(r) }), el('div', { class: 'plan-id', text: r.broadcast })),
                el('td', { class: 'actions' }, future && can('operator')
                    ? el('button', { type: 'button', class: 'delete', text: t('oneshot.delete'), onclick: (e) => onDeleteOneShot(e, r) })
                    : el('span', { class: 'muted', text: t('oneshot.past') }))));
        }
        $('oneshot-empty').hidden = rows.length > 0;
        $('oneshot-table').hidden = rows.length === 0;
    }

    async function onDeleteOneShot(event, r) {
        const ok = await confirmStep({
            title: t('oneshot.delete.title'),
            text: t('oneshot.delete.text', { what: whatOf(r), time: timeText(r.scheduled, S.today), id: r.broadcast }),
            ok: t('oneshot.delete.ok'), danger: true,
        });
        if (!ok) return;
        await busy(event.target, async () => {
            await S.api.del('/api/broadcast/' + encodeURIComponent(r.broadcast));
            showMessage(t('oneshot.deleted', { id: r.broadcast }));
            await loadPlan();
        });
    }

    function renderBroadcastIds() {
        const ids = [...new Set(S.plan.map((r) => r.broadcast))].sort();
        $('broadcast-ids').replaceChildren(...ids.map((id) => el('option', { value: id })));
    }

    // ---------------------------------------------------------------- forms: air now, one-shot

    function fillPrioritySelect(select) {
        const keep = select.value || 'notice';
        select.replaceChildren(...PRIORITIES
            .filter((p) => p !== 'emergency' || can('admin'))
            .map((p) => el('option', { value: p, text: priorityName(p) })));
        select.value = [...select.options].some((o) => o.value === keep) ? keep : 'notice';
    }

    function fillItemSelect(select, kind) {
        const keep = select.value;
        let options;
        if (kind === 'playlist') {
            options = S.playlists.map((p) => el('option', {
                value: p.name, disabled: p.duration_ms === null || (p.problems || []).length > 0,
                text: p.name + (p.duration_ms != null ? ' (' + duration(p.duration_ms) + ')' : ' — ' + t('form.cannot')),
            }));
        } else {
            options = S.clips.map((c) => el('option', {
                value: c.id, disabled: !c.can_air,
                text: c.id + (c.can_air ? ' (' + duration(c.duration_ms) + ')' : ' — ' + t('form.cannot')),
            }));
        }
        select.replaceChildren(el('option', { value: '', text: t('form.choose') }), ...options);
        if ([...select.options].some((o) => o.value === keep && !o.disabled)) select.value = keep;
    }

    const kindOf = (name) => document.querySelector(`input[name="${name}"]:checked`).value;

    function fillForms() {
        fillItemSelect($('now-item'), kindOf('now-kind'));
        fillItemSelect($('oneshot-item'), kindOf('oneshot-kind'));
    }

    async function loadPlaylists() {
        try {
            const r = await S.api.get('/api/playlists');
            S.playlists = (r.playlists || []).slice().sort((a, b) => a.name.localeCompare(b.name));
            fillForms();
        } catch (err) {
            showMessage(explain(err), 'error');
        }
    }

    async function onAirNow(event) {
        event.preventDefault();
        const kind = kindOf('now-kind');
        const item = $('now-item').value;
        const priority = $('now-priority').value;
        if (!item) {
            showMessage(t('form.missing.item'), 'error');
            return;
        }
        const vars = { what: item, priority: priorityName(priority) };
        if (!(await confirmStep({
            title: t('now.confirm.title'), text: t('now.confirm.text', vars),
            ok: t('now.confirm.ok'), danger: priority === 'emergency',
        }))) return;
        if (priority === 'emergency' && !(await confirmStep({
            title: t('now.emergency.title'), text: t('now.emergency.text', vars),
            ok: t('now.emergency.ok'), danger: true,
        }))) return;
        await busy($('now-submit'), async () => {
            const r = await S.api.post('/api/broadcast', { [kind]: item, priority });
            showMessage(t('now.done', { what: item, id: r && r.broadcast || '' }));
            await refreshStatus();
        });
    }

    async function onAddOneShot(event) {
        event.preventDefault();
        const kind = kindOf('oneshot-kind');
        const item = $('oneshot-item').value;
        const priority = $('oneshot-priority').value;
        const day = $('oneshot-date').value;
        const time = $('oneshot-time').value;
        if (!item) return showMessage(t('form.missing.item'), 'error');
        if (!day || !time) return showMessage(t('form.missing.time'), 'error');
        const at = day + 'T' + time;
        if (priority === 'emergency' && !(await confirmStep({
            title: t('oneshot.emergency.title'),
            text: t('oneshot.emergency.text', { what: item, time: at.replace('T', ' ') }),
            ok: t('oneshot.emergency.ok'), danger: true,
        }))) return;
        await busy($('oneshot-submit'), async () => {
            const r = await S.api.post('/api/broadcast', { [kind]: item, priority, at });
            showMessage(t('oneshot.done', {
                what: item, id: r && r.broadcast || '',
                time: r && r.scheduled ? r.scheduled.slice(0, 19).replace('T', ' ') : at.replace('T', ' '),
            }));
            await loadPlan();
        });
    }

    /// The one-shot form starts at the station's today, five minutes from now.
    function presetOneShotTime() {
        if (!S.status || $('oneshot-date').value) return;
        const local = new Date(S.status.now_ms + offsetMs(S.status.now) + 5 * 60000);
        $('oneshot-date').value = local.toISOString().slice(0, 10);
        $('oneshot-time').value = local.toISOString().slice(11, 16) + ':00';
    }

    // ---------------------------------------------------------------- as-run log

    function logFilters() {
        return {
            from: $('log-from').value, to: $('log-to').value,
            status: $('log-status').value, broadcast: $('log-broadcast').value.trim(),
        };
    }

    function fillStatusSelect() {
        const select = $('log-status');
        const keep = select.value;
        select.replaceChildren(el('option', { value: '', text: t('log.all') }),
            ...STATUSES.map((s) => el('option', { value: s, text: statusName(s) })));
        select.value = keep;
    }

    async function loadLog() {
        if (!S.api) return;
        try {
            S.log = await S.api.get('/api/airings' + VC.query(logFilters()));
            renderLog();
            renderStatus();
        } catch (err) {
            if (err instanceof VC.ApiError && err.status === 401) logout(t('error.401'));
            else showMessage(explain(err), 'error');
        }
    }

    function renderLog() {
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
                'data-broadcast': a.broadcast, 'data-status': a.status,
            },
            el('td', { class: 'nowrap', text: timeText(a.scheduled, S.today) }),
            el('td', { class: 'nowrap', text: timeText(start, dateOf(a.scheduled)) }),
            el('td', { class: 'nowrap', text: timeText(a.end, dateOf(a.scheduled)) }),
            el('td', {}, el('span', { class: 'status status-' + a.status, text: statusName(a.status) })),
            el('td', { text: whatOf(a) }),
            el('td', { class: 'mono', text: a.broadcast }),
            el('td', {}, el('span', { class: 'chip prio-' + a.priority, text: priorityName(a.priority) })),
            el('td', { text: triggerText(a.trigger) }),
            el('td', { class: 'reason', text: a.reason || '' })));
        }
        $('log-empty').hidden = rows.length > 0;
        const head = S.log.head || {};
        $('log-head').textContent = head.hash
            ? t('log.head', { rows: head.rows, hash: head.hash.slice(0, 16) }) : '';
        $('log-head').title = head.hash ? t('log.head.title', { hash: head.hash }) : '';
    }

    async function onCsv(event) {
        await busy(event.target, async () => {
            const f = logFilters();
            const blob = await S.api.blob('/api/airings.csv' + VC.query(f));
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

    // ---------------------------------------------------------------- library

    async function loadLibrary() {
        try {
            const r = await S.api.get('/api/library');
            S.clips = (r.clips || []).slice().sort((a, b) => a.id.localeCompare(b.id));
            renderLibrary();
            fillForms();
        } catch (err) {
            if (err instanceof VC.ApiError && err.status === 401) logout(t('error.401'));
            else showMessage(explain(err), 'error');
        }
    }

    function renderLibrary() {
        const tbody = $('library-rows');
        tbody.replaceChildren();
        for (const c of S.clips) {
            tbody.append(el('tr', { 'data-clip': c.id, class: c.can_air ? '' : 'cannot' },
                el('td', { class: 'clip-id', text: c.id }),
                el('td', { class: 'nowrap', text: duration(c.duration_ms) }),
                el('td', { class: 'nowrap', text: typeof c.loudness === 'number' ? c.loudness.toFixed(1) + ' LUFS' : '—' }),
                el('td', { class: c.can_air ? 'ok' : 'problem-text', text: c.can_air ? '✓ ' + t('library.ok') : '✗ ' + (c.problem || t('form.cannot')) }),
                el('td', { class: 'actions' },
                    el('button', { type: 'button', class: 'play', text: '▶ ' + t('library.play'), onclick: (e) => onPlay(e, c) }),
                    can('admin') ? el('button', { type: 'button', class: 'delete', text: t('library.delete'), onclick: (e) => onDeleteClip(e, c) }) : null)));
        }
    }

    async function onPlay(event, clip) {
        await busy(event.target, async () => {
            const blob = await S.api.blob('/api/clips/' + VC.clipPath(clip.id) + '/audio');
            if (S.previewUrl) URL.revokeObjectURL(S.previewUrl);
            S.previewUrl = URL.createObjectURL(blob);
            const audio = $('preview-audio');
            audio.src = S.previewUrl;
            audio.dataset.clip = clip.id;
            $('preview-label').textContent = t('library.preview', { id: clip.id });
            $('preview').hidden = false;
            try {
                await audio.play();
            } catch (_) {
                // A browser that refuses to start sound by itself still shows the player.
            }
        });
    }

    async function onDeleteClip(event, clip) {
        if (!(await confirmStep({
            title: t('library.delete.title'), text: t('library.delete.text', { id: clip.id }),
            ok: t('library.delete.ok'), danger: true,
        }))) return;
        await busy(event.target, async () => {
            await S.api.del('/api/clips/' + VC.clipPath(clip.id));
            showMessage(t('library.deleted', { id: clip.id }));
            await loadLibrary();
        });
    }

    /// A file name the API accepts: letters, digits, spaces, '-', '_' and '.'; no leading dot.
    function cleanName(name) {
        return name.replace(/[^\p{L}\p{N} ._-]/gu, '_').replace(/^\.+/, '').trim();
    }

    async function upload(name, blob, button) {
        return busy(button, async () => {
            const r = await S.api.request('POST', '/api/clips' + VC.query({ name }), { body: blob });
            showMessage(t('upload.done', { id: r && r.id || name }));
            await loadLibrary();
            return r || {};
        });
    }

    async function onUpload(event) {
        event.preventDefault();
        const file = $('upload-file').files[0];
        if (!file) return showMessage(t('upload.missing'), 'error');
        const r = await upload(cleanName(file.name), file, $('upload-submit'));
        if (r) $('upload-form').reset();
    }

    // ---------------------------------------------------------------- recording

    async function onRecordStart() {
        discardRecording();
        const recorder = new VC.Recorder((peak, seconds) => {
            $('record-level').style.width = Math.min(100, peak * 100).toFixed(0) + '%';
            $('record-time').textContent = seconds.toFixed(1) + ' s';
            $('record-time').dataset.seconds = seconds.toFixed(2);
            if (seconds >= RECORD_LIMIT_S) onRecordStop();
        });
        try {
            await recorder.start();
        } catch (err) {
            recorder.release();
            const key = { NotAllowedError: 'record.denied', NotFoundError: 'record.nomic', InsecureContext: 'record.insecure' }[err.name];
            showMessage(key ? t(key) : t('record.failed', { message: err.message || err.name }), 'error');
            return;
        }
        S.recorder = recorder;
        $('record-start').hidden = true;
        $('record-stop').hidden = false;
        $('record-time').hidden = false;
        $('record-time').textContent = '0.0 s';
        $('record-time').dataset.seconds = '0';
        $('record-meter').hidden = false;
        $('record').classList.add('recording');
    }

    async function onRecordStop() {
        const recorder = S.recorder;
        if (!recorder) return;
        S.recorder = null;
        const { blob, seconds } = await recorder.stop();
        $('record-start').hidden = false;
        $('record-stop').hidden = true;
        $('record-meter').hidden = true;
        $('record').classList.remove('recording');
        if (seconds < 0.5) {
            $('record-time').hidden = true;
            showMessage(t('record.short'), 'error');
            return;
        }
        const url = URL.createObjectURL(blob);
        S.recording = { blob, url, seconds };
        $('record-audio').src = url;
        const stamp = $('station-clock').textContent.replace(/[-: ]/g, '').slice(0, 14);
        $('record-name').value = t('record.default', { stamp: stamp.slice(0, 8) + '-' + stamp.slice(8) });
        $('record-save').hidden = false;
    }

    function discardRecording() {
        if (S.recording) URL.revokeObjectURL(S.recording.url);
        S.recording = null;
        $('record-save').hidden = true;
        $('record-time').hidden = true;
        $('record-audio').removeAttribute('src');
    }

    async function onRecordUpload(event) {
        event.preventDefault();
        if (!S.recording) return;
        let name = cleanName($('record-name').value);
        if (!name) return showMessage(t('record.noname'), 'error');
        if (!/\.wav$/i.test(name)) name += '.wav';
        const r = await upload(name, S.recording.blob, $('record-upload'));
        if (r) discardRecording();
    }

    async function onReload(event) {
        await busy(event.target, async () => {
            const r = await S.api.post('/api/reload', {});
            const files = (r && r.files) || [];
            const refused = files.filter((f) => !f.taken);
            showMessage(refused.length === 0
                ? t('reload.done', { count: files.length })
                : t('reload.refused', { count: files.length, files: refused.map((f) => f.file + (f.note ? ' (' + f.note + ')' : '')).join('; ') }),
            refused.length === 0 ? 'ok' : 'error');
            await Promise.all([loadPlan(), loadPlaylists(), loadLibrary(), refreshStatus()]);
        });
    }

    // ---------------------------------------------------------------- wiring

    function renderAll() {
        applyI18n();
        renderWhoami();
        renderStatus();
        renderPlan();
        renderOneShots();
        renderLog();
        renderLibrary();
        fillForms();
    }

    function init() {
        applyI18n();
        $('lang-switch').addEventListener('click', () => {
            lang = lang === 'zh' ? 'en' : 'zh';
            localStorage.setItem('vc-lang', lang);
            $('message').hidden = true;  // it was written in the other language
            if (S.me) renderAll();
            else applyI18n();
        });
        $('login-form').addEventListener('submit', (e) => {
            e.preventDefault();
            const token = $('login-token').value.trim();
            if (token) busy($('login-submit'), () => login(token, false));
        });
        $('logout').addEventListener('click', () => logout(''));
        $('message-close').addEventListener('click', () => { $('message').hidden = true; });
        for (const name of ['now-kind', 'oneshot-kind']) {
            for (const radio of document.querySelectorAll(`input[name="${name}"]`)) radio.addEventListener('change', fillForms);
        }
        $('now-form').addEventListener('submit', onAirNow);
        $('oneshot-form').addEventListener('submit', onAddOneShot);
        $('log-filter').addEventListener('submit', (e) => { e.preventDefault(); loadLog(); });
        $('log-csv').addEventListener('click', onCsv);
        $('reload').addEventListener('click', onReload);
        $('upload-form').addEventListener('submit', onUpload);
        $('record-start').addEventListener('click', onRecordStart);
        $('record-stop').addEventListener('click', onRecordStop);
        $('record-save').addEventListener('submit', onRecordUpload);
        $('record-discard').addEventListener('click', discardRecording);
        setInterval(() => {
            tick();
            presetOneShotTime();
        }, 250);
        const token = sessionStorage.getItem('vc-token');
        if (token) login(token, true);
        else showLogin('');
    }

    init();
})();
