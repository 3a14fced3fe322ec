// The township office console: one page over the control API (docs/console-api.md). This entry
// logs in and out, switches the language and starts the panels (panels/) and the polling.
// The operator's token is kept in sessionStorage only; see lib/api.js for how it is sent.
import { Api, ApiError } from './lib/api.js';
import { $ } from './lib/dom.js';
import { language, switchLanguage, t, translatePage } from './lib/i18n.js';
import { busy, explain, hideMessage } from './lib/messages.js';
import { S, emit, forgetSession, on } from './lib/state.js';
import { loadLibrary, loadPlaylists, startPolling, stopPolling } from './lib/station.js';
import * as airNow from './panels/air-now.js';
import * as asRunLog from './panels/as-run-log.js';
import * as library from './panels/library.js';
import * as onAir from './panels/on-air.js';
import * as oneShot from './panels/one-shot.js';
import * as paging from './panels/page.js';
import * as problems from './panels/problems.js';
import * as record from './panels/record.js';
import * as reload from './panels/reload.js';
import * as say from './panels/say.js';
import * as station from './panels/station.js';
import * as timeline from './panels/timeline.js';
import * as upload from './panels/upload.js';
import * as villages from './panels/villages.js';

const PANELS = [station, onAir, problems, airNow, paging, oneShot, timeline, villages, reload, asRunLog, library, upload, say, record];

/// The page's fixed texts in the chosen language, and the choices that depend on the role.
function applyI18n() {
    translatePage();
    $('lang-switch').textContent = language() === 'zh' ? 'English' : '中文';
    $('lang-switch').title = t('lang.switch');
    emit('language');
}

function renderWhoami() {
    if (!S.me) return;
    $('whoami').textContent = t('whoami', { name: S.me.name, role: t('role.' + S.me.role) });
}

/// Draws everything again, in a new language.
function redraw() {
    applyI18n();
    renderWhoami();
    for (const topic of ['status', 'plan', 'log', 'library', 'playlists']) emit(topic);
}

// ---------------------------------------------------------------- login

async function login(token, quiet) {
    const api = new Api(token);
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
    if (err instanceof ApiError && err.status === 401) return t('login.wrong');
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
    stopPolling();
    forgetSession();
    sessionStorage.removeItem('vc-token');
    document.body.dataset.role = '';
    emit('logout');
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
    startPolling();
    loadPlaylists();
    loadLibrary();
}

// ---------------------------------------------------------------- wiring

function init() {
    for (const panel of PANELS) panel.start();
    applyI18n();
    on('unauthorized', () => logout(t('error.401')));
    $('lang-switch').addEventListener('click', () => {
        switchLanguage();
        hideMessage();  // it was written in the other language
        if (S.me) redraw();
        else applyI18n();
    });
    $('login-form').addEventListener('submit', (e) => {
        e.preventDefault();
        const token = $('login-token').value.trim();
        if (token) busy($('login-submit'), () => login(token, false));
    });
    $('logout').addEventListener('click', () => logout(''));
    $('message-close').addEventListener('click', hideMessage);
    setInterval(() => emit('tick'), 250);
    const token = sessionStorage.getItem('vc-token');
    if (token) login(token, true);
    else showLogin('');
}

init();
