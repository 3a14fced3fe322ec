// "Upload": an audio file from the office PC into the library (under uploads/).
import { $ } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { showMessage } from '../lib/messages.js';
import { cleanName, uploadClip } from '../lib/upload.js';

async function onUpload(event) {
    event.preventDefault();
    const file = $('upload-file').files[0];
    if (!file) return showMessage(t('upload.missing'), 'error');
    const r = await uploadClip(cleanName(file.name), file, $('upload-submit'), $('upload-trim').checked);
    if (r) $('upload-form').reset();
}

export function start() {
    $('upload-form').addEventListener('submit', onUpload);
}
