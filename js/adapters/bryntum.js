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
//
// `bryntumDrop` makes the edit on drop, as a listener for EventDrag's `beforeEventDropFinalize`:
// a shift dropped on another resource is handed over (the new person assigned, then the old one
// unassigned), one moved in time on its own resource is moved with `moveShift` (with all its
// people). What credgate refuses is cancelled (`context.valid = false`, so Bryntum puts the event
// back) and reported to `onResult` with the verdicts, unless an `override` callback answers an
// override: then the edit is made anyway and logged. An override may come from a dialog: when the
// callback answers with a promise, the drop waits for it (`context.async = true`, then
// `context.finalize(applied)`). Bryntum fires the event only for a drop its validatorFn let
// through: with an override callback, let blocked drops through (`valid: true`) so that it is asked.
//
//   import { bryntumDrop, bryntumValidator } from "credgate/adapters/bryntum";
//   new Scheduler({ features: { eventDrag: { validatorFn: bryntumValidator(engine, { roster }) } },
//     listeners: { beforeEventDropFinalize: bryntumDrop(engine, { roster, override: askLead, onResult }) } });
//
// As in the FullCalendar adapter, a hand-over keeps the shift's time: a drop on another resource
// at another time is cancelled (hand over, then move), and so is a drop of several events at once,
// since two edits in a row could leave half of one done.
import { allows, inOffsetOf, sameSpan, startsOf } from "./time.js";
import { dropHandOver, dropMove } from "./drop.js";

/**
 * What the adapter needs of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "checkMoved" | "check">} Engine
 */
/**
 * What {@link bryntumDrop} needs of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "assign" | "unassign" | "moveShift" | "assigned" | "employeeIndex" | "shiftIndex">} DropEngine
 */
/** @typedef {import("../index.js").Verdict} Verdict */
/** @typedef {import("../index.js").Roster} Roster */
/** @typedef {import("../index.js").EditResult} EditResult */
/** @typedef {import("../index.js").Override} Override */
/** @typedef {import("./drop.js").Outcome} Outcome */

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

/** The shift of an event: its `shiftId` field, else its id. @param {BryntumRecord} event */
const shiftField = (event) => String(event.get?.("shiftId") ?? event.id);

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
  const shiftId = options.shiftId ?? shiftField;
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

/**
 * The context of EventDrag's `beforeEventDropFinalize` (Scheduler Pro 7.3.2), the parts the
 * adapter reads and sets: the dragged `eventRecords` and `assignmentRecords` (the latter still on
 * the resource the drag began on, also `resourceRecord`), the resource dropped on
 * (`newResource`), the new `startDate` and `endDate`; `valid` (false cancels the drop), `async`
 * (true: the drop waits for `finalize`) and `finalize(valid)`.
 * @typedef {{ eventRecords: BryntumRecord[], assignmentRecords?: { resourceId?: string | number }[], newResource?: BryntumRecord | null, resourceRecord?: BryntumRecord | null, startDate?: Date, endDate?: Date, valid: boolean, async?: boolean, finalize: (valid: boolean) => void }} BryntumDropContext
 */
/**
 * A drop the adapter cancels without an edit: several events dragged at once (`several`); a
 * hand-over that also changes the shift's time (`moved`); onto a person already on the shift
 * (`assigned`); a shift or a person the engine does not know, or a drag from a resource that is
 * not on the shift in the engine (`unknown`).
 * @typedef {{ kind: "cancelled", shiftId: string, problem: "several" | "moved" | "assigned" | "unknown" }} Cancelled
 */

/**
 * @typedef {object} BryntumDropOptions
 * @property {Roster} [roster] the roster document, for each shift's UTC offset
 * @property {(event: BryntumRecord) => string} [shiftId] the shift of an event (default: its `shiftId` field, else its id)
 * @property {(verdicts: Verdict[], context: BryntumDropContext) => Override | undefined | PromiseLike<Override | undefined>} [override] asked when credgate refuses a drop: an override makes it anyway; a promise makes the drop wait for it
 * @property {(...args: [result: EditResult, context: BryntumDropContext, outcome: Outcome] | [result: null, context: BryntumDropContext, outcome: Cancelled]) => void} [onResult] after every drop that moves a shift or hands it over, before Bryntum updates its records: the edit's result (`applied`, `refused`, the verdicts), or `null` for a drop cancelled without one (`result === null` narrows `outcome` to {@link Cancelled})
 */

/**
 * A listener for Bryntum's `beforeEventDropFinalize` that makes the drop's edit in `engine`, or
 * cancels the drop.
 * @param {DropEngine} engine
 * @param {BryntumDropOptions} [options]
 * @returns {(event: { context: BryntumDropContext }) => void}
 */
export function bryntumDrop(engine, options = {}) {
  const { override, onResult } = options;
  const shiftId = options.shiftId ?? shiftField;
  const startOf = startsOf(options.roster);
  return ({ context }) => {
    const [event, ...others] = context.eventRecords ?? [];
    // Nothing dragged, or a drop outside the schedule: not a roster edit.
    if (!event || !context.newResource) return;
    const id = shiftId(event);
    const to = String(context.newResource.id);
    const from = String(context.assignmentRecords?.[0]?.resourceId ?? context.resourceRecord?.id ?? event.resourceId ?? to);
    const start = context.startDate ?? event.startDate;
    const end = context.endDate ?? event.endDate;
    const moved = !sameSpan(event.startDate, event.endDate, start, end);
    /** @param {Cancelled["problem"]} problem */
    const cancel = (problem) => {
      context.valid = false;
      onResult?.(null, context, { kind: "cancelled", shiftId: id, problem });
    };
    if (others.length > 0) return cancel("several");
    if (engine.shiftIndex(id) === undefined || engine.employeeIndex(to) === undefined) return cancel("unknown");
    const ask = override && ((/** @type {Verdict[]} */ verdicts) => override(verdicts, context));
    /** @param {EditResult} result @param {Outcome} outcome */
    const finish = (result, outcome) => {
      onResult?.(result, context, outcome);
      return result.applied;
    };
    /** @type {boolean | Promise<boolean>} */
    let applied;
    if (from !== to) {
      const people = engine.assigned(id);
      if (moved) return cancel("moved");
      if (people.includes(to)) return cancel("assigned");
      if (!people.includes(from)) return cancel("unknown");
      applied = dropHandOver(engine, id, from, to, ask, finish);
    } else if (moved && start && end) {
      applied = dropMove(engine, id, inOffsetOf(start, startOf(id)), inOffsetOf(end, startOf(id)), ask, finish);
    } else return; // where it already was
    if (typeof applied === "boolean") {
      if (!applied) context.valid = false;
      return;
    }
    // The override callback answered with a promise: Bryntum waits for finalize.
    context.async = true;
    applied.then(
      (ok) => context.finalize(ok),
      (error) => {
        context.finalize(false);
        throw error;
      },
    );
  };
}
