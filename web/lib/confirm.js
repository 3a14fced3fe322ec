// The confirmation dialog (#confirm) that every step which changes what airs or deletes
// something goes through.
import { $ } from './dom.js';
import { t } from './i18n.js';
import { busy, showMessage } from './messages.js';
import { S } from './state.js';

/// A modal question; resolves true when the person presses the OK button.
export function confirmStep({ title, text, ok, danger = false }) {
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

/// Asks a red question ({title, text, ok}) and, when it is answered OK, runs `action` with
/// `button` disabled (see busy in lib/messages.js).
export async function confirmThen(question, button, action) {
    if (!(await confirmStep({ ...question, danger: true }))) return;
    await busy(button, action);
}

/// Asks `question` as confirmThen does; on OK deletes `path` through the API, says `done` and
/// awaits `reload()` so that the page shows the thing gone.
export function confirmDelete(question, button, path, done, reload) {
    return confirmThen(question, button, async () => {
        await S.api.del(path);
        showMessage(done);
        await reload();
    });
}
