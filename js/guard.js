// The poisoned-instance guard: what the package adds around wasm-bindgen's generated `Engine`.
//
// credgate's core does not panic on any input, but if it ever did, the release build aborts and
// the WebAssembly instance traps (`RuntimeError: unreachable`). Its memory may then be left
// half-updated, so every engine living in that instance is unusable. This module patches the
// generated class in place (so the generated TypeScript types stay exactly right) so that:
//
//   - a trap is turned into a clear `Error` with `poisoned: true`, `errors: [{path: "engine", ...}]`,
//     the panic message when there was one (the Rust panic hook records it before the trap, in a
//     build with ordinary panics; the package's .wasm aborts at once and carries none), and
//     the original as `cause`;
//   - the instance is replaced at once by a fresh one (wasm-bindgen's `__wbg_reset_state`), so
//     `Engine.load` and `Engine.restore(exported)` work again straight away;
//   - any later call on an engine of the trapped instance throws the same kind of clear Error.
//
// Every method goes through one try/catch; nothing else is added to the per-drag path.
//
// It also holds, per engine, the verdicts of the last `validate()`: the WebAssembly sends only
// the verdicts this engine's previous answer did not have, and how to put them among the ones
// it had (src/verdict/write.rs, `write_validation_since`), so that `validate()` right after an
// edit builds a few objects instead of every verdict. The verdicts are frozen (they are shared
// by the answers); each answer is a new object with a new array (docs/decisions.md, "validate
// sends what changed").

const PANIC = Symbol.for("credgate.panic");
const GENERATION = Symbol("credgate.generation");
const HELD = Symbol("credgate.validation");

// Freezes a verdict and everything in it (its reasons, evidence and their values).
function freeze(o) {
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) if (typeof o[i] === "object" && o[i] !== null) freeze(o[i]);
  } else {
    for (const k in o) if (typeof o[k] === "object" && o[k] !== null) freeze(o[k]);
  }
  return Object.freeze(o);
}

// `validate()` from the WebAssembly's answer `{status, verdicts, findings, seq, base, runs}`:
// `base` 0, every verdict; otherwise the verdicts held for answer `base`, skipped, kept and
// joined by the new ones in `verdicts` as `runs` (skip, keep, take) say.
function validateWith(raw) {
  return function validate() {
    const held = this[HELD];
    const d = raw.call(this, held === undefined ? 0 : held.seq);
    let verdicts;
    if (d.base === 0) {
      verdicts = d.verdicts;
      for (let i = 0; i < verdicts.length; i++) freeze(verdicts[i]);
    } else {
      if (held === undefined || held.seq !== d.base) throw new Error("credgate: a validation was misread (another base)");
      const prev = held.verdicts;
      const runs = d.runs;
      const fresh = d.verdicts;
      verdicts = [];
      let i = 0;
      let n = 0;
      for (let r = 0; r + 2 < runs.length; r += 3) {
        i += runs[r];
        for (const end = i + runs[r + 1]; i < end; i++) verdicts.push(prev[i]);
        for (const end = n + runs[r + 2]; n < end; n++) verdicts.push(freeze(fresh[n]));
      }
      if (i > prev.length || n !== fresh.length) throw new Error("credgate: a validation was misread (runs)");
    }
    this[HELD] = { seq: d.seq, verdicts };
    return { status: d.status, verdicts: verdicts.slice(), findings: d.findings };
  };
}

/** Patches `glue.Engine` (the wasm-bindgen class) in place; returns it. Idempotent. */
export function guard(glue) {
  const Engine = glue.Engine;
  if (Engine[GENERATION] !== undefined) return Engine;
  let generation = 0;
  let lastFailure = "";

  const poisoned = (message, cause) => {
    const err = new Error(message, { cause });
    err.errors = [{ path: "engine", message, document: "argument" }];
    err.poisoned = true;
    return err;
  };

  const isTrap = (e) =>
    e instanceof WebAssembly.RuntimeError ||
    (e instanceof RangeError && /call stack/i.test(e.message));

  // Turns what a call threw into what the caller should see.
  const failure = (self, e) => {
    if (isTrap(e)) {
      const panic = globalThis[PANIC];
      delete globalThis[PANIC];
      lastFailure = panic ? `panicked: ${panic}` : `trapped: ${e.message}`;
      generation += 1;
      glue.__wbg_reset_state();
      return poisoned(
        `credgate: the WebAssembly engine ${lastFailure}. Every Engine loaded before is unusable; ` +
          "load again, or rebuild from your last export with Engine.restore(exported).",
        e,
      );
    }
    if (self instanceof Engine && self[GENERATION] !== generation) {
      return poisoned(
        `credgate: this Engine belonged to a WebAssembly instance that ${lastFailure || "was reset"}; ` +
          "load again, or rebuild from your last export with Engine.restore(exported).",
        e,
      );
    }
    return e;
  };

  const stamp = (engine) => {
    engine[GENERATION] = generation;
    return engine;
  };

  const wrapMethod = (f) =>
    function (a, b, c, d) {
      try {
        return f.call(this, a, b, c, d);
      } catch (e) {
        throw failure(this, e);
      }
    };

  const wrapStatic = (f) =>
    function (a, b) {
      try {
        return stamp(f.call(this, a, b));
      } catch (e) {
        throw failure(undefined, e);
      }
    };

  const proto = Engine.prototype;
  // `free` of an engine from a trapped instance must not reach the fresh one, where its pointer
  // means something else: it only detaches the object.
  const free = proto.free;
  const safeFree = function () {
    if (this[GENERATION] !== undefined && this[GENERATION] !== generation) {
      this.__destroy_into_raw();
      return;
    }
    free.call(this);
  };
  Object.defineProperty(proto, "free", { value: safeFree, writable: true, configurable: true });
  if (typeof Symbol.dispose === "symbol" && proto[Symbol.dispose]) {
    Object.defineProperty(proto, Symbol.dispose, { value: safeFree, writable: true, configurable: true });
  }
  Object.defineProperty(proto, "validate", { value: validateWith(proto.validate), writable: true, configurable: true });
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === "constructor" || name === "free" || name.startsWith("__")) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (typeof d.value === "function") {
      Object.defineProperty(proto, name, { ...d, value: wrapMethod(d.value) });
    } else if (typeof d.get === "function") {
      Object.defineProperty(proto, name, { ...d, get: wrapMethod(d.get) });
    }
  }
  for (const name of ["load", "restore", "fromSnapshot", "fromSnapshotInSteps"]) {
    Object.defineProperty(Engine, name, { value: wrapStatic(Engine[name]), writable: true, configurable: true });
  }
  Object.defineProperty(Engine, GENERATION, { value: true });
  return Engine;
}
