// The edit a calendar's drop makes, shared by the FullCalendar and Bryntum adapters: a move in
// time (`moveShift`) or a hand-over (`assign` the new person, then `unassign` the old one). When
// credgate refuses the edit, an `ask` callback (the adapter's `override`) is given the verdicts;
// an override it answers makes the edit anyway, over the block, and is logged by the engine.
// `ask` may answer at once or with a promise (a dialog): the result comes the same way.

/**
 * What the edits need of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "moveShift" | "assign" | "unassign">} Engine
 */
/** @typedef {import("../index.js").Verdict} Verdict */
/** @typedef {import("../index.js").EditResult} EditResult */
/** @typedef {import("../index.js").Override} Override */

/**
 * Asked when credgate refuses a drop's edit, with the verdicts it refused it for: an override
 * makes the edit anyway; `undefined` leaves it refused. It may answer with a promise.
 * @typedef {(verdicts: Verdict[]) => Override | undefined | PromiseLike<Override | undefined>} Ask
 */
/**
 * What a drop did, beside its result: a move in time (`result` is `moveShift`'s), or a
 * hand-over of `shiftId` from `from` to `to` (`result` is `assign`'s; `unassigned`, when it was
 * applied, is `unassign`'s, with the findings that taking `from` off the shift creates or clears).
 * @typedef {{ kind: "move", shiftId: string } | { kind: "handover", shiftId: string, from: string, to: string, unassigned?: EditResult }} Outcome
 */

/**
 * Whether `value` is a promise (or another thenable) rather than an answer.
 * @template T
 * @param {T | PromiseLike<T>} value
 * @returns {value is PromiseLike<T>}
 */
function isThenable(value) {
  return typeof value === "object" && value !== null && typeof (/** @type {{ then?: unknown }} */ (value).then) === "function";
}

/**
 * Makes `edit`; when credgate refuses it and `ask` is given, asks it, and makes the edit again
 * with the override it answers. `done` gets the last result: at once, or once `ask`'s promise
 * has settled (then the answer is a promise of `done`'s).
 * @template T
 * @param {(override?: Override) => EditResult} edit
 * @param {Ask | undefined} ask
 * @param {(result: EditResult) => T} done
 * @returns {T | Promise<T>}
 */
function editOrAsk(edit, ask, done) {
  const result = edit();
  if (!result.refused || !ask) return done(result);
  const answer = ask(result.verdicts ?? (result.verdict ? [result.verdict] : []));
  if (isThenable(answer)) return Promise.resolve(answer).then((ov) => done(ov ? edit(ov) : result));
  return done(answer ? edit(answer) : result);
}

/**
 * Moves shift `shiftId` to `[start, end)` with its people (`moveShift`).
 * @template T
 * @param {Engine} engine
 * @param {string} shiftId
 * @param {string} start
 * @param {string} end
 * @param {Ask | undefined} ask
 * @param {(result: EditResult, outcome: Outcome) => T} done
 * @returns {T | Promise<T>}
 */
export function dropMove(engine, shiftId, start, end, ask, done) {
  return editOrAsk((ov) => engine.moveShift(shiftId, start, end, ov), ask, (result) => done(result, { kind: "move", shiftId }));
}

/**
 * Hands shift `shiftId` from `from` over to `to`: assigns `to`, then, once that is applied,
 * unassigns `from`.
 * @template T
 * @param {Engine} engine
 * @param {string} shiftId
 * @param {string} from
 * @param {string} to
 * @param {Ask | undefined} ask
 * @param {(result: EditResult, outcome: Outcome) => T} done
 * @returns {T | Promise<T>}
 */
export function dropHandOver(engine, shiftId, from, to, ask, done) {
  return editOrAsk((ov) => engine.assign(to, shiftId, ov), ask, (result) => {
    /** @type {Outcome} */
    const outcome = { kind: "handover", shiftId, from, to };
    if (result.applied) outcome.unassigned = engine.unassign(from, shiftId);
    return done(result, outcome);
  });
}
