// "Reload" on the timeline: the daemon reads the station's files again; the page then says
// which files it refused and fetches everything anew.
import { $ } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { busy, showMessage } from '../lib/messages.js';
import { S } from '../lib/state.js';
import { loadLibrary, loadPlan, loadPlaylists, refreshStatus } from '../lib/station.js';

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

export function start() {
    $('reload').addEventListener('click', onReload);
}
