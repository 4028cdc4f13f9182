// How the WebAssembly reads JavaScript arguments that JSON cannot say as credgate means them:
// a `Date`. The WebAssembly imports this module (wasm-bindgen copies it into the package's
// snippets/); it is not part of the package's API.
//
// A `Date` given as an instant (`asOf`, `at`, `start`, `end`, also inside a placement, an
// override or an options object) is read as the page's local calendar date and time, with the
// page's local UTC offset: `new Date(2026, 11, 7, 18, 30)` in Chicago crosses as
// `2026-12-07T18:30:00.000-06:00`, so a date bound is read on 7 December, the day the person at
// the page sees (`toISOString()` would say 8 December, 00:30 UTC).

const pad = (n, width = 2) => String(n).padStart(width, "0");

/** A valid `Date` as RFC 3339 text in local time with the local offset. */
export function localInstant(date) {
  const east = -date.getTimezoneOffset();
  // An offset of seconds (some zones before 1900) has no RFC 3339 form: UTC says the instant.
  if (!Number.isInteger(east)) return date.toISOString();
  const abs = Math.abs(east);
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${east < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const isDate = (v) => Object.prototype.toString.call(v) === "[object Date]";

/** `JSON.stringify` of an argument object, each valid `Date` in it as `localInstant`. */
export function argumentJson(value) {
  return JSON.stringify(value, function (key, v) {
    const raw = this[key];
    return isDate(raw) && Number.isFinite(raw.getTime()) ? localInstant(raw) : v;
  });
}

// A string as UTF-8 will read it: each lone surrogate as U+FFFD, as `TextEncoder` writes it.
const wellFormed = (s) => s.replace(/\p{Cs}/gu, "\uFFFD");

/**
 * An override's JSON text. A plain object (an object literal, or one without a prototype; no
 * own `toJSON`) whose `by`, `reason` and `at` are strings or absent: the JSON of those three
 * alone (`null` for absent), read in that order, without writing the text of the rest of it.
 * Anything else (an array, a `Date` field, a field of another type, a getter that throws):
 * `argumentJson`'s text, and its errors.
 */
export function overrideJson(value) {
  if (isInstance(value, Object)) {
    const proto = Object.getPrototypeOf(value);
    if ((proto === null || proto === Object.prototype) && !Object.hasOwn(value, "toJSON")) {
      const fields = {};
      let plain = true;
      for (const key of ["by", "reason", "at"]) {
        let v;
        try {
          v = Reflect.get(value, key);
        } catch (_) {
          plain = false;
          break;
        }
        if (typeof v === "string") fields[key] = wellFormed(v);
        else if (v === undefined || v === null) fields[key] = null;
        else {
          plain = false;
          break;
        }
      }
      if (plain) return JSON.stringify(fields);
    }
  }
  return argumentJson(value);
}

/** `value instanceof type`, false where the test throws (a proxy's `getPrototypeOf` trap). */
function isInstance(value, type) {
  try {
    return value instanceof type;
  } catch (_) {
    return false;
  }
}

/** Now, as `toISOString` writes it: an override's `at` when it has none. */
export const nowInstant = () => new Date().toISOString();

/**
 * An instant argument that is not a string: a valid `Date` as `localInstant`, `false` for an
 * invalid `Date`, `undefined` for anything else.
 */
export function dateInstant(value) {
  if (!isInstance(value, Date)) return undefined;
  // `+`: the number the WebAssembly would have been given for it.
  return Number.isFinite(+value.getTime()) ? localInstant(value) : false;
}

/** `null` for `null`, else `typeof value`: how an argument error names what it found. */
export const typeName = (value) => (value === null ? "null" : typeof value);

/** What was thrown, in words: an `Error`'s `message` (whatever it is), a thrown string, else "an exception". */
export function describeThrown(e) {
  let error;
  try {
    error = e instanceof Error;
  } catch (_) {
    error = false;
  }
  if (error) return e.message;
  return typeof e === "string" ? e : "an exception";
}
