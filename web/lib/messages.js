// The line at the top of the page that says what happened, and what went wrong in words a
// clerk understands: an API error's meaning with the server's own message after it.
import { ApiError } from './api.js';
import { $ } from './dom.js';
import { t } from './i18n.js';
import { emit } from './state.js';

let messageTimer = null;

/// Shows a line at the top of the page; `kind`: "ok" or "error". OK lines go after 10 s.
export function showMessage(text, kind = 'ok') {
    $('message-text').textContent = text;
    $('message').dataset.kind = kind;
    $('message').hidden = false;
    clearTimeout(messageTimer);
    if (kind === 'ok') messageTimer = setTimeout(hideMessage, 10000);
}

export function hideMessage() {
    $('message').hidden = true;
}

/// An API error in words a clerk understands, with the server's own message after it.
export function explain(err) {
    if (!(err instanceof ApiError)) return t('error.unexpected', { message: String(err && err.message || err) });
    const message = err.message || '';
    const known = [0, 400, 401, 403, 404, 405, 409, 413, 431, 503];
    const key = known.includes(err.status) ? 'error.' + err.status : 'error.other';
    return t(key, { message, status: err.status });
}

/// Says what went wrong; a refused token ends the session instead.
export function report(err) {
    if (err instanceof ApiError && err.status === 401) emit('unauthorized');
    else showMessage(explain(err), 'error');
}

/// Runs `action` with `button` disabled; an error is reported (see report).
export async function busy(button, action) {
    if (button) button.disabled = true;
    try {
        return await action();
    } catch (err) {
        report(err);
        return undefined;
    } finally {
        if (button) button.disabled = false;
    }
}
