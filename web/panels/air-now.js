// "Air now": a playlist or clip on the air at once, after a confirmation (two at emergency
// priority).
import { $, el } from '../lib/dom.js';
import { confirmStep } from '../lib/confirm.js';
import { priorityName } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { busy, showMessage } from '../lib/messages.js';
import { S, on } from '../lib/state.js';
import { refreshStatus } from '../lib/station.js';
import { whatForm } from '../lib/what-form.js';

let zonesKey = '';

/// One box per zone the station declares (ticked: every zone), shown only on a station with
/// zones; a zone the daemon cannot reach yet is shown, unticked and disabled.
function renderZones() {
    const zones = (S.status && S.status.zones) || [];
    const key = JSON.stringify(zones);
    if (key === zonesKey) return;
    zonesKey = key;
    $('now-zones').hidden = zones.length === 0;
    $('now-zone-list').replaceChildren(...zones.map((z) => el('label', { class: 'zone-choice' },
        el('input', { type: 'checkbox', name: 'now-zone', value: z.name, checked: z.reached, disabled: !z.reached }),
        el('span', { text: z.reached ? z.name : z.name + ' (' + t('now.zone.unreached') + ')' }))));
}

/// The zones ticked in the air-now form; null on a station without zones (every loudspeaker).
function chosenZones() {
    if ($('now-zones').hidden) return null;
    return [...document.querySelectorAll('input[name="now-zone"]:checked')].map((i) => i.value);
}

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
    whatForm('now', (choice) => airNow({ ...choice, zones: chosenZones() }));
    on('status', renderZones);
    on('language', () => { zonesKey = ''; renderZones(); });
}
