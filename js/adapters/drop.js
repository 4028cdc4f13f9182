// The edit a calendar's drop makes, shared by the FullCalendar and Bryntum adapters: ONE batch
// (`engine.apply`), judged as a whole and undone as one. A move in time is `[moveShift]`, a
// hand-over `[assign the new person, unassign the old one]`, a hand-over at another time
// `[moveShift, assign, unassign]`, and a drop of several events the ops of each, in one batch.
// When credgate refuses the batch, an `ask` callback (the adapter's `override`) is given the
// verdicts it newly blocks; an override it answers applies the batch anyway, over the block,
// logged by the engine. `ask` may answer at once or with a promise (a dialog): the result comes
// the same way. While dragging, `judge` reads `engine.preview` of the same batch.

/**
 * What the edits need of an Engine: the one from `credgate`.
 * @typedef {Pick<import("../index.js").Engine, "apply">} Engine
 */
/** @typedef {import("../index.js").Verdict} Verdict */
/** @typedef {import("../index.js").Op} Op */
/** @typedef {import("../index.js").ApplyResult} ApplyResult */
/** @typedef {import("../index.js").Override} Override */

/**
 * Asked when credgate refuses a drop's batch, with the verdicts it newly blocks: an override
 * applies it anyway; `undefined` leaves it refused. It may answer with a promise.
 * @typedef {(verdicts: Verdict[]) => Override | undefined | PromiseLike<Override | undefined>} Ask
 */
/**
 * One dragged event's part of a drop: shift `shiftId` moved in time (`kind: "move"`), or handed
 * over from `from` to `to` (`kind: "handover"`; `moved`: at another time too).
 * @typedef {{ kind: "move", shiftId: string } | { kind: "handover", shiftId: string, from: string, to: string, moved: boolean }} Part
 */
/**
 * What a drop did, beside its batch's result: one event's {@link Part}, or several events'
 * (`kind: "several"`, one part each, applied or refused together).
 * @typedef {Part | { kind: "several", parts: Part[] }} Outcome
 */

/**
 * The ops of one event's part: `[moveShift]` when `start` and `end` are given, then `[assign,
 * unassign]` when it changes person.
 * @param {string} shiftId
 * @param {{ from?: string, to?: string, start?: string, end?: string }} change
 * @returns {{ ops: Op[], part: Part }}
 */
export function dropOps(shiftId, { from, to, start, end }) {
  /** @type {Op[]} */
  const ops = [];
  const moved = start !== undefined && end !== undefined;
  if (moved) ops.push({ op: "moveShift", shiftId, start, end });
  if (from === undefined || to === undefined || from === to) return { ops, part: { kind: "move", shiftId } };
  ops.push({ op: "assign", employeeId: to, shiftId }, { op: "unassign", employeeId: from, shiftId });
  return { ops, part: { kind: "handover", shiftId, from, to, moved } };
}

/**
 * The verdicts a batch's answer newly blocks (why it is refused): the new verdict of each
 * assignment whose status became `block`.
 * @param {ApplyResult} result
 * @returns {Verdict[]}
 */
export function newlyBlocked(result) {
  return result.changes.verdicts.flatMap((c) => (c.after && c.after.status === "block" && c.before !== "block" ? [c.after] : []));
}

/**
 * What a preview of a drop's batch means while dragging: `allowed` when `apply` would apply it
 * (no problem, not refused) and, unless `allowWarn`, no assignment it changes warns; `verdicts`:
 * those that decide it (the newly blocked ones, else the warnings when they refuse, else every
 * changed assignment's new verdict).
 * @param {ApplyResult} result
 * @param {boolean} allowWarn
 * @returns {{ allowed: boolean, verdicts: Verdict[] }}
 */
export function judge(result, allowWarn) {
  const after = result.changes.verdicts.flatMap((c) => (c.after ? [c.after] : []));
  if (result.refused) return { allowed: false, verdicts: newlyBlocked(result) };
  const warns = after.filter((v) => v.status === "warn");
  if (!allowWarn && warns.length > 0) return { allowed: false, verdicts: warns };
  return { allowed: result.errors.length === 0, verdicts: after };
}

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
 * Applies `ops` as one batch; when credgate refuses it and `ask` is given, asks it, and applies
 * the batch again with the override it answers. `done` gets the last result: at once, or once
 * `ask`'s promise has settled (then the answer is a promise of `done`'s).
 * @template T
 * @param {Engine} engine
 * @param {Op[]} ops
 * @param {Ask | undefined} ask
 * @param {(result: ApplyResult) => T} done
 * @returns {T | Promise<T>}
 */
export function dropBatch(engine, ops, ask, done) {
  const result = engine.apply(ops);
  if (!result.refused || !ask) return done(result);
  const answer = ask(newlyBlocked(result));
  if (isThenable(answer)) return Promise.resolve(answer).then((ov) => done(ov ? engine.apply(ops, { override: ov }) : result));
  return done(answer ? engine.apply(ops, { override: answer }) : result);
}
