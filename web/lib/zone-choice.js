// The villages a form airs in: one box per zone the station declares (ticked: every zone it
// can reach), shown only on a station with zones; a zone the daemon cannot reach yet is shown
// unticked and disabled. Used by the air-now and one-shot forms (fieldset `name`-zones).
import { $, el } from './dom.js';
import { language, t } from './i18n.js';
import { S, on } from './state.js';

/// Keeps `name`-zones up to date; returns chosen(): the ticked zones, or null on a station
/// without zones (every loudspeaker).
export function zoneChoice(name) {
    let key = '';
    const render = () => {
        const zones = (S.status && S.status.zones) || [];
        const next = JSON.stringify([zones, language()]);
        if (next === key) return;
        key = next;
        $(name + '-zones').hidden = zones.length === 0;
        $(name + '-zone-list').replaceChildren(...zones.map((z) => el('label', { class: 'zone-choice' },
            el('input', { type: 'checkbox', name: name + '-zone', value: z.name, checked: z.reached, disabled: !z.reached }),
            el('span', { text: z.reached ? z.name : z.name + ' (' + t('now.zone.unreached') + ')' }))));
    };
    on('status', render);
    on('language', render);
    return () => {
        if ($(name + '-zones').hidden) return null;
        return [...document.querySelectorAll(`input[name="${name}-zone"]:checked`)].map((i) => i.value);
    };
}
