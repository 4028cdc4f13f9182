//! The manager's report: alerts, gaps and the audit in one self-contained HTML page.
//!
//! This module owns [`ReportOptions`] and [`Engine::report_html`]. The page is one file that
//! opens offline and prints: the CSS is inline, the charts are inline SVG, there is no script
//! and no reference to anything outside the file (no fonts, images, links to other sites).
//! Every piece of document text (names, ids, reasons, messages) is HTML-escaped, so an
//! employee named `<script>` is shown, not run.
//!
//! It holds, in order:
//!
//! 1. a summary: alerts, expired-and-needed, blocked assignments, shifts nobody can work, audit
//!    findings, overrides;
//! 2. the renewal alerts as of the report's instant ([`Engine::alerts`]), as a bar chart per
//!    bucket and a table;
//! 3. the gaps over the window `[asOf, to)` (by default 28 days) per location or team
//!    ([`Engine::gaps`]): a chart of expiries, blocked assignments and open shifts per group,
//!    then per group a heat map of the qualified headcount per code and day (red where nobody
//!    qualifies), and the blocked and open shifts;
//! 4. the audit findings ([`Engine::audit`]) and the override log.
//!
//! A table shows at most 500 rows, with a note counting the rest: the page is for reading, and
//! the JSON of each sub-command has everything.
//!
//! The markup is written compactly: no newline between tags, an attribute's value unquoted
//! where HTML allows it (no space in it; ` />` closing an SVG element after one), and none of
//! the end tags that HTML implies (`</td>`, `</th>`, `</tr>`, `</thead>`, `</tbody>`): a
//! browser builds the same document from it.
//!
//! # Example
//!
//! ```
//! use credgate::{Engine, ReportOptions};
//! let credentials = r#"{"credentialTypes": [{"code": "BLS"}],
//!   "credentials": [{"id": "c1", "employeeId": "e1", "code": "BLS", "validUntil": "2026-12-20"}]}"#;
//! let roster = r#"{"employees": [{"id": "e1", "name": "Ana <Ruiz>"}]}"#;
//! let engine = Engine::load(roster, credentials)?.engine;
//! let html = engine.report_html("2026-12-07T08:00:00-06:00", &ReportOptions::default())?;
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("Ana &lt;Ruiz&gt;"));
//! assert!(!html.contains("<script"));
//! # Ok::<(), credgate::Error>(())
//! ```

use crate::alerts::{Alert, Basis, Bucket};
use crate::audit::Audit;
use crate::engine::{instant_arg, Engine};
use crate::error::Error;
use crate::gaps::{GapGroup, Gaps, GroupBy, MAX_GAP_DAYS};
use crate::json::Value;
use crate::time::{self, DAY_MS};
use crate::verdict::Severity;

/// What the HTML report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The alert horizon in days; `None`: each type's largest `alertDays`.
    pub days: Option<u32>,
    /// The end of the gap window (exclusive); `None`: 28 days after `asOf`.
    pub to: Option<String>,
    /// How to group the gaps.
    pub group_by: GroupBy,
    /// The page's title; `None`: "Credential report".
    pub title: Option<String>,
}

/// The gaps' grouping when none is given: by location.
pub(crate) const DEFAULT_GROUP_BY: GroupBy = GroupBy::Location;

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { days: None, to: None, group_by: DEFAULT_GROUP_BY, title: None }
    }
}

/// Appends `s` escaped for HTML content and attribute values (`&`, `<`, `>`, `"` and `'` as
/// entities), written straight into the page rather than through a formatter.
#[inline(never)]
fn push_esc(h: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // `i` is the byte of an ASCII character: a boundary.
        put(h, s.get(start..i).unwrap_or_default());
        put(h, escaped);
        start = i + 1;
    }
    put(h, s.get(start..).unwrap_or_default());
}

/// Appends `template` with each `$` replaced by the next of `texts`, escaped, and each `^` by
/// the next of `numbers` in decimal (an argument missing writes nothing). The page's one writer
/// of its repeated shapes (decision 155): a site costs its template, which is data, and two
/// slices, where a `write!` built a formatter's argument (and an escaping wrapper) per value.
/// No template of this module holds a `$` or a `^` of its own.
#[inline(never)]
fn fill(h: &mut String, template: &str, texts: &[&str], numbers: &[i64]) {
    let (mut texts, mut numbers) = (texts.iter(), numbers.iter());
    let mut start = 0;
    for (i, b) in template.bytes().enumerate() {
        if b != b'$' && b != b'^' {
            continue;
        }
        // `i` is the byte of an ASCII character: a boundary.
        put(h, template.get(start..i).unwrap_or_default());
        if b == b'$' {
            push_esc(h, texts.next().copied().unwrap_or_default());
        } else if let Some(&n) = numbers.next() {
            crate::human::push_int(h, n);
        }
        start = i + 1;
    }
    put(h, template.get(start..).unwrap_or_default());
}

