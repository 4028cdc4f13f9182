// Types of credgate/worker (js/worker.js): every Engine method, answered as a promise by an
// Engine living in a Web Worker. Derived from the Engine class's own (generated) types, so they
// cannot drift from it.
import type { Engine, Credentials, Roster, Finding, Status } from "./index.js";

/** An Engine member as the worker answers it: a method's result, or a getter's value, as a promise. */
type Remote<T> = T extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : () => Promise<T>;

/** Text of a document as bytes (UTF-8), transferred to the worker instead of copied. */
export type DocumentBytes = ArrayBuffer | Uint8Array;

/**
 * `validate()` in compact form (`validateStatuses()`): the i-th non-ok assignment is
 * `employeeIds[i]` on `shiftIds[i]`, its status `codes[i]` (1 warn, 2 block, as `statusAt`);
 * the full verdict of one is `check(employeeId, shiftId)`.
 */
export interface ValidationStatuses {
  /** The worst status of all, as `validate().status`. */
  status: Status;
  employeeIds: string[];
  shiftIds: string[];
  /** One status code per non-ok assignment (transferred, not copied). */
  codes: Uint8Array;
  /** The shift-level findings, as `validate().findings`. */
  findings: Finding[];
}

/** Options of `WorkerEngine.load`. */
export interface WorkerOptions {
  /** The worker script (default: the package's `worker-script.js`, beside `worker.js`). */
  workerUrl?: string | URL;
  /** A worker already started on that script, instead of a new one. */
  worker?: Worker;
  /** The worker's name, for the browser's developer tools (default `"credgate"`). */
  name?: string;
}

/**
 * An Engine in a Web Worker: `await w.validate()`, `await w.check(employeeId, shiftId)`, ...
 * (each rejects with the same `Error`, its `errors` the problems, as the Engine method throws);
 * `await w.snapshot()` for `Engine.fromSnapshot(bytes)` on the page; `w.terminate()` to stop it.
 */
export type WorkerEngine = {
  [K in Exclude<keyof Engine, "free" | "snapshot">]: Remote<Engine[K]>;
} & {
  /**
   * The worker's alone: `validate()` with each verdict as its ids and a status code, cheap to
   * receive on the page's thread (the verdicts of the §5 data set take it about a second).
   */
  validateStatuses(): Promise<ValidationStatuses>;
  /** The worker's engine as bytes (transferred), for `Engine.fromSnapshot(bytes)` on the page. */
  snapshot(): Promise<Uint8Array>;
  /** Stops the worker; every pending and later call rejects. */
  terminate(): void;
};

export declare const WorkerEngine: {
  /**
   * Starts a module worker and loads the documents in it (JSON text, UTF-8 bytes, plain
   * objects, or a Blob such as a dropped File: the worker reads it, the page copies nothing).
   * Rejects with the load's error, its `errors` every problem with its path.
   */
  load(roster: Roster | string | DocumentBytes | Blob, credentials: Credentials | string | DocumentBytes | Blob, options?: WorkerOptions): Promise<WorkerEngine>;
};
