// "Air now": a playlist or clip on the air at once, after a confirmation (two at emergency
// priority).
import { $ } from '../lib/dom.js';
import { confirmStep } from '../lib/confirm.js';
import { priorityName } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { busy, showMessage } from '../lib/messages.js';
import { S } from '../lib/state.js';
import { refreshStatus } from '../lib/station.js';
import { whatForm } from '../lib/what-form.js';
import { zoneChoice } from '../lib/zone-choice.js';

/// Airs a playlist or clip now after the confirmations; the typed-notice tool airs by it too
/// (in every zone: `zones` is the form's choice only when the form asks).
export async function airNow({ kind, item, priority, zones = null }) {
    if (zones && zones.length === 0) return showMessage(t('now.zones.none'), 'error');
    const vars = { what: item, priority: priorityName(priority) };
    if (!(await confirmStep({
        title: t('now.confirm.title'), text: t('now.confirm.text', vars),
        ok: t('now.confirm.ok'), danger: priority === 'emergency',
    }))) return;
    if (priority === 'emergency' && !(await confirmStep({
        title: t('now.emergency.title'), text: t('now.emergency.text', vars),
        ok: t('now.emergency.ok'), danger: true,
    }))) return;
    await busy($('now-submit'), async () => {
        const body = { [kind]: item, priority };
        if (zones) body.zones = zones;
        const r = await S.api.post('/api/broadcast', body);
        showMessage(t('now.done', { what: item, id: r && r.broadcast || '' }));
        await refreshStatus();
    });
}

export function start() {
    const chosenZones = zoneChoice('now');
    whatForm('now', (choice) => airNow({ ...choice, zones: chosenZones() }));
}