/// The page's stylesheet, written compactly (decision NN): the colours in place (text
/// `#1d2433`, muted `#5b6477`, lines `#d9dee8`, background `#f6f7fa`, block `#b42318`, warn
/// `#b54708`, ok `#067647`, info `#175cd3`) and one-letter classes: `T` the tiles' grid, `t` a
/// tile, `c` a card, `p` a pill, `m` muted text, `e` an empty section's note, `n` a number's
/// cell, `a` a chart's axis; `b`, `w`, `g` and `i` colour a tile's count or a pill: block,
/// warn, good (ok) and info.
const CSS: &str = concat!(
    "*{box-sizing:border-box}",
    "body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif;color:#1d2433;background:#f6f7fa;margin:0}",
    "main{max-width:1180px;margin:0 auto;padding:24px}",
    "h1{margin:0 0 4px;font-size:24px}",
    "header p{margin:0}",
    "header p,.t span,.m,.e,footer{color:#5b6477}",
    "h2{margin:32px 0 8px;font-size:19px;border-bottom:2px solid #d9dee8;padding-bottom:4px}",
    "h3{margin:20px 0 6px;font-size:16px}",
    ".T{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-top:20px}",
    ".t,.c{background:#fff;border:1px solid #d9dee8;border-radius:8px;padding:12px}",
    ".t b{display:block;font-size:26px}",
    ".t span{font-size:12px}",
    ".b b{color:#b42318}.w b{color:#b54708}.g b{color:#067647}",
    ".c{padding:12px 16px;margin:12px 0;overflow-x:auto}",
    "table{border-collapse:collapse;width:100%;font-size:13px}",
    "th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #d9dee8;vertical-align:top}",
    "th{background:#f6f7fa;font-weight:600;white-space:nowrap}",
    ".n{text-align:right;font-variant-numeric:tabular-nums}",
    ".p{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}",
    ".p.b{background:#b42318}.p.w{background:#b54708}.p.i{background:#175cd3}.p.g{background:#067647}",
    ".e{font-style:italic}",
    "svg text{font:11px system-ui,sans-serif;fill:#1d2433}",
    ".a{stroke:#d9dee8}",
    "code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}",
    "footer{margin:40px 0 8px;font-size:12px}",
    "@media print{body{background:#fff}main{padding:0}.c,.t{break-inside:avoid;border-color:#bbb}h2{break-after:avoid}}",
);

/// The summary's tiles, each its class (when its count is not 0) and its label, in the order of
/// `render`'s counts: a table, where an array of the three built on the stack held them.
const TILES: [(&str, &str); 7] = [
    ("w", "credentials expiring soon"),
    ("w", "of them with no renewal booked"),
    ("b", "expired and still needed"),
    ("b", "blocked assignments in the window"),
    ("b", "shifts nobody can work"),
    ("w", "audit findings to review"),
    ("w", "overrides logged"),
];

/// Bar colours for alert buckets: expired, then the windows from the nearest.
const BUCKET_COLOURS: [&str; 5] = ["#b42318", "#dc6803", "#f79009", "#fdb022", "#98a2b3"];

