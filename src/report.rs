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
use crate::gaps::{Gaps, GroupBy, MAX_GAP_DAYS};
use crate::json::Value;
use crate::time::{self, DAY_MS};
use crate::verdict::Severity;
use std::fmt::Write as _;

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

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { days: None, to: None, group_by: GroupBy::Location, title: None }
    }
}

/// Text escaped for HTML content and attribute values as it is written (`&`, `<`, `>`, `"`
/// and `'` as entities), without a `String` of its own to build and drop at each argument.
pub(crate) struct Esc<'a>(pub &'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut start = 0;
        for (i, b) in self.0.bytes().enumerate() {
            let escaped = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            // `i` is the byte of an ASCII character: a boundary.
            f.write_str(self.0.get(start..i).unwrap_or_default())?;
            f.write_str(escaped)?;
            start = i + 1;
        }
        f.write_str(self.0.get(start..).unwrap_or_default())
    }
}

const CSS: &str = r#"
:root { --ink: #1d2433; --muted: #5b6477; --line: #d9dee8; --bg: #f6f7fa; --block: #b42318; --warn: #b54708; --ok: #067647; --info: #175cd3; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: var(--bg); margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: var(--muted); }
h2 { margin: 32px 0 8px; font-size: 19px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { margin: 20px 0 6px; font-size: 16px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 20px; }
.tile { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
.tile b { display: block; font-size: 26px; }
.tile span { color: var(--muted); font-size: 12px; }
.tile.bad b { color: var(--block); } .tile.warn b { color: var(--warn); } .tile.good b { color: var(--ok); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 12px 0; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pill { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.pill.block { background: var(--block); } .pill.warn { background: var(--warn); } .pill.info { background: var(--info); } .pill.ok { background: var(--ok); }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
svg .axis { stroke: var(--line); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { margin: 40px 0 8px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } main { padding: 0; } .card, .tile { break-inside: avoid; border-color: #bbb; } h2 { break-after: avoid; } }
"#;

/// Bar colours for alert buckets: expired, then the windows from the nearest.
const BUCKET_COLOURS: [&str; 5] = ["#b42318", "#dc6803", "#f79009", "#fdb022", "#98a2b3"];

/// A chart's `<svg>` start tag and title, written once for the three charts (decision 133).
#[inline(never)]
fn svg_open(title: &str, width: usize, height: usize) -> String {
    format!(r#"<svg role="img" aria-label="{}" width="{width}" height="{height}" viewBox="0 0 {width} {height}"><title>{}</title>"#, Esc(title), Esc(title))
}

/// A vertical bar chart: one bar per `(label, value, colour)`.
fn bar_chart(title: &str, bars: &[(String, u32, &str)]) -> String {
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let (bar_w, gap, plot_h, top, left) = (64, 28, 150, 24, 12);
    let width = left * 2 + bars.len().max(1) * (bar_w + gap);
    let height = top + plot_h + 40;
    let mut svg = svg_open(title, width, height);
    let base = top + plot_h;
    let _ = write!(svg, r#"<line class="axis" x1="{left}" y1="{base}" x2="{}" y2="{base}"/>"#, width - left);
    for (i, (label, value, colour)) in bars.iter().enumerate() {
        let h = (*value as usize * plot_h) / max as usize;
        let x = left + gap / 2 + i * (bar_w + gap);
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{}" width="{bar_w}" height="{h}" fill="{colour}" rx="3"><title>{}: {value}</title></rect><text x="{}" y="{}" text-anchor="middle" font-weight="600">{value}</text><text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            base - h,
            Esc(label),
            x + bar_w / 2,
            base - h - 6,
            x + bar_w / 2,
            base + 16,
            Esc(label)
        );
    }
    put(&mut svg, "</svg>");
    svg
}

/// Grouped horizontal bars: one row per group, one bar per series.
fn grouped_bars(title: &str, series: &[(&str, &str)], rows: &[(String, Vec<u32>)]) -> String {
    let max = rows.iter().flat_map(|r| r.1.iter().copied()).max().unwrap_or(0).max(1);
    let (label_w, plot_w, bar_h, row_gap, top) = (220, 420, 12, 14, 28);
    let row_h = series.len() * bar_h + row_gap;
    let width = label_w + plot_w + 60;
    let height = top + rows.len().max(1) * row_h + 8;
    let mut svg = svg_open(title, width, height);
    // Legend.
    let mut x = label_w;
    for (name, colour) in series {
        let _ = write!(svg, r#"<rect x="{x}" y="6" width="10" height="10" fill="{colour}"/><text x="{}" y="15">{}</text>"#, x + 14, Esc(name));
        x += 24 + name.chars().count() * 7;
    }
    for (i, (label, values)) in rows.iter().enumerate() {
        let y0 = top + i * row_h;
        let shown: String = label.chars().take(32).collect();
        let _ = write!(svg, r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#, label_w - 8, y0 + (series.len() * bar_h) / 2 + 4, Esc(&shown));
        for (k, ((name, colour), value)) in series.iter().zip(values).enumerate() {
            let w = (*value as usize * plot_w) / max as usize;
            let y = y0 + k * bar_h;
            let _ = write!(
                svg,
                r#"<rect x="{label_w}" y="{y}" width="{}" height="{}" fill="{colour}"><title>{}: {} {value}</title></rect><text x="{}" y="{}">{value}</text>"#,
                w.max(1),
                bar_h - 2,
                Esc(label),
                Esc(name),
                label_w + w + 4,
                y + bar_h - 3
            );
        }
    }
    put(&mut svg, "</svg>");
    svg
}

/// A heat map of headcount: one row per code, one cell per day; red where nobody qualifies.
fn heatmap(title: &str, days: &[String], rows: &[crate::gaps::Headcount]) -> String {
    let label_w = 150;
    let cell = (720 / days.len().max(1)).clamp(3, 26);
    let (top, row_h) = (30, 20);
    let width = label_w + cell * days.len() + 10;
    let height = top + rows.len() * row_h + 6;
    let mut svg = svg_open(title, width, height);
    // Day labels: the day of the month, every day when there is room, else each 1st and 15th.
    for (d, day) in days.iter().enumerate() {
        let dom = day.get(8..10).unwrap_or("");
        if cell >= 18 || dom == "01" || dom == "15" {
            let x = label_w + d * cell + cell / 2;
            let _ = write!(svg, r#"<text x="{x}" y="{}" text-anchor="middle" class="muted">{}</text>"#, top - 8, Esc(dom.trim_start_matches('0')));
        }
    }
    for (r, crate::gaps::Headcount { code, counts, .. }) in rows.iter().enumerate() {
        let y = top + r * row_h;
        let max = counts.iter().copied().max().unwrap_or(0).max(1);
        let _ = write!(svg, r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#, label_w - 8, y + 14, Esc(code));
        for (d, &n) in counts.iter().enumerate() {
            let fill = if n == 0 {
                Fill(None)
            } else {
                // From a pale to a deep green with the share of the row's best day: a lightness
                // of 88 - 48 × n / max, rounded half to even in whole numbers (no float
                // formatting, whose tables are kilobytes of the package's WebAssembly).
                let (n, max) = (u64::from(n), u64::from(max));
                let (q, r) = ((88 * max - 48 * n) / max, (88 * max - 48 * n) % max);
                Fill(Some(q + u64::from(2 * r > max || (2 * r == max && q % 2 == 1))))
            };
            let x = label_w + d * cell;
            let day = days.get(d).map(String::as_str).unwrap_or("");
            let _ = write!(svg, r#"<rect x="{x}" y="{y}" width="{}" height="{}" fill="{fill}"><title>{} on {}: {n}</title></rect>"#, cell.saturating_sub(1).max(1), row_h - 2, Esc(code), Esc(day));
            if cell >= 18 {
                let colour = if n == 0 || 5 * u64::from(n) > 3 * u64::from(max) { "#fff" } else { "#1d2433" };
                let _ = write!(svg, r#"<text x="{}" y="{}" text-anchor="middle" style="fill:{colour}">{n}</text>"#, x + cell / 2, y + 13);
            }
        }
    }
    put(&mut svg, "</svg>");
    svg
}

/// A heat map cell's colour: red where nobody qualifies (`None`), else green of this lightness.
struct Fill(Option<u64>);

impl std::fmt::Display for Fill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            None => f.write_str("#f04438"),
            Some(light) => write!(f, "hsl(152, 55%, {light}%)"),
        }
    }
}

/// How many of a model's `n` records are not removed (the flags of the removed, empty while
/// none is): one out-of-line loop for the employees and the shifts (decision 136).
#[inline(never)]
fn live(n: usize, removed: &[bool]) -> usize {
    n - removed.iter().filter(|&&r| r).count()
}

/// The most rows a table shows; the rest are counted in a note under it.
const MAX_ROWS: usize = 500;

/// The note under a table cut at [`MAX_ROWS`].
fn more(h: &mut String, total: usize) {
    if total > MAX_ROWS {
        let _ = write!(h, "<p class=\"muted\">… and {} more (the JSON of the sub-command lists them all).</p>", total - MAX_ROWS);
    }
}

fn pill(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => r#"<span class="pill info">info</span>"#,
        Severity::Warn => r#"<span class="pill warn">warn</span>"#,
        Severity::Block => r#"<span class="pill block">block</span>"#,
    }
}

/// Optional text, escaped; `—` when absent.
struct Opt<'a>(Option<&'a str>);

impl std::fmt::Display for Opt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(s) => Esc(s).fmt(f),
            None => f.write_str("—"),
        }
    }
}

fn opt(s: &Option<String>) -> Opt<'_> {
    Opt(s.as_deref())
}

fn bucket_order(b: Option<Bucket>) -> (u8, u32) {
    match b {
        Some(Bucket::Expired) => (0, 0),
        Some(Bucket::Within(d)) => (1, d),
        None => (2, 0),
    }
}

impl Engine {
    /// One self-contained HTML page for managers: alerts as of `as_of`, gaps over
    /// `[as_of, options.to)`, the audit and the override log (see the module docs).
    ///
    /// Fails as `alerts`, `gaps` and `audit` do: a malformed instant, a window end not after
    /// `as_of`, a window over 366 days.
    pub fn report_html(&self, as_of: &str, options: &ReportOptions) -> Result<String, Error> {
        let at = instant_arg("asOf", as_of)?;
        let to = match &options.to {
            Some(to) => to.clone(),
            None => time::format_instant(at.ms + 28 * DAY_MS, at.offset_s),
        };
        let alerts = self.alerts(as_of, options.days)?;
        let gaps = self.gaps(as_of, &to, options.group_by)?;
        let audit = self.audit(as_of)?;
        debug_assert!(gaps.days.len() as i64 <= MAX_GAP_DAYS + 1);
        Ok(render(self, &at.to_rfc3339(), options, &alerts, &gaps, &audit))
    }
}

fn render(engine: &Engine, as_of: &str, options: &ReportOptions, alerts: &[Alert], gaps: &Gaps, audit: &Audit) -> String {
    let title = options.title.clone().unwrap_or_else(|| "Credential report".into());
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"credgate {}\">\n<title>{} — as of {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        Esc(&title),
        Esc(as_of)
    );
    let group_word = match gaps.group_by {
        GroupBy::Location => "location",
        GroupBy::Team => "team",
    };
    let _ = writeln!(
        h,
        "<header><h1>{}</h1><p>As of <time>{}</time> · gaps from <time>{}</time> to <time>{}</time> by {group_word} · {} employees, {} shifts</p></header>",
        Esc(&title),
        Esc(as_of),
        Esc(&gaps.from),
        Esc(&gaps.to),
        live(engine.model.employees.len(), &engine.model.removed.employees),
        live(engine.model.shifts.len(), &engine.model.removed.shifts)
    );

    // Summary tiles.
    // One loop for each list's counts (each `filter().count()` was a loop of its own, unrolled).
    let (mut expired, mut no_renewal) = (0, 0);
    for a in alerts {
        if a.expired {
            expired += 1;
        } else if !a.renewal_booked {
            no_renewal += 1;
        }
    }
    let (mut blocked, mut open) = (0, 0);
    for g in &gaps.groups {
        blocked += g.blocked_shifts.len();
        open += g.open_shifts.len();
    }
    let warn_findings = audit.findings.iter().filter(|f| f.severity != Severity::Info).count();
    put(&mut h, "<section class=\"tiles\">");
    let tiles: [(&str, usize, &str); 7] = [
        ("warn", alerts.len() - expired, "credentials expiring soon"),
        ("warn", no_renewal, "of them with no renewal booked"),
        ("bad", expired, "expired and still needed"),
        ("bad", blocked, "blocked assignments in the window"),
        ("bad", open, "shifts nobody can work"),
        ("warn", warn_findings, "audit findings to review"),
        ("warn", audit.overrides.len(), "overrides logged"),
    ];
    for (class, n, label) in tiles {
        let _ = write!(h, r#"<div class="tile {}"><b>{n}</b><span>{}</span></div>"#, if n == 0 { "good" } else { class }, Esc(label));
    }
    put(&mut h, "</section>\n");

    // Alerts.
    put(&mut h, "<section id=\"alerts\"><h2>Renewal alerts</h2>\n");
    let mut buckets: Vec<Option<Bucket>> = alerts.iter().map(|a| a.bucket).collect();
    crate::sort::sort_by_key(&mut buckets, |&b| bucket_order(b));
    buckets.dedup();
    let mut numeric = 0;
    let bars: Vec<(String, u32, &str)> = buckets
        .iter()
        .map(|&b| {
            let colour = match b {
                Some(Bucket::Expired) => BUCKET_COLOURS[0],
                None => BUCKET_COLOURS[4],
                Some(Bucket::Within(_)) => {
                    numeric += 1;
                    BUCKET_COLOURS[numeric.min(3)]
                }
            };
            (Bucket::label(b), alerts.iter().filter(|a| a.bucket == b).count() as u32, colour)
        })
        .collect();
    if alerts.is_empty() {
        put(&mut h, "<p class=\"empty\">No credential expires within its alert window, and none has expired while still needed.</p>");
    } else {
        let _ = write!(h, "<div class=\"card\">{}</div>", bar_chart("Alerts per bucket", &bars));
        put(&mut h, "<div class=\"card\"><table><thead><tr><th>Employee</th><th>Code</th><th>Record</th><th>Basis</th><th>Valid until</th><th>Days left</th><th>Bucket</th><th>Renewal</th><th>Shifts blocked</th></tr></thead><tbody>\n");
        for a in alerts.iter().take(MAX_ROWS) {
            put(&mut h, "<tr><td>");
            match &a.employee_name {
                Some(n) => {
                    let _ = write!(h, "{} <span class=\"muted\">{}</span>", Esc(n), Esc(&a.employee_id));
                }
                None => push_esc(&mut h, &a.employee_id),
            }
            let _ = write!(
                h,
                "</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>",
                Esc(&a.code),
                Esc(&a.credential_id),
                a.basis.as_str(),
                opt(&a.valid_until),
                a.days_left
            );
            match a.bucket {
                Some(Bucket::Expired) => put(&mut h, "<span class=\"pill block\">expired</span>"),
                b => push_esc(&mut h, &Bucket::label(b)),
            }
            put(&mut h, "</td><td>");
            match (&a.renewal_training_id, &a.late_training_id) {
                // A training renews a record, not a currency (decision 110).
                _ if a.basis == Basis::Currency => put(&mut h, "—"),
                (Some(t), _) => {
                    put(&mut h, "<span class=\"pill ok\">booked</span> ");
                    push_esc(&mut h, t);
                }
                (None, Some(t)) => {
                    put(&mut h, "<span class=\"pill warn\">too late</span> ");
                    push_esc(&mut h, t);
                }
                (None, None) => put(&mut h, "<span class=\"pill block\">none</span>"),
            }
            put(&mut h, "</td><td>");
            if a.affected_shift_ids.is_empty() {
                put(&mut h, "—");
            }
            push_list(&mut h, &a.affected_shift_ids);
            put(&mut h, "</td></tr>\n");
        }
        put(&mut h, "</tbody></table></div>");
        more(&mut h, alerts.len());
    }
    put(&mut h, "</section>\n");

    // Gaps.
    let _ = writeln!(h, "<section id=\"gaps\"><h2>Gaps by {group_word}</h2>");
    let group_label = |g: &crate::gaps::GapGroup| match (&g.name, &g.id) {
        (Some(n), _) => n.clone(),
        (None, Some(id)) => id.clone(),
        (None, None) => format!("(no {group_word})"),
    };
    let rows: Vec<(String, Vec<u32>)> = gaps
        .groups
        .iter()
        .map(|g| (group_label(g), vec![g.expiries.iter().map(|e| e.count).sum(), g.blocked_shifts.len() as u32, g.open_shifts.len() as u32]))
        .collect();
    let series = [("expiries", "#f79009"), ("blocked assignments", "#b42318"), ("shifts nobody can work", "#6941c6")];
    let _ = write!(h, "<div class=\"card\">{}</div>", grouped_bars(&format!("Gaps per {group_word}"), &series, &rows));
    for g in &gaps.groups {
        let _ = writeln!(h, "<h3>{} <span class=\"muted\">{} · {} employees</span></h3>", Esc(&group_label(g)), opt(&g.id), g.member_count);
        if !g.headcount.is_empty() {
            let _ = write!(h, "<div class=\"card\"><p class=\"muted\">Qualified headcount per code and day (red: nobody)</p>{}</div>", heatmap(&format!("Headcount, {}", group_label(g)), &gaps.days, &g.headcount));
        }
        if !g.expiries.is_empty() {
            put(&mut h, "<div class=\"card\"><table><thead><tr><th>Expiring code</th><th>Count</th><th>Records</th></tr></thead><tbody>");
            for e in &g.expiries {
                let _ = write!(h, "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td>", Esc(&e.code), e.count);
                for (k, (c, emp)) in e.credential_ids.iter().zip(&e.employee_ids).enumerate() {
                    let _ = write!(h, "{}{} ({})", if k == 0 { "" } else { ", " }, Esc(c), Esc(emp));
                }
                put(&mut h, "</td></tr>");
            }
            put(&mut h, "</tbody></table></div>");
        }
        if !g.blocked_shifts.is_empty() {
            put(&mut h, "<div class=\"card\"><table><thead><tr><th>Blocked shift</th><th>Start</th><th>Employee</th><th>Why</th></tr></thead><tbody>");
            for b in g.blocked_shifts.iter().take(MAX_ROWS) {
                let _ = write!(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td>", Esc(&b.shift_id), Esc(&b.start), Esc(&b.employee_id));
                for (k, r) in b.reasons.iter().enumerate() {
                    if k > 0 {
                        put(&mut h, "<br>");
                    }
                    reason_html(&mut h, r);
                }
                put(&mut h, "</td></tr>");
            }
            put(&mut h, "</tbody></table></div>");
            more(&mut h, g.blocked_shifts.len());
        }
        if !g.open_shifts.is_empty() {
            put(&mut h, "<div class=\"card\"><table><thead><tr><th>Shift nobody can work</th><th>Start</th><th>End</th><th>Assigned</th></tr></thead><tbody>");
            for o in g.open_shifts.iter().take(MAX_ROWS) {
                let _ = write!(h, "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>", Esc(&o.shift_id), Esc(&o.start), Esc(&o.end), o.assigned_count);
            }
            put(&mut h, "</tbody></table></div>");
            more(&mut h, g.open_shifts.len());
        }
        if !g.trainings.is_empty() {
            put(&mut h, "<div class=\"card\"><table><thead><tr><th>Training</th><th>Employee</th><th>Code</th><th>From</th><th>To</th><th>Collides with</th></tr></thead><tbody>");
            for t in g.trainings.iter().take(MAX_ROWS) {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>",
                    Esc(&t.training_id),
                    Esc(&t.employee_id),
                    opt(&t.code),
                    Esc(&t.start),
                    Esc(&t.end)
                );
                if t.shift_ids.is_empty() {
                    put(&mut h, "—");
                }
                push_list(&mut h, &t.shift_ids);
                put(&mut h, "</td></tr>");
            }
            put(&mut h, "</tbody></table></div>");
            more(&mut h, g.trainings.len());
        }
    }
    put(&mut h, "</section>\n");

    // Audit.
    put(&mut h, "<section id=\"audit\"><h2>Audit findings</h2>\n");
    if audit.findings.is_empty() {
        put(&mut h, "<p class=\"empty\">Nothing to review.</p>");
    } else {
        put(&mut h, "<div class=\"card\"><table><thead><tr><th></th><th>Kind</th><th>Where</th><th>Finding</th></tr></thead><tbody>\n");
        for f in audit.findings.iter().take(MAX_ROWS) {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                pill(f.severity),
                Esc(f.kind.as_str()),
                Esc(&f.paths.join(" ")),
                Esc(&f.message)
            );
        }
        put(&mut h, "</tbody></table></div>");
        more(&mut h, audit.findings.len());
    }
    put(&mut h, "</section>\n");

    // Overrides.
    put(&mut h, "<section id=\"overrides\"><h2>Override log</h2>\n");
    if audit.overrides.is_empty() {
        put(&mut h, "<p class=\"empty\">No edit was made over a block.</p>");
    } else {
        put(&mut h, "<div class=\"card\"><table><thead><tr><th>When</th><th>Action</th><th>Employee</th><th>Shift</th><th>By</th><th>Reason</th><th>Overridden</th></tr></thead><tbody>\n");
        for o in &audit.overrides {
            let field = |k: &str| Opt(o.get(k).and_then(Value::as_str));
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>",
                field("at"),
                field("action"),
                field("employeeId"),
                field("shiftId"),
                field("by"),
                field("reason")
            );
            match o.get("overridden") {
                Some(Value::Array(items)) => {
                    for (k, i) in items.iter().enumerate() {
                        let text = |key: &str| Esc(i.get(key).and_then(Value::as_str).unwrap_or_default());
                        let _ = write!(h, "{}{} {}", if k == 0 { "" } else { ", " }, text("kind"), text("code"));
                    }
                }
                _ => put(&mut h, "—"),
            }
            put(&mut h, "</td></tr>\n");
        }
        put(&mut h, "</tbody></table></div>");
    }
    put(&mut h, "</section>\n");
    let _ = write!(h, "<footer>Generated by credgate {} from the roster and credentials documents as of {}. Each rule behind these figures is in docs/tracking.md.</footer>\n</main>\n</body>\n</html>\n", env!("CARGO_PKG_VERSION"), Esc(as_of));
    h
}

/// One blocking reason of the gaps' table: its kind and message; an `overLimit` also names the
/// shifts its window counted (SPEC §8.1), the blocked one among them, which its message leaves out.
fn reason_html(h: &mut String, r: &crate::verdict::Reason) {
    let _ = write!(h, "<code>{}</code> {}", Esc(r.kind.as_str()), Esc(&r.message));
    if let Some(ids) = r.shift_ids.as_ref().filter(|_| r.kind == crate::verdict::ReasonKind::OverLimit) {
        put(h, " <span class=\"muted\">(counted: ");
        push_list(h, ids);
        put(h, ")</span>");
    }
}

/// Appends `s` as it is: out of line, where each `push_str` copied its capacity check and
/// copy into the page's ~45 sites (decision 136).
#[inline(never)]
fn put(h: &mut String, s: &str) {
    h.push_str(s);
}

/// Appends `s` escaped.
fn push_esc(h: &mut String, s: &str) {
    let _ = write!(h, "{}", Esc(s));
}

/// Appends ids escaped, `, ` between them.
fn push_list(h: &mut String, ids: &[String]) {
    for (k, id) in ids.iter().enumerate() {
        if k > 0 {
            put(h, ", ");
        }
        push_esc(h, id);
    }
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
        assert_eq!(Esc(r#"<a href="x">'&'</a>"#).to_string(), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
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
