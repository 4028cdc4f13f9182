// FullCalendar (v6, with @fullcalendar/interaction): shifts as events, dragged or resized in
// time. `eventAllow` previews the move with credgate (`engine.preview`, nothing changes) and
// refuses a drop that credgate would refuse (it newly blocks someone on the shift);
// `eventDrop`/`eventResize` apply the move as a batch (`[moveShift]`) and revert it when credgate
// refuses it.
//
//   import { fullCalendarAdapter } from "credgate/adapters/fullcalendar";
//   new Calendar(el, { editable: true, events, ...fullCalendarAdapter(engine, { roster }) });
//
// Resource views (@fullcalendar/resource-timeline and the other resource plugins): employees as
// resources, one event per person on a shift (`resourceEvents` builds them, the events of one
// shift sharing a `groupId` so that they move in time together). Dragging a person's event onto
// another person's row hands the shift over: while dragging, `eventAllow` judges the row's
// person by previewing the batch the drop would apply (a row it would block is not allowed); on
// drop the adapter applies ONE batch, `[assign the row's person, unassign the one it came from]`
// (`[moveShift, assign, unassign]` when the drop is also at another time: the group's other
// events follow it in time), judged as a whole and undone as one, or reverts. Moving in time on
// the same row is the move above.
//
//   import { fullCalendarAdapter, resourceEvents } from "credgate/adapters/fullcalendar";
//   new Calendar(el, { initialView: "resourceTimelineDay", editable: true,
//     ...resourceEvents(roster), ...fullCalendarAdapter(engine, { roster, onPreview }) });
//
// With an `override` callback a blocked drop is allowed while dragging (the verdicts still go to
// `onPreview`) and the callback is asked on drop: an override makes the edit anyway.
//
// Times are written in the offset of the shift's start in `roster` (see time.js), so a date
// bound is read in the shift's own local day, as the CLI and the server do.
import { inOffsetOf, sameSpan, startsOf } from "./time.js";
import { dropBatch, dropOps, judge } from "./drop.js";

/**
 * What the adapter needs of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "apply" | "preview" | "assigned" | "employeeIndex">} Engine
 */
/** @typedef {import("../index.js").Verdict} Verdict */
/** @typedef {import("../index.js").ApplyResult} ApplyResult */
/** @typedef {import("../index.js").Override} Override */
/** @typedef {import("../index.js").Roster} Roster */

/**
 * The parts of FullCalendar's EventApi the adapter reads (`getResources` comes with the
 * resource plugins).
 * @typedef {{ id: string, start: Date | null, end: Date | null, extendedProps?: Record<string, unknown>, getResources?: () => { id: string }[], setProp?: (name: string, value: unknown) => void }} CalendarEvent
 */
/**
 * The parts of FullCalendar's drop and resize info the adapter reads; `oldResource` and
 * `newResource` are set (resource views) when a drop moved the event to another row.
 * @typedef {{ event: CalendarEvent, oldEvent?: CalendarEvent, revert: () => void, oldResource?: { id: string } | null, newResource?: { id: string } | null }} CalendarChange
 */
/**
 * What `eventAllow` is given: the place under the pointer (`resource`: its row, in resource views).
 * @typedef {{ start: Date, end: Date | null, resource?: { id: string } | null }} DropInfo
 */
/**
 * What a preview judged, beside its verdicts (those that decide it: the newly blocked ones, when
 * credgate would refuse the drop). `employeeId`: the row's person when the drag would hand the
 * shift over to them (`handover: true`; `moved`: at another time too); `allowed`: what
 * `eventAllow` answered; `problem`, for a hand-over the adapter refuses without a verdict: the
 * person is already on the shift (`assigned`) or is not an employee of the roster (`unknown`).
 * @typedef {{ handover: boolean, employeeId?: string, moved?: boolean, allowed: boolean, problem?: "assigned" | "unknown" }} Preview
 */
/**
 * What a drop or resize did, beside its batch's result: a move in time (`[moveShift]`), or a
 * hand-over of `shiftId` from `from` to `to` (`[assign, unassign]`, after a `moveShift` when
 * `moved`), applied or refused as a whole.
 * @typedef {import("./drop.js").Part} Outcome
 */

/**
 * @typedef {object} FullCalendarOptions
 * @property {Roster} [roster] the roster document, for each shift's UTC offset
 * @property {boolean} [allowWarn] let a drop that only warns through (default true)
 * @property {(event: CalendarEvent) => string} [shiftId] the shift of an event (default: its `extendedProps.shiftId`, else `event.id`)
 * @property {(verdicts: Verdict[], event: CalendarEvent, preview: Preview) => void} [onPreview] every preview, e.g. to show why a slot or a row is refused
 * @property {(verdicts: Verdict[], change: CalendarChange) => Override | undefined} [override] asked when a drop is refused: an override makes it anyway
 * @property {(result: ApplyResult, change: CalendarChange, outcome: Outcome) => void} [onResult] after every drop or resize: the batch's result (`applied`, `refused`, `changes`)
 */

/**
 * FullCalendar callbacks backed by `engine`.
 * @param {Engine} engine
 * @param {FullCalendarOptions} [options]
 */
