// "Page" (喊话): the operator speaks into this PC's microphone and the chosen villages hear it
// now. Hold the button to talk (or tick "latch" and click once to start, once to end). The page
// is started with POST /api/page (input "browser"), the sound goes over the WebSocket
// /api/page/{id}/audio in numbered 20 ms packets of 16-bit PCM, and DELETE /api/page/{id} ends it.
import { Recorder } from '../audio/recorder.js';
import { confirmStep } from '../lib/confirm.js';
import { $, el } from '../lib/dom.js';
import { priorityName } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { explain, showMessage } from '../lib/messages.js';
import { S, on } from '../lib/state.js';
import { refreshStatus } from '../lib/station.js';
import { zoneChoice } from '../lib/zone-choice.js';

const PACKET_MS = 20;

let chosenZones = () => null;
let live = null;  // {page, socket, recorder, sent, ending}

function say(key, vars) {
    $('page-state').textContent = t(key, vars);
    $('page-state').dataset.state = key;
}

/// The 8-byte frame number and the samples as 16-bit little-endian PCM.
function packet(seq, samples) {
    const buffer = new ArrayBuffer(8 + 2 * samples.length);
    const view = new DataView(buffer);
    view.setUint32(0, seq % 0x100000000, true);
    view.setUint32(4, Math.floor(seq / 0x100000000), true);
    for (let i = 0; i < samples.length; ++i) {
        const s = Math.max(-1, Math.min(1, samples[i]));
        view.setInt16(8 + 2 * i, Math.round(s * 32767), true);
    }
    return buffer;
}

function openSocket(page) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/page/${encodeURIComponent(page)}/audio`);
    socket.binaryType = 'arraybuffer';
    return new Promise((resolve, reject) => {
        socket.onopen = () => socket.send(JSON.stringify({ token: S.api.token }));
        socket.onmessage = (e) => {
            const answer = JSON.parse(e.data);
            if (answer.ok) resolve(socket);
            else reject(new Error(answer.error || 'refused'));
        };
        socket.onerror = () => reject(new Error(t('page.socket')));
    });
}

async function startPage() {
    if (live) return;
    const priority = $('page-priority').value;
    const zones = chosenZones();
    if (zones && zones.length === 0) return showMessage(t('now.zones.none'), 'error');
    if (priority === 'emergency' && !(await confirmStep({
        title: t('now.emergency.title'), text: t('now.emergency.text', { what: t('page.what'), priority: priorityName(priority) }),
        ok: t('now.emergency.ok'), danger: true,
    }))) return;
    live = { page: '', socket: null, recorder: null, sent: 0, ending: false };
    $('page-talk').classList.add('talking');
    say('page.starting');
    try {
        const body = { input: 'browser', priority };
        if (zones) body.zones = zones;
        const r = await S.api.post('/api/page', body);
        live.page = r.page;
        $('page-card').dataset.page = r.page;
        live.socket = await openSocket(r.page);
        live.socket.onclose = () => { if (live && !live.ending) say('page.lost'); };
        live.recorder = new Recorder((peak) => {
            $('page-level').style.width = Math.min(100, peak * 100).toFixed(0) + '%';
        }, {
            rate: r.sample_rate, block: Math.round(r.sample_rate * PACKET_MS / 1000),
            onSamples: (samples) => {
                if (!live || !live.socket || live.socket.readyState !== WebSocket.OPEN) return;
                live.socket.send(packet(live.sent, samples));
                live.sent += samples.length;
                $('page-sent').dataset.frames = String(live.sent);
            },
        });
        await live.recorder.start();
        say(r.on_air ? 'page.on_air' : 'page.busy', { what: r.waits_for || '' });
        await refreshStatus();
    } catch (err) {
        const key = { NotAllowedError: 'record.denied', NotFoundError: 'record.nomic', InsecureContext: 'record.insecure' }[err.name];
        showMessage(key ? t(key) : explain(err), 'error');
        await endPage();
    }
}

async function endPage() {
    if (!live || live.ending) return;
    live.ending = true;
    const ending = live;
    $('page-talk').classList.remove('talking');
    if (ending.recorder) ending.recorder.release();
    try {
        if (ending.page) await S.api.del('/api/page/' + encodeURIComponent(ending.page));
        say('page.ended', { page: ending.page });
    } catch (err) {
        say('page.ended', { page: ending.page });
        showMessage(explain(err), 'error');
    }
    if (ending.socket) ending.socket.close();
    live = null;
    showLatency();
    await refreshStatus();
}

/// How late the villages hear the voice, as the daemon measures it (status: on_air latency_ms).
/// Beyond a second (Snapcast's buffer) the operator is told to finish before letting go.
function showLatency() {
    const line = $('page-latency');
    const a = live && (S.status?.on_air || []).find((x) => x.broadcast === live.page);
    const ms = a ? a.latency_ms || 0 : 0;
    line.hidden = ms <= 0;
    line.dataset.ms = String(ms);
    if (ms > 0)
        line.textContent = ms >= 1000 ? t('page.latency.late', { s: (ms / 1000).toFixed(1) })
                                      : t('page.latency', { ms: Math.round(ms) });
}

export function start() {
    chosenZones = zoneChoice('page');
    on('status', showLatency);
    const talk = $('page-talk');
    const latched = () => $('page-latch').checked;
    talk.addEventListener('pointerdown', (e) => {
        if (latched()) return;
        e.preventDefault();
        startPage();
    });
    for (const up of ['pointerup', 'pointerleave', 'pointercancel'])
        talk.addEventListener(up, () => { if (!latched()) endPage(); });
    talk.addEventListener('click', () => {
        if (!latched()) return;
        if (live) endPage();
        else startPage();
    });
    window.addEventListener('beforeunload', () => { if (live) endPage(); });
    const priorities = () => $('page-priority').replaceChildren(...['urgent', 'notice', 'emergency']
        .map((p) => el('option', { value: p, text: priorityName(p) })));
    priorities();
    on('language', () => {
        priorities();
        say($('page-state').dataset.state || 'page.idle');
    });
    say('page.idle');
}
