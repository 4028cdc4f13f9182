// credgate/worker: an Engine that lives in a Web Worker, so that loading SPEC §5's data set
// never freezes the page (docs/spec.md §6, "The page never freezes").
//
//   import { WorkerEngine } from "credgate/worker";
//   import { Engine } from "credgate";
//   const w = await WorkerEngine.load(rosterText, credentialsText);   // load runs in the worker
//   const { status } = await w.validate();                             // every Engine method, as a promise
//   const page = Engine.fromSnapshot(await w.snapshot());              // the synchronous drag path
//   w.terminate();
//
// The proxy is generic: a call `w.name(...args)` posts `{id, method: name, args}` to the worker
// (js/worker-script.js), which calls `engine[name](...args)` on its own Engine (the same
// package, the same .wasm) and answers `{id, value}` or `{id, error}`. An error is rebuilt on
// this side as an `Error` with the same `message`, `errors` (the problems, with paths) and
// `poisoned`, so `catch` code is the same as for the page's own Engine. A document given as a
// Blob (a File from an input or a drop) crosses as a handle and is read in the worker; text
// given as an ArrayBuffer or a typed array, and the bytes of `snapshot()`, `candidateStatuses()` and
// `validateStatuses()`'s codes, cross by transfer; strings and objects are copied by the
// browser's structured clone. One method is the worker's alone: `validateStatuses()`,
// `validate()` with each verdict as its ids and a status code (js/worker-script.js), for a page
// that would otherwise spend a second receiving every verdict with its reasons.

let nextId = 1;

/** An Error like the one the worker's Engine threw. */
function rebuild(e) {
  const err = new Error(e && typeof e.message === "string" ? e.message : String(e));
  if (e && typeof e.name === "string" && e.name !== "Error") err.name = e.name;
  if (e && Array.isArray(e.errors)) err.errors = e.errors;
  if (e && e.poisoned) err.poisoned = true;
  return err;
}

/** The buffers of `args` that may be transferred (each once). */
function transferables(args) {
  const out = [];
  for (const a of args) {
    const buffer = a instanceof ArrayBuffer ? a : ArrayBuffer.isView(a) ? a.buffer : null;
    if (buffer && !out.includes(buffer) && !(typeof SharedArrayBuffer !== "undefined" && buffer instanceof SharedArrayBuffer)) out.push(buffer);
  }
  return out;
}

export class WorkerEngine {
  /**
   * Starts a module worker running js/worker-script.js and loads the documents in it. Resolves
   * to the worker's engine once loaded; rejects with the load's error (its `errors` every
   * problem with its path), and then the worker is terminated.
   */
  static async load(roster, credentials, options = {}) {
    const url = options.workerUrl ?? new URL("./worker-script.js", import.meta.url);
    const worker = options.worker ?? new Worker(url, { type: "module", name: options.name ?? "credgate" });
    const engine = new WorkerEngine(worker);
    try {
      await engine.#call("load", [roster, credentials]);
    } catch (e) {
      engine.terminate();
      throw e;
    }
    return engine.#proxy;
  }

  #worker;
  #pending = new Map();
  #proxy;
  #closed = null;

  constructor(worker) {
    this.#worker = worker;
    worker.onmessage = (event) => {
      const { id, value, error } = event.data ?? {};
      const p = this.#pending.get(id);
      if (!p) return;
      this.#pending.delete(id);
      if (error !== undefined) p.reject(rebuild(error));
      else p.resolve(value);
    };
    // The worker script failed to start or threw outside a call: every call fails with it.
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.#fail(new Error(`credgate/worker: the worker failed: ${event.message || "it could not start (is the package's worker-script.js served?)"}`));
    };
    worker.onmessageerror = () => this.#fail(new Error("credgate/worker: a message from the worker could not be read"));
    const self = this;
    this.#proxy = new Proxy(this, {
      get(target, prop) {
        if (prop === "terminate") return () => self.terminate();
        if (prop === "snapshot") return () => self.#call("snapshot", []);
        // Not a thenable: `await WorkerEngine.load(...)` must resolve to the engine itself.
        if (typeof prop !== "string" || prop === "then" || prop === "constructor") return undefined;
        return (...args) => self.#call(prop, args);
      },
    });
  }

  #fail(err) {
    this.#closed ??= err;
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }

  #call(method, args) {
    if (this.#closed) return Promise.reject(this.#closed);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ id, method, args }, transferables(args));
      } catch (e) {
        this.#pending.delete(id);
        reject(e);
      }
    });
  }

  /** Stops the worker; every call still waiting, and every later one, rejects. */
  terminate() {
    this.#worker.terminate();
    this.#fail(new Error("credgate/worker: the worker was terminated"));
  }
}
