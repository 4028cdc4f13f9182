// Bryntum Scheduler: employees as resources, shifts as events. `validatorFn` for the EventDrag
// (and EventResize) feature previews with credgate (`engine.preview`, nothing changes) the very
// batch that `bryntumDrop` would apply for the drag, and answers `{valid, message}` so Bryntum
// shows why a drop is refused: not valid exactly when the drop would be refused (it newly blocks
// someone) or cancelled.
//
//   import { bryntumValidator } from "credgate/adapters/bryntum";
//   const validate = bryntumValidator(engine, { roster });
//   new Scheduler({ features: {
//     eventDrag: { validatorFn: validate },
//     // EventResize's validatorFn answers a boolean, and its context names the event `record`.
//     eventResize: { validatorFn: (context) => validate(context).valid } }, ... });
//
// `bryntumDrop` makes the edit on drop, as a listener for EventDrag's `beforeEventDropFinalize`:
// ONE batch (`engine.apply`), judged as a whole and undone as one. A shift dropped on another
// resource is handed over (`[assign the new person, unassign the old one]`, after a `moveShift`
// when it is also dropped at another time); one moved in time on its own resource is moved
// (`[moveShift]`, with all its people); several events dragged together make one batch of all
// their ops (each moved by the grabbed event's shift in time). What credgate refuses is
// cancelled (`context.valid = false`, so Bryntum puts the events back) and reported to
// `onResult` with the verdicts, unless an `override` callback answers an override: then the
// batch is applied anyway and logged. An override may come from a dialog: when the callback
// answers with a promise, the drop waits for it (`context.async = true`, then
// `context.finalize(applied)`). Bryntum fires the event only for a drop its validatorFn let
// through: with an override callback, let blocked drops through (`valid: true`) so that it is
// asked.
//
//   import { bryntumDrop, bryntumValidator } from "credgate/adapters/bryntum";
//   new Scheduler({ features: { eventDrag: { validatorFn: bryntumValidator(engine, { roster }) } },
//     listeners: { beforeEventDropFinalize: bryntumDrop(engine, { roster, override: askLead, onResult }) } });
//
// Several events from different resources dropped on another resource are cancelled: the
// context names the grabbed event's new resource only, not where the others land.
import { allows, inOffsetOf, sameSpan, startsOf } from "./time.js";
import { dropBatch, dropOps, judge } from "./drop.js";

/**
 * What {@link bryntumValidator} needs of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "preview" | "checkMoved" | "check" | "assigned" | "employeeIndex" | "shiftIndex">} Engine
 */
/**
 * What {@link bryntumDrop} needs of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "apply" | "assigned" | "employeeIndex" | "shiftIndex">} DropEngine
 */
/** @typedef {import("../index.js").Verdict} Verdict */
/** @typedef {import("../index.js").Roster} Roster */
/** @typedef {import("../index.js").ApplyResult} ApplyResult */
/** @typedef {import("../index.js").Override} Override */
/** @typedef {import("../index.js").Op} Op */
/** @typedef {import("./drop.js").Outcome} Outcome */
/** @typedef {import("./drop.js").Part} Part */

/**
 * The parts of a Bryntum record the adapter reads.
 * @typedef {{ id: string | number, resourceId?: string | number, startDate?: Date, endDate?: Date, get?: (field: string) => unknown }} BryntumRecord
 */
/**
 * The context Bryntum passes to a validatorFn: EventDrag's (`eventRecords`, their
 * `assignmentRecords`, `newResource`, the grabbed event's new `startDate` and `endDate`),
 * EventResize's (`record`, the new dates) or EventDragCreate's (`record`, `resourceRecord`, the
 * dates).
 * @typedef {{ eventRecords?: BryntumRecord[], assignmentRecords?: { resourceId?: string | number }[], eventRecord?: BryntumRecord, record?: BryntumRecord, newResource?: BryntumRecord | null, resourceRecord?: BryntumRecord | null, startDate?: Date, endDate?: Date }} BryntumDragContext
 */

/** The shift of an event: its `shiftId` field, else its id. @param {BryntumRecord} event */
const shiftField = (event) => String(event.get?.("shiftId") ?? event.id);

