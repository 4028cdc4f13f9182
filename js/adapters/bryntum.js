// Bryntum Scheduler: employees as resources, shifts as events. `validatorFn` for the EventDrag
// (and EventResize) feature asks credgate whether the dragged employee may work the shift at
// the new time, or whether the new resource may take it, and answers `{valid, message}` so
// Bryntum shows why a drop is refused.
//
//   import { bryntumValidator } from "credgate/adapters/bryntum";
//   const validate = bryntumValidator(engine, { roster });
//   new Scheduler({ features: {
//     eventDrag: { validatorFn: validate },
//     // EventResize's validatorFn answers a boolean, and its context names the event `record`.
//     eventResize: { validatorFn: (context) => validate(context).valid } }, ... });
//
// The verdict treats the employee as placed on the shift at the new time with the people
// already on it (who could supervise); when the drag hands the shift from one resource to
// another, the one it leaves is still counted among them.
import { allows, inOffsetOf, startsOf } from "./time.js";

/**
 * What the adapter needs of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "checkMoved" | "check">} Engine
 */
/** @typedef {import("../index.js").Verdict} Verdict */
/** @typedef {import("../index.js").Roster} Roster */

/**
 * The parts of a Bryntum record the adapter reads.
 * @typedef {{ id: string | number, resourceId?: string | number, startDate?: Date, endDate?: Date, get?: (field: string) => unknown }} BryntumRecord
 */
/**
 * The context Bryntum passes to a validatorFn: EventDrag's (`eventRecords`, `newResource`, the
 * new `startDate` and `endDate`), EventResize's (`record`, the new dates) or EventDragCreate's
 * (`record`, `resourceRecord`, the dates).
 * @typedef {{ eventRecords?: BryntumRecord[], eventRecord?: BryntumRecord, record?: BryntumRecord, newResource?: BryntumRecord | null, resourceRecord?: BryntumRecord | null, startDate?: Date, endDate?: Date }} BryntumDragContext
 */

/**
 * @typedef {object} BryntumOptions
 * @property {Roster} [roster] the roster document, for each shift's UTC offset
 * @property {boolean} [allowWarn] let a drop that only warns through (default true)
 * @property {(event: BryntumRecord) => string} [shiftId] the shift of an event (default: its `shiftId` field, else its id)
 * @property {(verdicts: Verdict[], context: BryntumDragContext) => void} [onPreview] every preview
 */

/**
 * A Bryntum `validatorFn` backed by `engine`.
 * @param {Engine} engine
 * @param {BryntumOptions} [options]
 * @returns {(context: BryntumDragContext) => { valid: boolean, message: string }}
 */
export function bryntumValidator(engine, options = {}) {
  const { allowWarn = true, onPreview } = options;
  const shiftId = options.shiftId ?? ((/** @type {BryntumRecord} */ e) => String(e.get?.("shiftId") ?? e.id));
  const startOf = startsOf(options.roster);
  return (context) => {
    const one = context.eventRecord ?? context.record;
    const events = context.eventRecords ?? (one ? [one] : []);
    const resource = context.newResource ?? context.resourceRecord ?? null;
    /** @type {Verdict[]} */
    const verdicts = [];
    for (const event of events) {
      const id = shiftId(event);
      const employee = String(resource?.id ?? event.resourceId ?? "");
      const start = context.startDate ?? event.startDate;
      const end = context.endDate ?? event.endDate;
      verdicts.push(
        start && end
          ? engine.checkMoved(employee, id, inOffsetOf(start, startOf(id)), inOffsetOf(end, startOf(id)))
          : engine.check(employee, id),
      );
    }
    onPreview?.(verdicts, context);
    const refused = verdicts.filter((v) => !allows(v, allowWarn));
    const shown = refused.length > 0 ? refused : verdicts;
    const message = shown.flatMap((v) => v.reasons.filter((r) => r.severity !== "info").map((r) => r.message)).join("; ");
    return { valid: refused.length === 0, message };
  };
}