/// A chart's `<svg>` start tag and title, written once for the three charts (decision 133).
/// The title is `fixed` and then `named` (`Headcount, ` and a group's label), each escaped, so
/// that no caller joins them into a `String` of its own first; the fixed parts hold no
/// character that escaping changes.
#[inline(never)]
fn svg_open(h: &mut String, fixed: &str, named: &str, width: i64, height: i64) {
    fill(h, r#"<svg role=img aria-label="$$" width=^ height=^ viewBox="0 0 ^ ^"><title>$$</title>"#, &[fixed, named, fixed, named], &[width, height, width, height]);
}

/// The largest of `values`, at least 1: a chart's scale. Out of line for the grouped bars'
/// rows and each heat map row, where LLVM unrolled each `max` in place.
#[inline(never)]
fn scale(values: &[u32]) -> u32 {
    values.iter().copied().max().unwrap_or(0).max(1)
}

/// A row's label, right-aligned before the plot: the grouped bars' and the heat map's.
const END_LABEL: &str = r#"<text x=^ y=^ text-anchor=end>$</text>"#;

/// A vertical bar chart of the alerts per bucket: one bar per `(bucket, count)`, in the
/// buckets' order, coloured by [`BUCKET_COLOURS`] (expired, then the windows from the nearest,
/// then beyond every window). Each label is written where it is shown
/// ([`Bucket::push_label`]), where a `String` of it was made per bar and kept in a list of the
/// bars.
/// Out of line for LLVM, as [`render`] is (see there).
#[inline(never)]
fn bar_chart(h: &mut String, title: &str, buckets: &[(Option<Bucket>, u32)]) {
    let max = i64::from(buckets.iter().map(|b| b.1).max().unwrap_or(0).max(1));
    // The bars' width is 64, written in the template below.
    let (bar_w, gap, plot_h, top, left) = (64, 28, 150, 24, 12);
    let width = left * 2 + buckets.len().max(1) as i64 * (bar_w + gap);
    let height = top + plot_h + 40;
    svg_open(h, title, "", width, height);
    let base = top + plot_h;
    fill(h, r#"<line class=a x1=^ y1=^ x2=^ y2=^ />"#, &[], &[left, base, width - left, base]);
    let mut numeric = 0;
    for (i, &(bucket, value)) in buckets.iter().enumerate() {
        let colour = match bucket {
            Some(Bucket::Expired) => BUCKET_COLOURS[0],
            None => BUCKET_COLOURS[4],
            Some(Bucket::Within(_)) => {
                numeric += 1;
                BUCKET_COLOURS[numeric.min(3)]
            }
        };
        let value = i64::from(value);
        let bar_h = value * plot_h / max;
        let x = left + gap / 2 + i as i64 * (bar_w + gap);
        fill(h, r#"<rect x=^ y=^ width=64 height=^ fill=$ rx=3><title>"#, &[colour], &[x, base - bar_h, bar_h]);
        Bucket::push_label(h, bucket);
        fill(h, r#": ^</title></rect><text x=^ y=^ text-anchor=middle font-weight=600>^</text><text x=^ y=^ text-anchor=middle>"#, &[], &[value, x + bar_w / 2, base - bar_h - 6, value, x + bar_w / 2, base + 16]);
        Bucket::push_label(h, bucket);
        put(h, "</text>");
    }
    put(h, "</svg>");
}

/// The gap chart's series: what each group's three bars count, and their colours.
const GAP_SERIES: [(&str, &str); 3] = [("expiries", "#f79009"), ("blocked assignments", "#b42318"), ("shifts nobody can work", "#6941c6")];

/// The gap chart's legend: a swatch and a name per series of [`GAP_SERIES`], from x = 220 (the
/// labels' width), each 24 + 7 per character after the one before. It is the same for every
/// page, so it is written as text, where a loop computed the places and filled a template per
/// series (a test draws it that way and compares).
const GAP_LEGEND: &str = concat!(
    r##"<rect x=220 y=6 width=10 height=10 fill=#f79009 /><text x=234 y=15>expiries</text>"##,
    r##"<rect x=300 y=6 width=10 height=10 fill=#b42318 /><text x=314 y=15>blocked assignments</text>"##,
    r##"<rect x=457 y=6 width=10 height=10 fill=#6941c6 /><text x=471 y=15>shifts nobody can work</text>"##,
);

/// A group's counts in the order of [`GAP_SERIES`]: its expiring records, blocked
/// assignments and shifts nobody can work. Out of line for the chart's scale and its bars,
/// where each had the sum over the expiries inlined.
#[inline(never)]
fn gap_counts(g: &GapGroup) -> [u32; 3] {
    [g.expiries.iter().map(|e| e.count).sum(), g.blocked_shifts.len() as u32, g.open_shifts.len() as u32]
}

/// A group's label: its name, else its id, else `none` (`(no location)`). Out of line for the
/// chart's rows and the groups' headings, where each had both options' tests inlined.
#[inline(never)]
fn group_label<'a>(g: &'a GapGroup, none: &'a str) -> &'a str {
    g.name.as_deref().or(g.id.as_deref()).unwrap_or(none)
}

/// Grouped horizontal bars titled `Gaps per location` (or `team`: `group_word`): one row per
/// group, one bar per series of [`GAP_SERIES`], drawn from the groups themselves, where a list
/// of rows held a copy of each label and a `Vec` of its counts.
/// Out of line for LLVM, as [`render`] is (see there).
#[inline(never)]
fn grouped_bars(h: &mut String, group_word: &str, groups: &[GapGroup], none: &str) {
    let series = &GAP_SERIES;
    let max = i64::from(groups.iter().map(|g| scale(&gap_counts(g))).max().unwrap_or(1));
    // The labels' width is 220 and a bar's height 12 (10 drawn), written in the template below.
    let (label_w, plot_w, bar_h, row_gap, top) = (220, 420, 12, 14, 28);
    let row_h = series.len() as i64 * bar_h + row_gap;
    let width = label_w + plot_w + 60;
    let height = top + groups.len().max(1) as i64 * row_h + 8;
    svg_open(h, "Gaps per ", group_word, width, height);
    put(h, GAP_LEGEND);
    for (i, g) in groups.iter().enumerate() {
        let label = group_label(g, none);
        let y0 = top + i as i64 * row_h;
        let shown = crate::text::prefix(label, 32);
        fill(h, END_LABEL, &[shown], &[label_w - 8, y0 + (series.len() as i64 * bar_h) / 2 + 4]);
        for (k, (series, value)) in series.iter().zip(gap_counts(g)).enumerate() {
            gap_bar(h, label, *series, i64::from(value), max, y0 + k as i64 * bar_h);
        }
    }
    put(h, "</svg>");
}

/// One bar of the gap chart: group `label`'s `value` of `series` (name, colour) at `y`, its
/// length out of `max` over the plot's 420 px, after the labels' 220. Out of line, where LLVM
/// wrote the loop over the three series out three times.
#[inline(never)]
fn gap_bar(h: &mut String, label: &str, (name, colour): (&str, &str), value: i64, max: i64, y: i64) {
    let w = value * 420 / max;
    // A bar is 10 px high in its row of 12; its count is written 9 px below its top.
    fill(
        h,
        r#"<rect x=220 y=^ width=^ height=10 fill=$><title>$: $ ^</title></rect><text x=^ y=^>^</text>"#,
        &[colour, label, name],
        &[y, w.max(1), value, 220 + w + 4, y + 9, value],
    );
}

/// A heat map of the headcount of the group `label` (its title `Headcount, label`): one row per
/// code, one cell per day; red where nobody qualifies.
/// Out of line for LLVM, as [`render`] is (see there).
#[inline(never)]
fn heatmap(h: &mut String, label: &str, days: &[String], rows: &[crate::gaps::Headcount]) {
    let label_w = 150;
    let cell = (720 / days.len().max(1) as i64).clamp(3, 26);
    // The rows' height is 20 (18 drawn), and the day labels' line 22, written in the templates.
    let (top, row_h) = (30, 20);
    let width = label_w + cell * days.len() as i64 + 10;
    let height = top + rows.len() as i64 * row_h + 6;
    svg_open(h, "Headcount, ", label, width, height);
    // Day labels: the day of the month, every day when there is room, else each 1st and 15th.
    for (d, day) in days.iter().enumerate() {
        let dom = day.get(8..10).unwrap_or("");
        if cell >= 18 || dom == "01" || dom == "15" {
            let x = label_w + d as i64 * cell + cell / 2;
            fill(h, r#"<text x=^ y=22 text-anchor=middle>$</text>"#, &[dom.trim_start_matches('0')], &[x]);
        }
    }
    for (r, crate::gaps::Headcount { code, counts, .. }) in rows.iter().enumerate() {
        let y = top + r as i64 * row_h;
        let max = scale(counts);
        fill(h, END_LABEL, &[code], &[label_w - 8, y + 14]);
        for (d, &n) in counts.iter().enumerate() {
            let x = label_w + d as i64 * cell;
            let day = days.get(d).map(String::as_str).unwrap_or("");
            let w = (cell - 1).max(1);
            if n == 0 {
                fill(h, r##"<rect x=^ y=^ width=^ height=18 fill=#f04438><title>$ on $: 0</title></rect>"##, &[code, day], &[x, y, w]);
            } else {
                // From a pale to a deep green with the share of the row's best day: a lightness
                // of 88 - 48 × n / max, rounded half to even in whole numbers (no float
                // formatting, whose tables are kilobytes of the package's WebAssembly).
                let (n, max) = (u64::from(n), u64::from(max));
                let (q, r) = ((88 * max - 48 * n) / max, (88 * max - 48 * n) % max);
                let light = q + u64::from(2 * r > max || (2 * r == max && q % 2 == 1));
                fill(h, r#"<rect x=^ y=^ width=^ height=18 fill="hsl(152, 55%, ^%)"><title>$ on $: ^</title></rect>"#, &[code, day], &[x, y, w, light as i64, n as i64]);
            }
            if cell >= 18 {
                let colour = if n == 0 || 5 * u64::from(n) > 3 * u64::from(max) { "#fff" } else { "#1d2433" };
                fill(h, r#"<text x=^ y=^ text-anchor=middle style=fill:$>^</text>"#, &[colour], &[x + cell / 2, y + 13, i64::from(n)]);
            }
        }
    }
    put(h, "</svg>");
}

/// How many of a model's `n` records are not removed (the flags of the removed, empty while
/// none is): one out-of-line loop for the employees and the shifts (decision 136).
#[inline(never)]
fn live(n: usize, removed: &[bool]) -> usize {
    n - removed.iter().filter(|&&r| r).count()
}

/// The most rows a table shows; the rest are counted in a note under it.
const MAX_ROWS: usize = 500;

/// The rows a table shows: the first [`MAX_ROWS`] (a slice, where each table's loop counted
/// its rows through a `take`).
fn shown<T>(rows: &[T]) -> &[T] {
    rows.get(..MAX_ROWS).unwrap_or(rows)
}

/// A table's end, and the note under it when it was cut at [`MAX_ROWS`] of `total` rows.
fn end_table(h: &mut String, total: usize) {
    put(h, "</table></div>");
    if total > MAX_ROWS {
        fill(h, "<p class=m>… and ^ more (the JSON of the sub-command lists them all).</p>", &[], &[(total - MAX_ROWS) as i64]);
    }
}

/// An audit finding's row opened with its severity's pill (one text each, where the row's
/// start was a text of its own).
fn row_pill(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => r#"<tr><td><span class="p i">info</span>"#,
        Severity::Warn => r#"<tr><td><span class="p w">warn</span>"#,
        Severity::Block => r#"<tr><td><span class="p b">block</span>"#,
    }
}

/// Optional text; `—` when absent (which escaping leaves as it is).
fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

/// A bucket's place in the chart's order: expired, then the windows from the nearest, then
/// beyond every window.
fn bucket_order(b: Option<Bucket>) -> (u32, u32) {
    match b {
        Some(Bucket::Expired) => (0, 0),
        Some(Bucket::Within(d)) => (1, d),
        None => (2, 0),
    }
}

/// The bucket at a place of [`bucket_order`].
fn bucket_of((kind, days): (u32, u32)) -> Option<Bucket> {
    match kind {
        0 => Some(Bucket::Expired),
        1 => Some(Bucket::Within(days)),
        _ => None,
    }
}
/// [`ReportOptions`] with its texts borrowed: what the page is made from, and what the npm
/// package reads its options object into without copying the window's end or the title.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageOptions<'a> {
    /// As [`ReportOptions::days`].
    pub(crate) days: Option<u32>,
    /// As [`ReportOptions::to`].
    pub(crate) to: Option<&'a str>,
    /// As [`ReportOptions::group_by`].
    pub(crate) group_by: GroupBy,
    /// As [`ReportOptions::title`].
    pub(crate) title: Option<&'a str>,
}

impl Engine {
    /// One self-contained HTML page for managers: alerts as of `as_of`, gaps over
    /// `[as_of, options.to)`, the audit and the override log (see the module docs).
    ///
    /// Fails as `alerts`, `gaps` and `audit` do: a malformed instant, a window end not after
    /// `as_of`, a window over 366 days.
    pub fn report_html(&self, as_of: &str, options: &ReportOptions) -> Result<String, Error> {
        let page = PageOptions { days: options.days, to: options.to.as_deref(), group_by: options.group_by, title: options.title.as_deref() };
        self.report_page(as_of, page)
    }

    /// [`Engine::report_html`] with the options borrowed ([`PageOptions`]).
    pub(crate) fn report_page(&self, as_of: &str, options: PageOptions<'_>) -> Result<String, Error> {
        let at = instant_arg("asOf", as_of)?;
        let default_to;
        let to = match options.to {
            Some(to) => to,
            None => {
                default_to = time::format_instant(at.ms + 28 * DAY_MS, at.offset_s);
                &default_to
            }
        };
        let alerts = self.alerts(as_of, options.days)?;
        let gaps = self.gaps(as_of, to, options.group_by)?;
        let audit = self.audit(as_of)?;
        debug_assert!(gaps.days.len() as i64 <= MAX_GAP_DAYS + 1);
        Ok(render(self, &at.to_rfc3339(), options.title, &alerts, &gaps, &audit))
    }
}

/// The page, from the three reports. Out of line for LLVM, as the three charts are: compiled
/// apart (wasm-opt then puts each back into its one caller), the four came out smaller in the
/// package than compiled into their callers (195 B, 24 B gzipped).
#[inline(never)]
fn render(engine: &Engine, as_of: &str, title: Option<&str>, alerts: &[Alert], gaps: &Gaps, audit: &Audit) -> String {
    let title = title.unwrap_or("Credential report");
    let mut h = String::with_capacity(64 * 1024);
    fill(
        &mut h,
        concat!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"credgate ",
            env!("CARGO_PKG_VERSION"),
            "\"><title>$ — as of $</title><style>"
        ),
        &[title, as_of],
        &[],
    );
    put(&mut h, CSS);
    // The grouping's word, and the label of the group of those without one (a text per
    // grouping, where a `concat` made it per page).
    let (group_word, no_group) = match gaps.group_by {
        GroupBy::Location => ("location", "(no location)"),
        GroupBy::Team => ("team", "(no team)"),
    };
    fill(
        &mut h,
        "</style></head><body><main><header><h1>$</h1><p>As of <time>$</time> · gaps from <time>$</time> to <time>$</time> by $ · ^ employees, ^ shifts</p></header><section class=T>",
        &[title, as_of, &gaps.from, &gaps.to, group_word],
        &[live(engine.model.employees.len(), &engine.model.removed.employees) as i64, live(engine.model.shifts.len(), &engine.model.removed.shifts) as i64],
    );

    // Summary tiles.
    // One loop over the alerts for the tiles' counts and each alert's bucket as its place in
    // the buckets' order ([`bucket_order`]); those sorted by the crate's one sort of pairs
    // give the buckets in order, each with its count, as runs. (A list kept in order as the
    // alerts came, found and inserted into, was the larger code.)
    let (mut expired, mut no_renewal) = (0, 0);
    let mut orders: Vec<(u32, u32)> = Vec::with_capacity(alerts.len());
    for a in alerts {
        if a.expired {
            expired += 1;
        } else if !a.renewal_booked {
            no_renewal += 1;
        }
        orders.push(bucket_order(a.bucket));
    }
    crate::sort::sort_pairs(&mut orders);
    let mut per_bucket: Vec<(Option<Bucket>, u32)> = Vec::new();
    for &order in &orders {
        match per_bucket.last_mut() {
            Some((b, n)) if bucket_order(*b) == order => *n += 1,
            _ => per_bucket.push((bucket_of(order), 1)),
        }
    }
    let (mut blocked, mut open) = (0, 0);
    for g in &gaps.groups {
        blocked += g.blocked_shifts.len();
        open += g.open_shifts.len();
    }
    let warn_findings = audit.findings.iter().filter(|f| f.severity != Severity::Info).count();
    let counts = [alerts.len() - expired, no_renewal, expired, blocked, open, warn_findings, audit.overrides.len()];
    for (&(class, label), n) in TILES.iter().zip(counts) {
        fill(&mut h, r#"<div class="t $"><b>^</b><span>$</span></div>"#, &[if n == 0 { "g" } else { class }, label], &[n as i64]);
    }
    // Alerts.
    put(&mut h, "</section><section id=\"alerts\"><h2>Renewal alerts</h2>");
    if alerts.is_empty() {
        put(&mut h, "<p class=e>No credential expires within its alert window, and none has expired while still needed.</p>");
    } else {
        put(&mut h, "<div class=c>");
        bar_chart(&mut h, "Alerts per bucket", &per_bucket);
        put(&mut h, "</div><div class=c><table><thead><tr><th>Employee<th>Code<th>Record<th>Basis<th>Valid until<th>Days left<th>Bucket<th>Renewal<th>Shifts blocked<tbody>");
        for a in shown(alerts) {
            match &a.employee_name {
                Some(n) => fill(&mut h, "<tr><td>$ <span class=m>$</span>", &[n, &a.employee_id], &[]),
                None => fill(&mut h, "<tr><td>$", &[&a.employee_id], &[]),
            }
            fill(
                &mut h,
                "<td><code>$</code><td>$<td>$<td>$<td class=n>^<td>",
                &[&a.code, &a.credential_id, a.basis.as_str(), opt(&a.valid_until)],
                &[i64::from(a.days_left)],
            );
            match a.bucket {
                Some(Bucket::Expired) => put(&mut h, "<span class=\"p b\">expired</span>"),
                b => Bucket::push_label(&mut h, b),
            }
            // The renewal's cell, each text with the borders of the cells around it.
            match (&a.renewal_training_id, &a.late_training_id) {
                // A training renews a record, not a currency (decision 110).
                _ if a.basis == Basis::Currency => put(&mut h, "<td>—<td>"),
                (Some(t), _) => fill(&mut h, "<td><span class=\"p g\">booked</span> $<td>", &[t], &[]),
                (None, Some(t)) => fill(&mut h, "<td><span class=\"p w\">too late</span> $<td>", &[t], &[]),
                (None, None) => put(&mut h, "<td><span class=\"p b\">none</span><td>"),
            }
            list_or_dash(&mut h, &a.affected_shift_ids);
        }
        end_table(&mut h, alerts.len());
    }
    // Gaps.
    fill(&mut h, "</section><section id=\"gaps\"><h2>Gaps by $</h2><div class=c>", &[group_word], &[]);
    grouped_bars(&mut h, group_word, &gaps.groups, no_group);
    put(&mut h, "</div>");
    for g in &gaps.groups {
        let label = group_label(g, no_group);
        fill(&mut h, "<h3>$ <span class=m>$ · ^ employees</span></h3>", &[label, opt(&g.id)], &[i64::from(g.member_count)]);
        if !g.headcount.is_empty() {
            put(&mut h, "<div class=c><p class=m>Qualified headcount per code and day (red: nobody)</p>");
            heatmap(&mut h, label, &gaps.days, &g.headcount);
            put(&mut h, "</div>");
        }
        if !g.expiries.is_empty() {
            put(&mut h, "<div class=c><table><thead><tr><th>Expiring code<th>Count<th>Records<tbody>");
            for e in &g.expiries {
                fill(&mut h, "<tr><td><code>$</code><td class=n>^<td>", &[&e.code], &[i64::from(e.count)]);
                for (k, (c, emp)) in e.credential_ids.iter().zip(&e.employee_ids).enumerate() {
                    separate(&mut h, k, ", ");
                    fill(&mut h, "$ ($)", &[c, emp], &[]);
                }
            }
            put(&mut h, "</table></div>");
        }
        if !g.blocked_shifts.is_empty() {
            put(&mut h, "<div class=c><table><thead><tr><th>Blocked shift<th>Start<th>Employee<th>Why<tbody>");
            for b in shown(&g.blocked_shifts) {
                fill(&mut h, "<tr><td>$<td>$<td>$<td>", &[&b.shift_id, &b.start, &b.employee_id], &[]);
                for (k, r) in b.reasons.iter().enumerate() {
                    separate(&mut h, k, "<br>");
                    reason_html(&mut h, r);
                }
            }
            end_table(&mut h, g.blocked_shifts.len());
        }
        if !g.open_shifts.is_empty() {
            put(&mut h, "<div class=c><table><thead><tr><th>Shift nobody can work<th>Start<th>End<th>Assigned<tbody>");
            for o in shown(&g.open_shifts) {
                fill(&mut h, "<tr><td>$<td>$<td>$<td class=n>^", &[&o.shift_id, &o.start, &o.end], &[i64::from(o.assigned_count)]);
            }
            end_table(&mut h, g.open_shifts.len());
        }
        if !g.trainings.is_empty() {
            put(&mut h, "<div class=c><table><thead><tr><th>Training<th>Employee<th>Code<th>From<th>To<th>Collides with<tbody>");
            for t in shown(&g.trainings) {
                fill(&mut h, "<tr><td>$<td>$<td>$<td>$<td>$<td>", &[&t.training_id, &t.employee_id, opt(&t.code), &t.start, &t.end], &[]);
                list_or_dash(&mut h, &t.shift_ids);
            }
            end_table(&mut h, g.trainings.len());
        }
    }
    // Audit.
    put(&mut h, "</section><section id=\"audit\"><h2>Audit findings</h2>");
    if audit.findings.is_empty() {
        put(&mut h, "<p class=e>Nothing to review.</p>");
    } else {
        put(&mut h, "<div class=c><table><thead><tr><th><th>Kind<th>Where<th>Finding<tbody>");
        for f in shown(&audit.findings) {
            put(&mut h, row_pill(f.severity));
            // The paths written one by one, a space between them, where a `join` made a `String`.
            fill(&mut h, "<td><code>$</code><td><code>", &[f.kind.as_str()], &[]);
            push_joined(&mut h, &f.paths, " ");
            fill(&mut h, "</code><td>$", &[&f.message], &[]);
        }
        end_table(&mut h, audit.findings.len());
    }
    // Overrides.
    put(&mut h, "</section><section id=\"overrides\"><h2>Override log</h2>");
    if audit.overrides.is_empty() {
        put(&mut h, "<p class=e>No edit was made over a block.</p>");
    } else {
        put(&mut h, "<div class=c><table><thead><tr><th>When<th>Action<th>Employee<th>Shift<th>By<th>Reason<th>Overridden<tbody>");
        for o in &audit.overrides {
            let field = |k: &str| text_field(o, k, "—");
            fill(
                &mut h,
                "<tr><td>$<td>$<td>$<td>$<td>$<td>$<td>",
                &[field("at"), field("action"), field("employeeId"), field("shiftId"), field("by"), field("reason")],
                &[],
            );
            match o.get("overridden") {
                Some(Value::Array(items)) => {
                    for (k, i) in items.iter().enumerate() {
                        separate(&mut h, k, ", ");
                        fill(&mut h, "$ $", &[text_field(i, "kind", ""), text_field(i, "code", "")], &[]);
                    }
                }
                _ => put(&mut h, "—"),
            }
        }
        put(&mut h, "</table></div>");
    }
    fill(
        &mut h,
        concat!(
            "</section><footer>Generated by credgate ",
            env!("CARGO_PKG_VERSION"),
            " from the roster and credentials documents as of $. Each rule behind these figures is in docs/tracking.md.</footer></main></body></html>\n"
        ),
        &[as_of],
        &[],
    );
    h
}

/// One blocking reason of the gaps' table: its kind and message; an `overLimit` also names the
/// shifts its window counted (SPEC §8.1), the blocked one among them, which its message leaves out.
fn reason_html(h: &mut String, r: &crate::verdict::Reason) {
    fill(h, "<code>$</code> $", &[r.kind.as_str(), &r.message], &[]);
    if let Some(ids) = r.shift_ids.as_ref().filter(|_| r.kind == crate::verdict::ReasonKind::OverLimit) {
        put(h, " <span class=m>(counted: ");
        push_list(h, ids);
        put(h, ")</span>");
    }
}

/// The text of `value`'s field `key`, or `absent` when there is none: out of line for the
/// override log's eight fields, where each lookup was written out in place.
#[inline(never)]
fn text_field<'a>(value: &'a Value, key: &str, absent: &'a str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or(absent)
}

/// Appends `s` as it is: out of line, where each `push_str` copied its capacity check and
/// copy into the page's ~45 sites (decision 136).
#[inline(never)]
fn put(h: &mut String, s: &str) {
    h.push_str(s);
}

/// Appends `separator` before the `k`-th item of a list but the first. Out of line: where a
/// loop tested `k` itself, LLVM wrote its first turn out apart from the others (a second copy
/// of the item's writing at each of the page's four lists).
#[inline(never)]
fn separate(h: &mut String, k: usize, separator: &str) {
    if k > 0 {
        put(h, separator);
    }
}

/// Appends texts escaped, `separator` between them.
fn push_joined(h: &mut String, texts: &[String], separator: &str) {
    for (k, text) in texts.iter().enumerate() {
        separate(h, k, separator);
        push_esc(h, text);
    }
}

/// Appends ids escaped, `, ` between them.
fn push_list(h: &mut String, ids: &[String]) {
    push_joined(h, ids, ", ");
}

/// Appends ids escaped, `, ` between them; `—` when there is none.
fn list_or_dash(h: &mut String, ids: &[String]) {
    if ids.is_empty() {
        put(h, "—");
    }
    push_list(h, ids);
}
#[cfg(test)]
mod tests {
    use super::*;

    use crate::testutil::engine;

    #[test]
    fn an_over_limit_reason_names_its_counted_shifts() {
        let credentials = r#"{"credentialTypes": [{"code": "BLS"}], "credentials": []}"#;
        let roster = r#"{"rules": {"limits": [{"id": "wk<20>", "measure": "hours", "max": 20, "window": {"calendar": "week"}}]},
          "locations": [{"id": "l1"}], "employees": [{"id": "e1", "name": "Sam", "locationId": "l1"}],
          "shifts": [{"id": "s1", "start": "2026-12-08T07:00:00Z", "end": "2026-12-08T19:00:00Z", "locationId": "l1", "assigned": ["e1"]},
                     {"id": "s2", "start": "2026-12-09T07:00:00Z", "end": "2026-12-09T19:00:00Z", "locationId": "l1", "assigned": ["e1"]}]}"#;
        let e = engine(roster, credentials);
        let html = e.report_html("2026-12-07T08:00:00Z", &ReportOptions::default()).unwrap();
        // Both assignments are over (24 h in the week): each row names the two shifts counted.
        assert_eq!(html.matches("<code>overLimit</code> ").count(), 2, "{html}");
        assert_eq!(html.matches("(counted: s1, s2)").count(), 2);
        assert!(html.contains("wk&lt;20&gt;"), "the limit's id is escaped");
    }

    #[test]
    fn escapes() {
        let mut h = String::new();
        push_esc(&mut h, r#"<a href="x">'&'</a>"#);
        assert_eq!(h, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        let mut h = String::new();
        fill(&mut h, "<p>$ ^ $</p>", &["a&b", "<"], &[-7]);
        assert_eq!(h, "<p>a&amp;b -7 &lt;</p>");
    }

    #[test]
    fn the_gap_legend_is_its_series_drawn_in_a_row() {
        // Each swatch 24 px plus 7 per character of the name before it (ASCII: bytes).
        let mut legend = String::new();
        let mut x = 220;
        for (name, colour) in GAP_SERIES {
            fill(&mut legend, r#"<rect x=^ y=6 width=10 height=10 fill=$ /><text x=^ y=15>$</text>"#, &[colour, name], &[x, x + 14]);
            assert!(name.is_ascii());
            x += 24 + name.len() as i64 * 7;
        }
        assert_eq!(legend, GAP_LEGEND);
    }

    #[test]
    fn document_text_is_escaped_and_nothing_is_external() {
        let credentials = r#"{"credentialTypes": [{"code": "B<LS"}],
          "credentials": [{"id": "c\"1", "employeeId": "e1", "code": "B<LS", "validUntil": "2026-11-30"}],
          "waivers": [{"id": "w1", "employeeId": "e1", "code": "B<LS", "validFrom": "2026-12-01", "validUntil": "2026-12-31",
                       "approvedBy": "<img onerror=alert(1)>", "reason": "</td></tr></table><script>alert(1)</script>"}]}"#;
        let roster = r#"{"locations": [{"id": "l&1", "name": "<b>Bayou</b>"}], "roles": [{"id": "r", "requires": "B<LS"}],
          "employees": [{"id": "e1", "name": "<script>alert('x')</script>", "locationId": "l&1", "roleIds": ["r"]}],
          "shifts": [{"id": "s<1>", "start": "2026-12-08T07:00:00Z", "end": "2026-12-08T19:00:00Z", "locationId": "l&1", "assigned": ["e1"]}],
          "overrides": [{"action": "assign", "employeeId": "e1", "shiftId": "s<1>", "by": "<i>m</i>", "reason": "a & b"}]}"#;
        let e = engine(roster, credentials);
        let html = e.report_html("2026-12-07T08:00:00Z", &ReportOptions { title: Some("Q4 <review>".into()), ..ReportOptions::default() }).unwrap();
        for needle in ["<script", "<img", "<b>Bayou", "<i>m", "http:", "https:", "src=", "href=", "@import", "url("] {
            assert!(!html.contains(needle), "found {needle:?}");
        }
        for shown in ["&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&lt;b&gt;Bayou&lt;/b&gt;", "s&lt;1&gt;", "B&lt;LS", "a &amp; b", "Q4 &lt;review&gt;"] {
            assert!(html.contains(shown), "missing {shown:?}");
        }
        assert!(html.contains("<svg"));
        assert!(html.ends_with("</html>\n"));
    }

    #[test]
    fn windows_and_errors() {
        let e = engine("{}", "{}");
        let html = e.report_html("2026-12-07T08:00:00-06:00", &ReportOptions::default()).unwrap();
        assert!(html.contains("gaps from <time>2026-12-07T08:00:00-06:00</time> to <time>2027-01-04T08:00:00-06:00</time>"));
        assert!(e.report_html("2026-12-07", &ReportOptions::default()).is_err());
        let bad = ReportOptions { to: Some("2026-12-01T00:00:00Z".into()), ..ReportOptions::default() };
        assert!(e.report_html("2026-12-07T08:00:00Z", &bad).is_err());
    }
}