/**
 * A drop the adapter cancels without an edit: several events from different resources dropped
 * on another resource (`several`: where the others would land is not known); onto a person
 * already on the shift (`assigned`); a shift or a person the engine does not know, or a drag
 * from a resource that is not on the shift in the engine (`unknown`).
 * @typedef {{ kind: "cancelled", shiftId: string, problem: "several" | "assigned" | "unknown" }} Cancelled
 */

/**
 * The batch a drag stands for (the same for the validator and the drop), `null` when it changes
 * nothing, or why the drop is cancelled. Every event moves by the grabbed (first) one's shift in
 * time; when `to` is given and differs from an event's resource, that event is handed over.
 * @param {Pick<DropEngine, "assigned" | "employeeIndex" | "shiftIndex">} engine
 * @param {BryntumRecord[]} events
 * @param {BryntumDragContext} context
 * @param {string | undefined} to
 * @param {(event: BryntumRecord) => string} shiftId
 * @param {(shiftId: string) => string | undefined} startOf
 * @returns {{ ops: Op[], outcome: Outcome } | Cancelled | null}
 */
function plan(engine, events, context, to, shiftId, startOf) {
  const [first] = events;
  if (!first) return null;
  const start = context.startDate ?? first.startDate;
  const end = context.endDate ?? first.endDate;
  const shiftMs = start && first.startDate ? start.getTime() - first.startDate.getTime() : 0;
  /** @type {Op[]} */
  const ops = [];
  /** @type {Part[]} */
  const parts = [];
  const froms = new Set();
  for (const [i, event] of events.entries()) {
    const id = shiftId(event);
    /** @param {Cancelled["problem"]} problem @returns {Cancelled} */
    const cancel = (problem) => ({ kind: "cancelled", shiftId: id, problem });
    if (engine.shiftIndex(id) === undefined) return cancel("unknown");
    const from = String(context.assignmentRecords?.[i]?.resourceId ?? (i === 0 ? context.resourceRecord?.id : undefined) ?? event.resourceId ?? to ?? "");
    froms.add(from);
    const newStart = i === 0 ? start : event.startDate && new Date(event.startDate.getTime() + shiftMs);
    const newEnd = i === 0 ? end : event.endDate && new Date(event.endDate.getTime() + shiftMs);
    const moved = newStart && newEnd && !sameSpan(event.startDate, event.endDate, newStart, newEnd);
    const handover = to !== undefined && to !== from;
    if (handover) {
      const people = engine.assigned(id);
      if (engine.employeeIndex(to) === undefined) return cancel("unknown");
      if (people.includes(to)) return cancel("assigned");
      if (!people.includes(from)) return cancel("unknown");
    }
    if (!moved && !handover) continue; // where it already was
    const times = moved ? { start: inOffsetOf(newStart, startOf(id)), end: inOffsetOf(newEnd, startOf(id)) } : {};
    const one = dropOps(id, handover ? { from, to, ...times } : times);
    ops.push(...one.ops);
    parts.push(one.part);
  }
  if (froms.size > 1 && to !== undefined && [...froms].some((f) => f !== to)) return { kind: "cancelled", shiftId: shiftId(first), problem: "several" };
  if (parts.length === 0) return null;
  return { ops, outcome: events.length > 1 ? { kind: "several", parts } : parts[0] };
}

/** What the validator says of a cancelled drop. @param {Cancelled} c */
const cancelMessage = (c) =>
  c.problem === "several"
    ? "events from several resources cannot be dropped on another one"
    : c.problem === "assigned"
      ? `already on shift ${c.shiftId}`
      : `not on shift ${c.shiftId} in the roster`;

/**
 * @typedef {object} BryntumOptions
 * @property {Roster} [roster] the roster document, for each shift's UTC offset
 * @property {boolean} [allowWarn] let a drop that only warns through (default true)
 * @property {(event: BryntumRecord) => string} [shiftId] the shift of an event (default: its `shiftId` field, else its id)
 * @property {(verdicts: Verdict[], context: BryntumDragContext) => void} [onPreview] every preview, with the verdicts that decide it (the newly blocked ones when the drop would be refused)
 */

