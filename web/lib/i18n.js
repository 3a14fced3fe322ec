// The console's words in the chosen language: Chinese by default, English switchable, the
// choice remembered in localStorage ("vc-lang"). The texts themselves are in i18n/.
import zh from '../i18n/zh.js';
import en from '../i18n/en.js';

const DICTIONARIES = { zh, en };

let lang = localStorage.getItem('vc-lang') === 'en' ? 'en' : 'zh';

/// "zh" or "en".
export const language = () => lang;

/// Switches to the other language and remembers the choice.
export function switchLanguage() {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('vc-lang', lang);
}

/// The text of `key` in the chosen language (Chinese where English lacks it, the key itself
/// where both do), with {name} replaced from `vars`.
export function t(key, vars = {}) {
    let s = DICTIONARIES[lang][key];
    if (s === undefined) s = zh[key];
    if (s === undefined) return key;
    return s.replace(/\{(\w+)\}/g, (_, name) => (vars[name] === undefined ? '' : String(vars[name])));
}

/// Writes the page's fixed texts (every element with data-i18n, the title, the lang attribute).
export function translatePage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('page.title');
    for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
}