export function fullCalendarAdapter(engine, options = {}) {
  const { allowWarn = true, onPreview, override, onResult } = options;
  const shiftId =
    options.shiftId ??
    ((/** @type {CalendarEvent} */ e) => (typeof e.extendedProps?.shiftId === "string" ? e.extendedProps.shiftId : e.id));
  const startOf = startsOf(options.roster);
  const times = (/** @type {string} */ id, /** @type {Date} */ start, /** @type {Date | null} */ end, /** @type {CalendarEvent} */ old) => {
    const length = old.start && old.end ? old.end.getTime() - old.start.getTime() : 0;
    const reference = startOf(id);
    return [inOffsetOf(start, reference), inOffsetOf(end ?? new Date(start.getTime() + length), reference)];
  };
  /** The event's rows' people (none outside resource views). */
  const owners = (/** @type {CalendarEvent} */ event) => (event.getResources?.() ?? []).map((r) => r.id);
  /** Whether `[start, end)` is where `event` already is. */
  const sameTime = (/** @type {CalendarEvent} */ event, /** @type {Date} */ start, /** @type {Date | null} */ end) =>
    event.start !== null && sameSpan(event.start, event.end, start, end);
  /** `override`, asked about `change`. */
  const ask = (/** @type {CalendarChange} */ change) => override && ((/** @type {Verdict[]} */ verdicts) => override(verdicts, change));

  /** @param {CalendarChange} change */
  const move = (change) => {
    const id = shiftId(change.event);
    const old = change.oldEvent ?? change.event;
    if (!change.event.start) return;
    const [start, end] = times(id, change.event.start, change.event.end, old);
    const { ops, part } = dropOps(id, { start, end });
    dropBatch(engine, ops, ask(change), (result) => {
      if (!result.applied) change.revert();
      onResult?.(result, change, part);
    });
  };

  /** @param {CalendarChange} change @param {string} from @param {string} to */
  const handOver = (change, from, to) => {
    const id = shiftId(change.event);
    const old = change.oldEvent ?? change.event;
    // Onto a person already on the shift (eventAllow refuses it): nothing is changed.
    if (!change.event.start || engine.assigned(id).includes(to)) {
      change.revert();
      return;
    }
    const [start, end] = sameTime(old, change.event.start, change.event.end) ? [] : times(id, change.event.start, change.event.end, old);
    const { ops, part } = dropOps(id, { from, to, start, end });
    dropBatch(engine, ops, ask(change), (result) => {
      if (!result.applied) change.revert();
      // An event of resourceEvents' is named after its person.
      else if (change.event.id === `${id}/${from}`) change.event.setProp?.("id", `${id}/${to}`);
      onResult?.(result, change, part);
    });
  };

  return {
    /**
     * @param {DropInfo} dropInfo
     * @param {CalendarEvent | null} event null for an external drop, which this adapter leaves alone
     * @returns {boolean}
     */
    eventAllow(dropInfo, event) {
      if (!event) return true;
      const id = shiftId(event);
      const target = dropInfo.resource?.id;
      if (target !== undefined && !owners(event).includes(target)) {
        // Onto another person's row: a hand-over (at another time too, when moved).
        const moved = !sameTime(event, dropInfo.start, dropInfo.end);
        /** @type {Preview} */
        const preview = { handover: true, employeeId: target, moved, allowed: false };
        /** @type {Verdict[]} */
        let verdicts = [];
        if (engine.employeeIndex(target) === undefined) preview.problem = "unknown";
        else if (engine.assigned(id).includes(target)) preview.problem = "assigned";
        else {
          const [start, end] = moved ? times(id, dropInfo.start, dropInfo.end, event) : [];
          const judged = judge(engine.preview(dropOps(id, { from: owners(event)[0], to: target, start, end }).ops), allowWarn);
          verdicts = judged.verdicts;
          preview.allowed = judged.allowed || override !== undefined;
        }
        onPreview?.(verdicts, event, preview);
        return preview.allowed;
      }
      // On its own row (or no rows): a move in time; where it already is, nothing to judge.
      if (target !== undefined && sameTime(event, dropInfo.start, dropInfo.end)) return true;
      const [start, end] = times(id, dropInfo.start, dropInfo.end, event);
      const judged = judge(engine.preview(dropOps(id, { start, end }).ops), allowWarn);
      const allowed = judged.allowed || override !== undefined;
      onPreview?.(judged.verdicts, event, { handover: false, allowed });
      return allowed;
    },
    /** @param {CalendarChange} change */
    eventDrop(change) {
      const from = change.oldResource?.id;
      const to = change.newResource?.id;
      if (from !== undefined && to !== undefined && from !== to) handOver(change, from, to);
      else move(change);
    },
    /** @param {CalendarChange} change */
    eventResize(change) {
      move(change);
    },
  };
}

/**
 * A FullCalendar event of one person on one shift, as {@link resourceEvents} writes it.
 * @typedef {{ id: string, groupId: string, resourceId: string, title: string, start: string, end: string, extendedProps: { shiftId: string } }} ResourceEvent
 */

/**
 * The `resources` (the roster's employees) and `events` (one per person on a shift, `id`
 * `"<shift>/<employee>"`, renamed by the adapter when the shift is handed over; `groupId` and
 * `extendedProps.shiftId` the shift's id) of a resource view, from a roster document: the one
 * loaded, or `engine.export().roster` after edits.
 * @param {Roster} roster
 * @param {{ title?: (shift: NonNullable<Roster["shifts"]>[number]) => string }} [options] an event's title (default: the shift's id)
 * @returns {{ resources: { id: string, title: string }[], events: ResourceEvent[] }}
 */
export function resourceEvents(roster, options = {}) {
  const title = options.title ?? ((s) => s.id);
  return {
    resources: (roster.employees ?? []).map((e) => ({ id: e.id, title: typeof e.name === "string" ? e.name : e.id })),
    events: (roster.shifts ?? []).flatMap((s) =>
      (s.assigned ?? []).map((employeeId) => ({
        id: `${s.id}/${employeeId}`,
        groupId: s.id,
        resourceId: employeeId,
        title: title(s),
        start: s.start,
        end: s.end,
        extendedProps: { shiftId: s.id },
      })),
    ),
  };
}
