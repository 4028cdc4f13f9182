// The worker side of credgate/worker (js/worker.js): a module worker that loads the package's
// browser entry (the same .wasm, fetched beside this file) and answers each message
// `{id, method, args}` by calling that method on its one Engine. See js/worker.js.
//
// The handler is set before the package is imported: the package's entry awaits the .wasm at
// its top level, and a module worker's messages that arrive while it evaluates, with no handler
// yet, are lost. Calls are answered in order, each after the one before.
const ready = import("./index.js");
let Engine = null;
let engine = null;
let queue = Promise.resolve();
const decoder = new TextDecoder();

/**
 * Text that came as bytes (transferred to spare the copy) or as a Blob (a File: the page sends a
 * handle, and the file is read here, off its thread) back to a string.
 */
const text = (v) => (typeof Blob !== "undefined" && v instanceof Blob ? v.text() : v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? decoder.decode(v) : v);

/** What crosses back of an error: its message, name, problems and poisoned flag. */
function describe(e) {
  if (e instanceof Error) {
    const out = { message: e.message, name: e.name };
    if (Array.isArray(e.errors)) out.errors = e.errors;
    if (e.poisoned) out.poisoned = true;
    return out;
  }
  return { message: String(e) };
}

/** Status codes as `statusAt` answers them. */
const CODE = { ok: 0, warn: 1, block: 2 };

/**
 * `validateStatuses()`, a method of the worker's alone: `validate()` with each verdict reduced
 * to its ids and a status code, for a page that draws statuses and opens full verdicts on
 * demand (`check`). Ten thousand verdicts with their reasons take the page's thread about a
 * second to receive; two arrays of ids and a transferred Uint8Array take a few milliseconds.
 */
function validateStatuses() {
  const { status, verdicts, findings } = engine.validate();
  const n = verdicts.length;
  const employeeIds = new Array(n);
  const shiftIds = new Array(n);
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = verdicts[i];
    employeeIds[i] = v.employeeId;
    shiftIds[i] = v.shiftId;
    codes[i] = CODE[v.status] ?? 0;
  }
  return { status, employeeIds, shiftIds, codes, findings };
}

/** The buffers of an answer that cross by transfer: the answer's own, or its `codes`'. */
function transferOf(value) {
  const view = ArrayBuffer.isView(value) ? value : ArrayBuffer.isView(value?.codes) ? value.codes : null;
  return view && !(typeof SharedArrayBuffer !== "undefined" && view.buffer instanceof SharedArrayBuffer) ? [view.buffer] : [];
}

async function answer(method, args) {
  if (method === "load") {
    engine?.free();
    engine = null;
    const [roster, credentials] = await Promise.all([text(args[0]), text(args[1])]);
    engine = Engine.load(roster, credentials);
    return undefined;
  }
  if (!engine) throw new Error("credgate/worker: no engine is loaded");
  if (method === "free") throw new Error("credgate/worker: free the worker's engine with terminate()");
  if (method === "validateStatuses") return validateStatuses();
  const member = engine[method];
  if (member === undefined) throw new Error(`credgate/worker: the Engine has no method ${method}`);
  return typeof member === "function" ? member.apply(engine, args) : member;
}

self.onmessage = async (event) => {
  const { id, method, args } = event.data ?? {};
  queue = queue.then(async () => {
    try {
      Engine ??= (await ready).Engine;
      const value = await answer(method, Array.isArray(args) ? args : []);
      self.postMessage({ id, value }, transferOf(value));
    } catch (e) {
      self.postMessage({ id, error: describe(e) });
    }
  });
};
