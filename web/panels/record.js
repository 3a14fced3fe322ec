// "Record": a notice from the office PC's microphone (audio/recorder.js), listened to, named
// and uploaded into the library as a WAV, or discarded.
import { Recorder } from '../audio/recorder.js';
import { $ } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { showMessage } from '../lib/messages.js';
import { on } from '../lib/state.js';
import { cleanName, uploadClip } from '../lib/upload.js';

const RECORD_LIMIT_S = 600;

let recorder = null;       // while recording
let recording = null;      // {blob, url, seconds} once a recording stopped

async function onRecordStart() {
    discardRecording();
    const r = new Recorder((peak, seconds) => {
        $('record-level').style.width = Math.min(100, peak * 100).toFixed(0) + '%';
        $('record-time').textContent = seconds.toFixed(1) + ' s';
        $('record-time').dataset.seconds = seconds.toFixed(2);
        if (seconds >= RECORD_LIMIT_S) onRecordStop();
    });
    try {
        await r.start();
    } catch (err) {
        r.release();
        const key = { NotAllowedError: 'record.denied', NotFoundError: 'record.nomic', InsecureContext: 'record.insecure' }[err.name];
        showMessage(key ? t(key) : t('record.failed', { message: err.message || err.name }), 'error');
        return;
    }
    recorder = r;
    $('record-start').hidden = true;
    $('record-stop').hidden = false;
    $('record-time').hidden = false;
    $('record-time').textContent = '0.0 s';
    $('record-time').dataset.seconds = '0';
    $('record-meter').hidden = false;
    $('record').classList.add('recording');
}

async function onRecordStop() {
    const r = recorder;
    if (!r) return;
    recorder = null;
    const { blob, seconds } = await r.stop();
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
    recording = { blob, url, seconds };
    $('record-audio').src = url;
    const stamp = $('station-clock').textContent.replace(/[-: ]/g, '').slice(0, 14);
    $('record-name').value = t('record.default', { stamp: stamp.slice(0, 8) + '-' + stamp.slice(8) });
    $('record-save').hidden = false;
}

function discardRecording() {
    if (recording) URL.revokeObjectURL(recording.url);
    recording = null;
    $('record-save').hidden = true;
    $('record-time').hidden = true;
    $('record-audio').removeAttribute('src');
}

async function onRecordUpload(event) {
    event.preventDefault();
    if (!recording) return;
    let name = cleanName($('record-name').value);
    if (!name) return showMessage(t('record.noname'), 'error');
    if (!/\.wav$/i.test(name)) name += '.wav';
    const r = await uploadClip(name, recording.blob, $('record-upload'), $('record-trim').checked);
    if (r) discardRecording();
}

export function start() {
    $('record-start').addEventListener('click', onRecordStart);
    $('record-stop').addEventListener('click', onRecordStop);
    $('record-save').addEventListener('submit', onRecordUpload);
    $('record-discard').addEventListener('click', discardRecording);
    // Logging out lets go of the microphone.
    on('logout', () => {
        if (recorder) recorder.release();
        recorder = null;
    });
}
