// The poisoned-instance guard: what the package adds around wasm-bindgen's generated `Engine`.
//
// credgate's core does not panic on any input, but if it ever did, the release build aborts and
// the WebAssembly instance traps (`RuntimeError: unreachable`). Its memory may then be left
// half-updated, so every engine living in that instance is unusable. This module patches the
// generated class in place (so the generated TypeScript types stay exactly right) so that:
//
//   - a trap is turned into a clear `Error` with `poisoned: true`, `errors: [{path: "engine", ...}]`,
//     the panic message when there was one (the Rust panic hook records it before the trap), and
//     the original as `cause`;
//   - the instance is replaced at once by a fresh one (wasm-bindgen's `__wbg_reset_state`), so
//     `Engine.load` and `Engine.restore(exported)` work again straight away;
//   - any later call on an engine of the trapped instance throws the same kind of clear Error.
//
// Every method goes through one try/catch; nothing else is added to the per-drag path.

const PANIC = Symbol.for("credgate.panic");
const GENERATION = Symbol("credgate.generation");

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
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === "constructor" || name === "free" || name.startsWith("__")) continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (typeof d.value === "function") {
      Object.defineProperty(proto, name, { ...d, value: wrapMethod(d.value) });
    } else if (typeof d.get === "function") {
      Object.defineProperty(proto, name, { ...d, get: wrapMethod(d.get) });
    }
  }
  for (const name of ["load", "restore", "fromSnapshot"]) {
    Object.defineProperty(Engine, name, { value: wrapStatic(Engine[name]), writable: true, configurable: true });
  }
  Object.defineProperty(Engine, GENERATION, { value: true });
  return Engine;
}
