// The clip library: each clip's length, loudness and whether it can air; a player to listen
// to one in the browser, and (for admins) deleting it.
import { clipPath } from '../lib/api.js';
import { $, el } from '../lib/dom.js';
import { confirmDelete } from '../lib/confirm.js';
import { duration } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { busy } from '../lib/messages.js';
import { S, can, on } from '../lib/state.js';
import { loadLibrary } from '../lib/station.js';

let previewUrl = null;

function render() {
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
                can('admin') ? el('button', { type: 'button', class: 'delete', text: t('library.delete'), onclick: (e) => onDelete(e, c) }) : null)));
    }
}

async function onPlay(event, clip) {
    await busy(event.target, async () => {
        const blob = await S.api.blob('/api/clips/' + clipPath(clip.id) + '/audio');
        if (previewUrl) URL.revokeObjectURL(previewUrl);
        previewUrl = URL.createObjectURL(blob);
        const audio = $('preview-audio');
        audio.src = previewUrl;
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

function onDelete(event, clip) {
    return confirmDelete({
        title: t('library.delete.title'), text: t('library.delete.text', { id: clip.id }),
        ok: t('library.delete.ok'),
    }, event.target, '/api/clips/' + clipPath(clip.id), t('library.deleted', { id: clip.id }), loadLibrary);
}

export function start() {
    on('library', render);
}
