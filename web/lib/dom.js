// Finding and making the page's elements: `$` finds one by id, `el` makes one. Text is always
// set as text (textContent, text nodes), never through innerHTML.

export const $ = (id) => document.getElementById(id);

/// An element with attributes (`class`, `text`, data-*, properties starting with "on") and
/// children (nodes or strings). Text never goes through innerHTML.
export function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else if (k === 'style') e.setAttribute('style', v);
        else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
        if (c === null || c === undefined || c === false) continue;
        e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
}
