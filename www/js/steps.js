// Work cut into steps, so that no task of the page runs long (SPEC §6, "the page never
// freezes"): a generator yields between small pieces of work, and `runSteps` runs pieces for a
// few milliseconds a task, giving the page back in between (it paints, takes input and hears
// from the worker). `parseSteps` is `JSON.parse` of a large document done that way: the
// top-level object's big arrays are parsed a few hundred kilobytes of text at a time.

/** How long one task runs pieces before it gives the page back (ms): well under 50. */
const BUDGET = 12;
/** How much text one piece of an array parses (UTF-16 code units): a few milliseconds. */
export const PIECE = 200_000;

/**
 * Runs a generator's pieces, `BUDGET` ms a task, and resolves to what it returns; to `null`
 * when `cancel.cancelled` became true between two tasks (a newer load replaced this one).
 */
export async function runSteps(steps, cancel = null) {
  for (;;) {
    const end = performance.now() + BUDGET;
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (performance.now() >= end) break;
    }
    await yieldToPage();
    if (cancel?.cancelled) {
      steps.return?.();
      return null;
    }
  }
}

/** Runs a generator to its end at once (for small inputs, and tests). */
export function runNow(steps) {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * A frame and a task later: the page paints and takes input before what follows (the steps of
 * a load, the rest of a list drawn after its first items).
 */
export function nextFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100); // no frames come to a hidden page
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}

/**
 * Ends the task: the page takes input (and paints, when a frame is due) before what follows.
 * Unlike a frame, it does not wait for one.
 */
export function yieldToPage() {
  if (typeof globalThis.scheduler?.yield === "function") return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * `JSON.parse(text)` in steps: yields between pieces and returns the same value. Each member
 * of the top-level object is parsed on its own, an array's elements a piece of text at a time.
 * Anything it does not expect (not an object at the top, or text that is not JSON) is handed
 * to `JSON.parse` whole, which answers the same value or throws its own error. `piece`: the
 * text parsed at once (smaller in tests, to cut small documents into many pieces).
 */
export function* parseSteps(text, piece = PIECE) {
  if (text.length < piece) return JSON.parse(text);
  const out = {};
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_OBJECT) return JSON.parse(text);
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_OBJECT) return JSON.parse(text);
  for (;;) {
    const keyEnd = text.charCodeAt(i) === QUOTE ? stringEnd(text, i) : -1;
    if (keyEnd < 0) return JSON.parse(text);
    const key = JSON.parse(text.slice(i, keyEnd));
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return JSON.parse(text);
    i = skipSpace(text, i + 1);
    let value;
    if (text.charCodeAt(i) === OPEN_ARRAY) {
      // Each element parsed from a slice of the text (a view of it, no copy), about `piece`
      // characters of elements a step. Not `[${piece}]`: that joined string is a copy of the
      // piece (18 MiB of temporary strings for the §5 roster, which V8 then collects).
      value = [];
      let start = i + 1;
      for (;;) {
        const stop = start + piece;
        let last = false;
        do {
          const end = scan(text, start, start);
          if (end < 0) return JSON.parse(text);
          last = text.charCodeAt(end) === CLOSE_ARRAY;
          if (skipSpace(text, start) < end) value.push(JSON.parse(text.slice(start, end)));
          else if (!(last && start === i + 1)) return JSON.parse(text); // `[1,]`, `[,1]`: JSON.parse's error
          start = end + 1;
        } while (!last && start < stop);
        if (last) break;
        yield;
      }
      i = start;
    } else {
      const end = scan(text, i, i);
      if (end < 0) return JSON.parse(text);
      value = JSON.parse(text.slice(i, end));
      i = end;
    }
    // As JSON.parse makes it: an own property, even named __proto__; the last duplicate wins.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i = skipSpace(text, i + 1);
      yield;
      continue;
    }
    if (c === CLOSE_OBJECT && skipSpace(text, i + 1) === text.length) return out;
    return JSON.parse(text);
  }
}

const QUOTE = 34, COMMA = 44, COLON = 58, OPEN_ARRAY = 91, BACKSLASH = 92, CLOSE_ARRAY = 93, OPEN_OBJECT = 123, CLOSE_OBJECT = 125;

/**
 * From `from`, at the depth of a value's start: the index of the first comma at that depth at
 * or after `after`, or of the bracket that closes the enclosing array or object; -1 when the
 * text ends first.
 */
function scan(text, from, after) {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth === 0) return i;
      depth--;
    } else if (c === COMMA && depth === 0 && i >= after) return i;
  }
  return -1;
}

/** The index after the string whose opening quote is at `i`; -1 when it does not end. */
function stringEnd(text, i) {
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return -1;
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

function skipSpace(text, i) {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
}
