// FullCalendar (v6, with @fullcalendar/interaction): shifts as events, dragged or resized in
// time. `eventAllow` previews the move with credgate (nothing changes) and refuses a drop that
// would block anyone on the shift; `eventDrop`/`eventResize` make the move with `moveShift` and
// revert it when credgate refuses it.
//
//   import { fullCalendarAdapter } from "credgate/adapters/fullcalendar";
//   new Calendar(el, { editable: true, events, ...fullCalendarAdapter(engine, { roster }) });
//
// Times are written in the offset of the shift's start in `roster` (see time.js), so a date
// bound is read in the shift's own local day, as the CLI and the server do.
import { allows, inOffsetOf, startsOf } from "./time.js";

/**
 * What the adapter needs of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "checkMove" | "moveShift">} Engine
 */
/** @typedef {import("../index.js").Verdict} Verdict */
/** @typedef {import("../index.js").EditResult} EditResult */
/** @typedef {import("../index.js").Override} Override */
/** @typedef {import("../index.js").Roster} Roster */

/**
 * The parts of FullCalendar's EventApi the adapter reads.
 * @typedef {{ id: string, start: Date | null, end: Date | null }} CalendarEvent
 */
/**
 * The parts of FullCalendar's drop and resize info the adapter reads.
 * @typedef {{ event: CalendarEvent, oldEvent?: CalendarEvent, revert: () => void }} CalendarChange
 */

/**
 * @typedef {object} FullCalendarOptions
 * @property {Roster} [roster] the roster document, for each shift's UTC offset
 * @property {boolean} [allowWarn] let a drop that only warns through (default true)
 * @property {(event: CalendarEvent) => string} [shiftId] the shift of an event (default `event.id`)
 * @property {(verdicts: Verdict[], event: CalendarEvent) => void} [onPreview] every preview, e.g. to show why a slot is refused
 * @property {(verdicts: Verdict[], change: CalendarChange) => Override | undefined} [override] asked when a drop is refused: an override makes it anyway
 * @property {(result: EditResult, change: CalendarChange) => void} [onResult] after every drop or resize
 */

/**
 * FullCalendar callbacks backed by `engine`.
 * @param {Engine} engine
 * @param {FullCalendarOptions} [options]
 */
export function fullCalendarAdapter(engine, options = {}) {
  const { allowWarn = true, shiftId = (/** @type {CalendarEvent} */ e) => e.id, onPreview, override, onResult } = options;
  const startOf = startsOf(options.roster);
  const times = (/** @type {string} */ id, /** @type {Date} */ start, /** @type {Date | null} */ end, /** @type {CalendarEvent} */ old) => {
    const length = old.start && old.end ? old.end.getTime() - old.start.getTime() : 0;
    const reference = startOf(id);
    return [inOffsetOf(start, reference), inOffsetOf(end ?? new Date(start.getTime() + length), reference)];
  };

  /** @param {CalendarChange} change */
  const apply = (change) => {
    const id = shiftId(change.event);
    const old = change.oldEvent ?? change.event;
    if (!change.event.start) return;
    const [start, end] = times(id, change.event.start, change.event.end, old);
    let result = engine.moveShift(id, start, end);
    if (result.refused && override) {
      const ov = override(result.verdicts ?? [], change);
      if (ov) result = engine.moveShift(id, start, end, ov);
    }
    if (!result.applied) change.revert();
    onResult?.(result, change);
  };

  return {
    /**
     * @param {{ start: Date, end: Date | null }} dropInfo
     * @param {CalendarEvent | null} event null for an external drop, which this adapter leaves alone
     * @returns {boolean}
     */
    eventAllow(dropInfo, event) {
      if (!event) return true;
      const id = shiftId(event);
      const [start, end] = times(id, dropInfo.start, dropInfo.end, event);
      const verdicts = engine.checkMove(id, start, end);
      onPreview?.(verdicts, event);
      return verdicts.every((v) => allows(v, allowWarn));
    },
    /** @param {CalendarChange} change */
    eventDrop(change) {
      apply(change);
    },
    /** @param {CalendarChange} change */
    eventResize(change) {
      apply(change);
    },
  };
}
