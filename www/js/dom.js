// DOM helpers. Every piece of text that comes from a document goes in as a text node: this
// module has no way to insert HTML, on purpose.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Builds an element. `attrs` may hold `class`, `dataset` (object), `on` (event -> handler),
 * `hidden`, boolean or string attributes, and `text`. Children are nodes or strings (strings
 * become text nodes); null, undefined and false are skipped, arrays are flattened.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element (for charts and icons), built the same way. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

function applyAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "on") {
      for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    } else if (key === "dataset") {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.dataset[k] = String(v);
    } else if (key === "text") {
      el.textContent = String(value);
    } else if (key === "class") {
      el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    } else if (key.startsWith("on")) {
      throw new Error(`h(): pass handlers through "on", not ${key}`);
    } else if (key === "style" || key === "srcdoc" || key === "innerHTML") {
      throw new Error(`h(): ${key} is not allowed`);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

// Small line icons (24-unit viewBox). Status is never shown by colour alone: each status has
// its own shape and a word.
const ICONS = {
  ok: "M5 12.5l4.5 4.5L19 7.5",
  warn: "M12 4l9 16H3zM12 10v4.5M12 17.5v.01",
  block: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM8.5 8.5l7 7M15.5 8.5l-7 7",
  info: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 11v6M12 7.5v.01",
  person: "M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8zM4.5 20c.8-3.8 3.9-6 7.5-6s6.7 2.2 7.5 6",
  open: "M12 5v14M5 12h14",
  clock: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3 2",
  moon: "M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z",
  close: "M6 6l12 12M18 6L6 18",
  download: "M12 4v11M7 10.5l5 5 5-5M5 20h14",
  upload: "M12 16V5M7 9.5l5-5 5 5M5 20h14",
  grip: "M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01",
  shield: "M12 3l7 3v6c0 4.5-3 7.5-7 9c-4-1.5-7-4.5-7-9V6z",
};

export function icon(name, extraClass = "") {
  return s(
    "svg",
    { class: `icon icon-${name} ${extraClass}`.trim(), viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" },
    s("path", { d: ICONS[name] || ICONS.info }),
  );
}

export const STATUS_WORD = { ok: "OK", warn: "Warning", block: "Blocked", info: "Note" };
export const STATUS_BY_CODE = ["ok", "warn", "block"];

/** A status badge: icon and word, coloured. */
export function badge(status, word = STATUS_WORD[status] || status) {
  return h("span", { class: `badge st-${status}` }, icon(status), h("span", {}, word));
}

/** Offers `text` for download as `filename`. */
export function download(filename, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: filename, class: "visually-hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "1 shift", "2 shifts", "100,000 shifts". */
export function plural(n, one, many = one + "s") {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A number with thousands separators, as the page shows counts. */
export function count(n) {
  // toLocaleString is slow (Intl: its first call takes tens of milliseconds), and the counts of a
  // board are whole numbers, which need only their commas.
  if (typeof n !== "number" || Math.abs(n) < 1000) return String(n);
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ",") : n.toLocaleString("en-US");
}
