// "Type a notice": text spoken by the station's voice into the library (POST /api/say),
// listened to here, then aired now like any clip (after the air-now confirmation).
import { clipPath } from '../lib/api.js';
import { $ } from '../lib/dom.js';
import { duration } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { busy, showMessage } from '../lib/messages.js';
import { S } from '../lib/state.js';
import { loadLibrary } from '../lib/station.js';
import { airNow } from './air-now.js';

let spoken = null;  // {id, url} once a text was spoken, until it is edited

function forget() {
    if (spoken) URL.revokeObjectURL(spoken.url);
    spoken = null;
    $('say-result').hidden = true;
    $('say-audio').removeAttribute('src');
}

async function onSay(event) {
    event.preventDefault();
    const text = $('say-text').value.trim();
    if (!text) return showMessage(t('say.missing'), 'error');
    await busy($('say-submit'), async () => {
        const clip = await S.api.post('/api/say', { text });
        const blob = await S.api.blob('/api/clips/' + clipPath(clip.id) + '/audio');
        forget();
        spoken = { id: clip.id, url: URL.createObjectURL(blob) };
        const audio = $('say-audio');
        audio.src = spoken.url;
        audio.dataset.clip = clip.id;
        $('say-clip').textContent = t('say.done', { duration: duration(clip.duration_ms) });
        $('say-result').hidden = false;
        showMessage(t('say.ready'));
        await loadLibrary();
        try {
            await audio.play();
        } catch (_) {
            // A browser that refuses to start sound by itself still shows the player.
        }
    });
}

async function onAir() {
    if (spoken) await airNow({ kind: 'clip', item: spoken.id, priority: 'notice' });
}

export function start() {
    $('say-form').addEventListener('submit', onSay);
    $('say-air').addEventListener('click', onAir);
    $('say-text').addEventListener('input', () => { if (spoken) forget(); });
}
