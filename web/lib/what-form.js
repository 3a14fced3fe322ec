// The part the air-now and one-shot forms share: what to air (a playlist or a clip, offered
// only when it can air) and at which priority (emergency for admins only).
import { $, el } from './dom.js';
import { PRIORITIES, duration, priorityName } from './format.js';
import { t } from './i18n.js';
import { showMessage } from './messages.js';
import { S, can, on } from './state.js';

function fillPrioritySelect(select) {
    const keep = select.value || 'notice';
    select.replaceChildren(...PRIORITIES
        .filter((p) => p !== 'emergency' || can('admin'))
        .map((p) => el('option', { value: p, text: priorityName(p) })));
    select.value = [...select.options].some((o) => o.value === keep) ? keep : 'notice';
}

function fillItemSelect(select, kind) {
    const keep = select.value;
    let options;
    if (kind === 'playlist') {
        options = S.playlists.map((p) => el('option', {
            value: p.name, disabled: p.duration_ms === null || (p.problems || []).length > 0,
            text: p.name + (p.duration_ms != null ? ' (' + duration(p.duration_ms) + ')' : ' — ' + t('form.cannot')),
        }));
    } else {
        options = S.clips.map((c) => el('option', {
            value: c.id, disabled: !c.can_air,
            text: c.id + (c.can_air ? ' (' + duration(c.duration_ms) + ')' : ' — ' + t('form.cannot')),
        }));
    }
    select.replaceChildren(el('option', { value: '', text: t('form.choose') }), ...options);
    if ([...select.options].some((o) => o.value === keep && !o.disabled)) select.value = keep;
}

/// Keeps the choices of the form `name`-form (fields `name`-kind, `name`-item, `name`-priority)
/// up to date, and on submit calls submit({kind, item, priority}) once an item is chosen.
export function whatForm(name, submit) {
    const item = $(name + '-item');
    const priority = $(name + '-priority');
    const kind = () => document.querySelector(`input[name="${name}-kind"]:checked`).value;
    const fillItems = () => fillItemSelect(item, kind());
    for (const radio of document.querySelectorAll(`input[name="${name}-kind"]`)) radio.addEventListener('change', fillItems);
    on('library', fillItems);
    on('playlists', fillItems);
    on('language', () => fillPrioritySelect(priority));
    $(name + '-form').addEventListener('submit', (event) => {
        event.preventDefault();
        if (!item.value) return showMessage(t('form.missing.item'), 'error');
        return submit({ kind: kind(), item: item.value, priority: priority.value });
    });
}
