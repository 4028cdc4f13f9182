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

/** Text that came as bytes (transferred to spare the copy) back to a string. */
const text = (v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? decoder.decode(v) : v);

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

function answer(method, args) {
  if (method === "load") {
    engine?.free();
    engine = null;
    engine = Engine.load(text(args[0]), text(args[1]));
    return undefined;
  }
  if (!engine) throw new Error("credgate/worker: no engine is loaded");
  if (method === "free") throw new Error("credgate/worker: free the worker's engine with terminate()");
  const member = engine[method];
  if (member === undefined) throw new Error(`credgate/worker: the Engine has no method ${method}`);
  return typeof member === "function" ? member.apply(engine, args) : member;
}

self.onmessage = async (event) => {
  const { id, method, args } = event.data ?? {};
  queue = queue.then(async () => {
    try {
      Engine ??= (await ready).Engine;
      const value = answer(method, Array.isArray(args) ? args : []);
      const transfer = ArrayBuffer.isView(value) && !(typeof SharedArrayBuffer !== "undefined" && value.buffer instanceof SharedArrayBuffer) ? [value.buffer] : [];
      self.postMessage({ id, value }, transfer);
    } catch (e) {
      self.postMessage({ id, error: describe(e) });
    }
  });
};