/**
 * A Bryntum `validatorFn` backed by `engine`: it previews the batch {@link bryntumDrop} would
 * apply, so the two agree.
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
    /** @type {Verdict[]} */
    let verdicts = [];
    let valid = true;
    if (!context.eventRecords && one && context.resourceRecord) {
      // EventDragCreate: a new event for the resource; judged as that person placed on the shift.
      const id = shiftId(one);
      const employee = String(context.resourceRecord.id);
      const start = context.startDate ?? one.startDate;
      const end = context.endDate ?? one.endDate;
      verdicts = [start && end ? engine.checkMoved(employee, id, inOffsetOf(start, startOf(id)), inOffsetOf(end, startOf(id))) : engine.check(employee, id)];
      valid = verdicts.every((v) => allows(v, allowWarn));
    } else {
      const events = context.eventRecords ?? (one ? [one] : []);
      const to = context.newResource ? String(context.newResource.id) : undefined;
      const batch = plan(engine, events, context, to, shiftId, startOf);
      if (batch && "problem" in batch) {
        onPreview?.([], context);
        return { valid: false, message: cancelMessage(batch) };
      }
      if (batch) ({ allowed: valid, verdicts } = judge(engine.preview(batch.ops), allowWarn));
    }
    onPreview?.(verdicts, context);
    const message = verdicts.flatMap((v) => v.reasons.filter((r) => r.severity !== "info").map((r) => r.message)).join("; ");
    return { valid, message };
  };
}

/**
 * The context of EventDrag's `beforeEventDropFinalize` (Scheduler Pro 7.3.2), the parts the
 * adapter reads and sets: the dragged `eventRecords` and their `assignmentRecords` (still on the
 * resources the drag began on; the grabbed one's also `resourceRecord`), the resource dropped on
 * (`newResource`), the grabbed event's new `startDate` and `endDate`; `valid` (false cancels the
 * drop), `async` (true: the drop waits for `finalize`) and `finalize(valid)`.
 * @typedef {{ eventRecords: BryntumRecord[], assignmentRecords?: { resourceId?: string | number }[], newResource?: BryntumRecord | null, resourceRecord?: BryntumRecord | null, startDate?: Date, endDate?: Date, valid: boolean, async?: boolean, finalize: (valid: boolean) => void }} BryntumDropContext
 */

/**
 * @typedef {object} BryntumDropOptions
 * @property {Roster} [roster] the roster document, for each shift's UTC offset
 * @property {(event: BryntumRecord) => string} [shiftId] the shift of an event (default: its `shiftId` field, else its id)
 * @property {(verdicts: Verdict[], context: BryntumDropContext) => Override | undefined | PromiseLike<Override | undefined>} [override] asked, with the verdicts it newly blocks, when credgate refuses a drop's batch: an override applies it anyway; a promise makes the drop wait for it
 * @property {(...args: [result: ApplyResult, context: BryntumDropContext, outcome: Outcome] | [result: null, context: BryntumDropContext, outcome: Cancelled]) => void} [onResult] after every drop that moves shifts or hands them over, before Bryntum updates its records: the batch's result (`applied`, `refused`, `changes`), or `null` for a drop cancelled without one (`result === null` narrows `outcome` to {@link Cancelled})
 */

/**
 * A listener for Bryntum's `beforeEventDropFinalize` that applies the drop's batch in `engine`,
 * or cancels the drop.
 * @param {DropEngine} engine
 * @param {BryntumDropOptions} [options]
 * @returns {(event: { context: BryntumDropContext }) => void}
 */
export function bryntumDrop(engine, options = {}) {
  const { override, onResult } = options;
  const shiftId = options.shiftId ?? shiftField;
  const startOf = startsOf(options.roster);
  return ({ context }) => {
    const events = context.eventRecords ?? [];
    // Nothing dragged, or a drop outside the schedule: not a roster edit.
    if (events.length === 0 || !context.newResource) return;
    const batch = plan(engine, events, context, String(context.newResource.id), shiftId, startOf);
    if (!batch) return; // where it already was
    if ("problem" in batch) {
      context.valid = false;
      onResult?.(null, context, batch);
      return;
    }
    const ask = override && ((/** @type {Verdict[]} */ verdicts) => override(verdicts, context));
    const applied = dropBatch(engine, batch.ops, ask, (result) => {
      onResult?.(result, context, batch.outcome);
      return result.applied;
    });
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
