// Plain HTML5 drag and drop: drag a person onto a shift, or a shift onto a person. On
// `dragstart` every possible target is marked with `data-credgate-status="ok|warn|block"` (one
// `candidateStatuses` call, or one `statusAt` per shift: numbers only), so CSS can colour them;
// `dragover` lets the drop through only where the status allows it; `drop` assigns with
// `assign`, asking `override` when credgate refuses.
//
//   <li data-employee-id="e-17" draggable="true">Ana Ruiz</li> ... <td data-shift-id="s-1"></td>
//   import { attachDragAndDrop } from "credgate/adapters/dnd";
//   const dnd = attachDragAndDrop(engine, document.querySelector("#board"), { onResult: render });
//   // later: dnd.detach();
import { allows } from "./time.js";

/**
 * What the adapter needs of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "employeeIndex" | "shiftIndex" | "statusAt" | "candidateStatuses" | "assign">} Engine
 */
/** @typedef {import("../index.js").EditResult} EditResult */
/** @typedef {import("../index.js").Override} Override */
/** @typedef {import("../index.js").Verdict} Verdict */

const STATUS = /** @type {const} */ (["ok", "warn", "block"]);
export const ATTRIBUTE = "data-credgate-status";

/**
 * @typedef {object} DragAndDropOptions
 * @property {boolean} [allowWarn] let a drop that only warns through (default true)
 * @property {(verdict: Verdict, pair: { employeeId: string, shiftId: string }) => Override | undefined} [override] asked when an assignment is refused
 * @property {(result: EditResult, pair: { employeeId: string, shiftId: string, target: Element }) => void} [onResult] after every drop
 */

/**
 * Wires drag and drop between `[data-employee-id]` and `[data-shift-id]` elements under `root`.
 * @param {Engine} engine
 * @param {Element | Document} root
 * @param {DragAndDropOptions} [options]
 * @returns {{ detach: () => void }}
 */
export function attachDragAndDrop(engine, root, options = {}) {
  const { allowWarn = true, override, onResult } = options;
  /** @type {{ kind: "employee" | "shift", id: string, targets: Map<Element, number> } | null} */
  let drag = null;

  /** @param {EventTarget | null} node @param {string} attribute */
  const closest = (node, attribute) => (node instanceof Element ? node.closest(`[${attribute}]`) : null);

  /** @param {DragEvent} event */
  const onDragStart = (event) => {
    const person = closest(event.target, "data-employee-id");
    const shift = closest(event.target, "data-shift-id");
    const source = person ?? shift;
    if (!source) return;
    /** @type {Map<Element, number>} */
    const targets = new Map();
    if (person) {
      const id = person.getAttribute("data-employee-id") ?? "";
      const e = engine.employeeIndex(id);
      if (e === undefined) return;
      for (const el of root.querySelectorAll("[data-shift-id]")) {
        const s = engine.shiftIndex(el.getAttribute("data-shift-id") ?? "");
        if (s !== undefined) targets.set(el, engine.statusAt(e, s));
      }
      drag = { kind: "employee", id, targets };
    } else if (shift) {
      const id = shift.getAttribute("data-shift-id") ?? "";
      if (engine.shiftIndex(id) === undefined) return;
      const statuses = engine.candidateStatuses(id);
      for (const el of root.querySelectorAll("[data-employee-id]")) {
        const e = engine.employeeIndex(el.getAttribute("data-employee-id") ?? "");
        if (e !== undefined) targets.set(el, statuses[e]);
      }
      drag = { kind: "shift", id, targets };
    }
    if (!drag) return;
    for (const [el, status] of drag.targets) el.setAttribute(ATTRIBUTE, STATUS[status] ?? "block");
    event.dataTransfer?.setData("text/plain", drag.id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = "copyMove";
  };

  /** @param {Event} event */
  const target = (event) => {
    if (!drag) return null;
    const el = closest(event.target, drag.kind === "employee" ? "data-shift-id" : "data-employee-id");
    return el && drag.targets.has(el) ? el : null;
  };

  /** @param {DragEvent} event */
  const onDragOver = (event) => {
    const el = target(event);
    if (!el || !drag) return;
    const status = STATUS[drag.targets.get(el) ?? 2] ?? "block";
    if (allows({ status }, allowWarn) || override) {
      event.preventDefault(); // lets the drop happen
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    } else if (event.dataTransfer) {
      event.dataTransfer.dropEffect = "none";
    }
  };

  /** @param {DragEvent} event */
  const onDrop = (event) => {
    const el = target(event);
    if (!el || !drag) return;
    event.preventDefault();
    const pair =
      drag.kind === "employee"
        ? { employeeId: drag.id, shiftId: el.getAttribute("data-shift-id") ?? "" }
        : { employeeId: el.getAttribute("data-employee-id") ?? "", shiftId: drag.id };
    let result = engine.assign(pair.employeeId, pair.shiftId);
    if (result.refused && override && result.verdict) {
      const ov = override(result.verdict, pair);
      if (ov) result = engine.assign(pair.employeeId, pair.shiftId, ov);
    }
    clear();
    onResult?.(result, { ...pair, target: el });
  };

  const clear = () => {
    if (drag) for (const el of drag.targets.keys()) el.removeAttribute(ATTRIBUTE);
    drag = null;
  };

  const listeners = /** @type {const} */ ([
    ["dragstart", onDragStart],
    ["dragover", onDragOver],
    ["drop", onDrop],
    ["dragend", clear],
  ]);
  for (const [type, f] of listeners) root.addEventListener(type, /** @type {EventListener} */ (f));
  return {
    detach() {
      clear();
      for (const [type, f] of listeners) root.removeEventListener(type, /** @type {EventListener} */ (f));
    },
  };
}
