// Adding a clip to the library, as the upload form and the recorder both do: a name the API
// accepts, the file POSTed to /api/clips, the library fetched again.
import { query } from './api.js';
import { t } from './i18n.js';
import { busy, showMessage } from './messages.js';
import { S } from './state.js';
import { loadLibrary } from './station.js';

/// A file name the API accepts: letters, digits, spaces, '-', '_' and '.'; no leading dot.
export function cleanName(name) {
    return name.replace(/[^\p{L}\p{N} ._-]/gu, '_').replace(/^\.+/, '').trim();
}

/// Uploads `blob` as the clip file `name` with `button` disabled; with `trim`, the clip airs from
/// its first sound to its last (the file stays as it is). Resolves to the API's answer ({} when
/// it had none), or undefined when it failed (and the page said why).
export async function uploadClip(name, blob, button, trim = false) {
    return busy(button, async () => {
        const r = await S.api.request('POST', '/api/clips' + query({ name, trim: trim ? '1' : '0' }), { body: blob });
        showMessage(t('upload.done', { id: r && r.id || name }));
        await loadLibrary();
        return r || {};
    });
}
