//! The tracking sub-commands (`alerts`, `gaps`, `holders`, `audit`, `report`, `import-csv`) run
//! as a user runs them: the built binary on the sample documents in `www/data/`, and on small
//! fixtures in `tests/fixtures/tracking/`.
//!
//! Golden outputs live in `tests/golden/tracking/`. When a change to the engine or to the
//! sample documents changes them on purpose, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test tracking_cli` and review the diff.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROSTER: &str = "www/data/roster.json";
const CREDENTIALS: &str = "www/data/credentials.json";
const AS_OF: &str = "2026-12-07T08:00:00-06:00";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn credgate(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_credgate")).args(args).current_dir(root()).output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs a sub-command on the sample documents and parses its JSON, which must exit 0.
fn sample(command: &str, extra: &[&str]) -> Value {
    let mut args = vec![command, "--roster", ROSTER, "--credentials", CREDENTIALS];
    args.extend_from_slice(extra);
    let run = credgate(&args);
    assert_eq!(run.code, 0, "credgate {}: exit {}\n{}", args.join(" "), run.code, run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("credgate {}: not JSON ({e}):\n{}", args.join(" "), run.stdout))
}

/// Compares `actual` with the golden file, printing the first differing lines.
#[track_caller]
fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden/tracking").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing; run UPDATE_GOLDEN=1 cargo test --test tracking_cli", path.display()));
    if expected != actual {
        let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
        let first = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
        let from = first.saturating_sub(3);
        let show = |lines: &[&str]| lines.iter().enumerate().skip(from).take(10).map(|(i, l)| format!("{:5} {l}", i + 1)).collect::<Vec<_>>().join("\n");
        panic!(
            "{name} differs from {} at line {} (UPDATE_GOLDEN=1 to accept):\n--- expected\n{}\n+++ actual\n{}",
            path.display(),
            first + 1,
            show(&e),
            show(&a)
        );
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap() + "\n"
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().map(|x| x.as_str().unwrap_or("?").to_string()).collect()).unwrap_or_default()
}

#[test]
fn alerts_on_the_sample_match_its_readme() {
    let alerts = sample("alerts", &["--as-of", AS_OF]);
    golden("alerts.json", &pretty(&alerts));
    // The table "Renewal alerts as of 2026-12-07T08:00:00-06:00" of www/data/README.md, and the
    // three expired records still needed, first.
    let rows: Vec<String> = alerts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{} {} {} {} {} {} {}",
                a["employeeId"].as_str().unwrap(),
                a["code"].as_str().unwrap(),
                a["credentialId"].as_str().unwrap(),
                a["validUntil"].as_str().unwrap(),
                a["daysLeft"],
                a["bucket"].to_string().trim_matches('"'),
                a["renewalTrainingId"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "e-129 BLS cr-0147 2026-10 -37 expired -",
            "e-108 ACLS cr-0036 2026-11 -7 expired -",
            "e-117 BLS cr-0075 2026-11 -7 expired -",
            // Currency (the NRP resuscitation log, 3 in 90 days): the instant it lapses.
            "e-137 NRP cr-0190 2026-12-15T00:30:00-06:00 8 30 -",
            "e-109 SITE-INDUCTION-HOU cr-0037 2026-12-16 9 30 t-8",
            "e-135 NRP cr-0180 2026-12-29T02:20:00-06:00 22 30 -",
            "e-104 BLS cr-0016 2026-12 24 30 t-10",
            "e-134 NRP cr-0175 2027-01-20 44 60 -",
            "e-131 NRP cr-0160 2027-01-25T20:05:00-06:00 49 60 -",
            "e-142 CPI cr-0214 2027-01-25 49 60 t-11",
            "e-132 NRP cr-0165 2027-01-26T20:05:00-06:00 50 60 -",
            "e-133 NRP cr-0170 2027-01-27T20:05:00-06:00 51 60 -",
            "e-136 NRP cr-0185 2027-01-29T20:05:00-06:00 53 60 -",
            "e-138 NRP cr-0195 2027-01-30T21:05:00-06:00 54 60 -",
            "e-111 ACLS cr-0048 2027-01 55 60 t-7",
            "e-140 NRP cr-0204 2027-01-31T21:05:00-06:00 55 60 -",
            "e-105 RN cr-0021 2027-02-05 60 60 -",
            "e-115 RN cr-0066 2027-02-28 83 90 -",
            "e-126 PALS cr-0267 2027-02 83 90 t-12",
        ]
    );
    let by_id = |e: &str, c: &str| alerts.as_array().unwrap().iter().find(|a| a["employeeId"] == e && a["code"] == c).unwrap().clone();
    // Jessica Duval's NRP is valid for years, but her resuscitations lapse on 15 Dec: her three
    // nights from 16 Dec are affected. Rebecca Stein's NRP expires before its currency lapses.
    assert_eq!(by_id("e-137", "NRP")["basis"], "currency");
    assert_eq!(strs(&by_id("e-137", "NRP")["affectedShiftIds"]), ["ld-jax-1216-n", "ld-jax-1217-n", "ld-jax-1220-n"]);
    assert_eq!(by_id("e-134", "NRP")["basis"], "expiry");
    // Tyler Hebert's induction lapses 5 h into his night of 16 Dec; the refresher is booked.
    assert_eq!(strs(&by_id("e-109", "SITE-INDUCTION-HOU")["affectedShiftIds"]), ["icu-hou-1216-n"]);
    // Alejandra Vela's expired BLS blocks her day shift; Hannah Kowalski's is waived on hers.
    assert_eq!(strs(&by_id("e-129", "BLS")["affectedShiftIds"]), ["ed-sat-1212-d"]);
    assert_eq!(strs(&by_id("e-117", "BLS")["affectedShiftIds"]), Vec::<String>::new());
    // Classes booked after the expiry are not renewals, but they are shown.
    assert_eq!(by_id("e-117", "BLS")["lateTrainingId"], "t-6");
    assert_eq!(by_id("e-108", "ACLS")["lateTrainingId"], "t-9");
    assert_eq!(by_id("e-134", "NRP")["renewalBooked"], false);

    // --days widens the horizon past every type's alertDays.
    let wide = sample("alerts", &["--as-of", AS_OF, "--days", "365"]);
    assert!(wide.as_array().unwrap().len() > 11);
    assert!(wide.as_array().unwrap().iter().all(|a| a["daysLeft"].as_i64().unwrap() <= 365));
}

#[test]
fn holders_on_the_sample() {
    let at = "2026-12-10T03:00:00-06:00";
    let bls = sample("holders", &["--code", "BLS", "--at", at]);
    golden("holders-bls.json", &pretty(&bls));
    let records: Vec<&str> = bls.as_array().unwrap().iter().map(|h| h["credentialId"].as_str().unwrap()).collect();
    assert!(records.contains(&"cr-0016"), "Kevin Whitfield's BLS runs to 31 Dec");
    assert!(records.contains(&"cr-0057") && !records.contains(&"cr-0056"), "Chloe Baptiste: the replacement, not the revoked card");
    assert!(!records.contains(&"cr-0075"), "Hannah Kowalski's BLS expired; her waiver is not a credential");
    assert!(!records.contains(&"cr-0147"));
    // ACLS-EP satisfies ACLS: its holders are listed with their own type.
    let acls = sample("holders", &["--code", "ACLS", "--at", at]);
    let ep: Vec<&str> = acls.as_array().unwrap().iter().filter(|h| h["code"] == "ACLS-EP").map(|h| h["employeeId"].as_str().unwrap()).collect();
    assert_eq!(ep, ["e-101", "e-106"]);
    // Priya Raman's ACLS is in grace (it counts for shifts, with a warning) but not held.
    assert!(!acls.as_array().unwrap().iter().any(|h| h["employeeId"] == "e-108"));
    // The shape of one holder.
    let h = &bls[0];
    for key in ["employeeId", "employeeName", "credentialId", "code", "validFrom", "validUntil", "issuer", "identifier", "validIn", "restrictions"] {
        assert!(h.get(key).is_some(), "holder lacks {key}: {h}");
    }
}

#[test]
fn gaps_on_the_sample() {
    let by_location = sample("gaps", &["--from", "2026-12-07T00:00:00-06:00", "--to", "2026-12-21T00:00:00-06:00", "--group-by", "location"]);
    golden("gaps-location.json", &pretty(&by_location));
    let groups = by_location["groups"].as_array().unwrap();
    let ids: Vec<&str> = groups.iter().map(|g| g["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["hou-bayou", "sat-mission", "jax-riverside"]);
    assert_eq!(by_location["days"].as_array().unwrap().len(), 14);
    // Every blocked assignment of the README's table (21 verdicts, the visa limit's two among them) is reported once.
    let blocked: usize = groups.iter().map(|g| g["blockedShifts"].as_array().unwrap().len()).sum();
    assert_eq!(blocked, 21);
    // The one expiry inside the two weeks: Tyler Hebert's induction.
    assert_eq!(groups[0]["expiries"][0]["credentialIds"], serde_json::json!(["cr-0037"]));
    // Every open shift has someone who fits (README "Open shifts for the drag-and-drop demo").
    assert!(groups.iter().all(|g| g["openShifts"].as_array().unwrap().is_empty()));
    // Headcount: one count per day for each code; the Houston induction drops by one after 16 Dec.
    let hou_ind = groups[0]["headcount"].as_array().unwrap().iter().find(|h| h["code"] == "SITE-INDUCTION-HOU").unwrap();
    let counts: Vec<i64> = hou_ind["counts"].as_array().unwrap().iter().map(|c| c.as_i64().unwrap()).collect();
    assert_eq!(counts.len(), 14);
    assert_eq!(counts[9] - counts[10], 1, "16 Dec is the last day of cr-0037: {counts:?}");

    let by_team = sample("gaps", &["--from", "2026-12-07T00:00:00-06:00", "--to", "2026-12-21T00:00:00-06:00", "--group-by", "team"]);
    golden("gaps-team.json", &pretty(&by_team));
    let teams: Vec<&str> = by_team["groups"].as_array().unwrap().iter().map(|g| g["id"].as_str().unwrap_or("null")).collect();
    assert_eq!(teams, ["icu", "ed", "ld", "sec"]);
}

#[test]
fn audit_on_the_sample() {
    let audit = sample("audit", &["--as-of", AS_OF]);
    golden("audit.json", &pretty(&audit));
    let found: Vec<String> = audit["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {}", f["kind"].as_str().unwrap(), f["employeeId"].as_str().unwrap_or("-"), f["code"].as_str().unwrap_or("-")))
        .collect();
    assert_eq!(
        found,
        [
            "roleRequirementNotHeld e-108 ACLS",
            "roleRequirementNotHeld e-117 BLS",
            "roleRequirementNotHeld e-118 RN",
            "roleRequirementNotHeld e-120 BLS",
            "roleRequirementNotHeld e-129 BLS",
            "roleRequirementNotHeld e-152 ACLS",
            "waiverInForce e-117 BLS",
        ]
    );
    assert_eq!(audit["overrides"], serde_json::json!([]));
}

#[test]
fn audit_fixture_finds_every_kind_and_the_override_log() {
    let run = credgate(&[
        "audit",
        "--roster",
        "tests/fixtures/tracking/roster.json",
        "--credentials",
        "tests/fixtures/tracking/credentials.json",
        "--as-of",
        "2026-12-07T08:00:00-06:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The fixture's orphans and unknown types are also load warnings.
    assert!(run.stderr.contains("warning: credentials[5].employeeId: no employee has the id \"e-gone\""), "{}", run.stderr);
    golden("audit-fixture.json", &run.stdout);
    let audit: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut kinds: Vec<&str> = audit["findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "roleRequirementNotHeld",
            "contradictoryStatus",
            "duplicateRecord",
            "sharedIdentifier",
            "orphanCredential",
            "orphanWaiver",
            "orphanTraining",
            "unknownType",
            "missingValidIn",
            "staleTraining",
            "waiverInForce",
        ]
    );
    assert_eq!(audit["overrides"][0]["by"], "m-3");
}

#[test]
fn tracking_on_the_fixture() {
    let docs = ["--roster", "tests/fixtures/tracking/roster.json", "--credentials", "tests/fixtures/tracking/credentials.json"];
    let run = |cmd: &str, extra: &[&str]| {
        let mut args = vec![cmd];
        args.extend_from_slice(&docs);
        args.extend_from_slice(extra);
        let r = credgate(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    golden("alerts-fixture.json", &run("alerts", &["--as-of", AS_OF]));
    golden("gaps-fixture.json", &run("gaps", &["--from", "2026-12-07T00:00:00-06:00", "--to", "2026-12-14T00:00:00-06:00", "--group-by", "team"]));
    golden("holders-fixture.json", &run("holders", &["--code", "BLS", "--at", "2026-12-08T12:00:00-06:00"]));
}

#[test]
fn bad_arguments_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["alerts", "--roster", ROSTER, "--credentials", CREDENTIALS], "alerts needs --as-of"),
        (&["alerts", "--roster", ROSTER, "--credentials", CREDENTIALS, "--as-of", "2026-12-07"], "error: asOf: \"2026-12-07\" is a date where an instant"),
        (&["alerts", "--roster", ROSTER, "--credentials", CREDENTIALS, "--as-of", AS_OF, "--days", "-3"], "--days: \"-3\" is not a whole number"),
        (&["alerts", "--roster", ROSTER, "--credentials", CREDENTIALS, "--as-of", AS_OF, "--weeks", "3"], "alerts does not take --weeks"),
        (&["holders", "--roster", ROSTER, "--credentials", CREDENTIALS, "--code", "BSL", "--at", AS_OF], "error: code: no credential type has the code \"BSL\""),
        (&["holders", "--roster", ROSTER, "--credentials", CREDENTIALS, "--code", "BLS"], "holders needs --at"),
        (&["gaps", "--roster", ROSTER, "--credentials", CREDENTIALS, "--from", AS_OF, "--to", AS_OF, "--group-by", "team"], "error: to: 2026-12-07T08:00:00-06:00 is not after from"),
        (&["gaps", "--roster", ROSTER, "--credentials", CREDENTIALS, "--from", "2026-01-01T00:00:00Z", "--to", "2027-06-01T00:00:00Z", "--group-by", "team"], "at most 366 days"),
        (&["gaps", "--roster", ROSTER, "--credentials", CREDENTIALS, "--from", AS_OF, "--to", "2026-12-14T00:00:00Z", "--group-by", "floor"], "error: groupBy: expected \"location\" or \"team\""),
        (&["audit", "--roster", ROSTER, "--credentials", CREDENTIALS, "--as-of", "now"], "error: asOf:"),
        (&["audit", "--roster", "nope.json", "--credentials", CREDENTIALS, "--as-of", AS_OF], "cannot read roster file nope.json"),
        (&["report", "--roster", ROSTER, "--credentials", CREDENTIALS, "--as-of", AS_OF], "report needs --html"),
        (&["import-csv", "--kind", "waivers", "--file", "docs/examples/credentials.csv"], "--kind: expected \"credentials\", \"trainings\" or \"events\""),
        (&["import-csv", "--kind", "credentials"], "import-csv needs --file"),
        (&["import-csv", "--kind", "credentials", "--file", "docs/examples/credentials.csv", "--map", "Expiry"], "--map \"Expiry\": write HEADER=field"),
    ];
    for (args, expected) in cases {
        let run = credgate(args);
        assert_eq!(run.code, 2, "credgate {}: expected exit 2, got {}\n{}{}", args.join(" "), run.code, run.stdout, run.stderr);
        assert!(run.stdout.is_empty(), "credgate {}: printed on stdout:\n{}", args.join(" "), run.stdout);
        assert!(run.stderr.contains(expected), "credgate {}: stderr lacks {expected:?}:\n{}", args.join(" "), run.stderr);
    }
}

#[test]
fn report_html_is_self_contained() {
    let out = std::env::temp_dir().join(format!("credgate-report-{}.html", std::process::id()));
    let out_s = out.to_str().unwrap();
    let run = credgate(&["report", "--html", "--roster", ROSTER, "--credentials", CREDENTIALS, "--as-of", AS_OF, "--to", "2026-12-21T00:00:00-06:00", "--out", out_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for absent in ["<script", "<link", "<img", "<iframe", "src=", "href=", "http://", "https://", "url(", "@import"] {
        assert!(!html.contains(absent), "the report contains {absent:?}");
    }
    for present in ["Renewal alerts", "Gaps by location", "Audit findings", "Override log", "Bayou General Hospital, Houston", "Alejandra Vela", "<svg"] {
        assert!(html.contains(present), "the report lacks {present:?}");
    }
    // Every alert is a row of the alerts table.
    assert!(html.contains("cr-0147") && html.contains("cr-0267"));

    // To stdout, by team, on the fixture with hostile names: everything is escaped.
    let run = credgate(&[
        "report",
        "--html",
        "--roster",
        "tests/fixtures/tracking/roster.json",
        "--credentials",
        "tests/fixtures/tracking/credentials.json",
        "--as-of",
        AS_OF,
        "--group-by",
        "team",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("<script"), "unescaped script in the report");
    assert!(run.stdout.contains("Zo&lt;script&gt;"));
}

#[test]
fn import_csv_examples_load_and_merge() {
    let run = credgate(&["import-csv", "--kind", "credentials", "--file", "docs/examples/credentials.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    golden("import-credentials.json", &run.stdout);
    assert!(run.stderr.contains("warning: docs/examples/credentials.csv: line 1: columns not imported"), "{}", run.stderr);
    let records: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 8);
    assert_eq!(records[7]["validUntil"], Value::Null, "\"never\" writes null");

    let run = credgate(&["import-csv", "--kind", "trainings", "--file", "docs/examples/trainings.csv", "--date-order", "dmy", "--offset", "-06:00"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    golden("import-trainings.json", &run.stdout);

    // Merged into the sample credentials, the document still loads and validates.
    let merged = std::env::temp_dir().join(format!("credgate-merged-{}.json", std::process::id()));
    let merged_s = merged.to_str().unwrap();
    let mapped = credgate(&[
        "import-csv",
        "--kind",
        "credentials",
        "--file",
        "docs/examples/credentials.csv",
        "--map",
        "Employee Name=-",
        "--map",
        "Notes=-",
        "--merge-into",
        CREDENTIALS,
        "--out",
        merged_s,
    ]);
    assert_eq!(mapped.code, 0, "{}", mapped.stderr);
    assert!(!mapped.stderr.contains("columns not imported"), "explicitly dropped columns are not warned about: {}", mapped.stderr);
    let validate = credgate(&["validate", "--roster", ROSTER, "--credentials", merged_s]);
    let _ = std::fs::remove_file(&merged);
    assert!(validate.code == 0 || validate.code == 1, "the merged document does not load:\n{}", validate.stderr);
    // Importing the same file twice into one document is refused: the ids are taken.
    let twice = credgate(&["import-csv", "--kind", "trainings", "--file", "tests/fixtures/tracking/trainings-clash.csv", "--merge-into", CREDENTIALS]);
    assert_eq!(twice.code, 2);
    assert!(twice.stderr.contains("id \"t-1\" is already trainings[0] of the credentials document"), "{}", twice.stderr);
}

#[test]
fn import_csv_errors_name_line_and_column() {
    let run = credgate(&["import-csv", "--kind", "credentials", "--file", "tests/fixtures/tracking/bad.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    golden("import-bad.stderr", &run.stderr);
    assert!(run.stderr.contains("error: tests/fixtures/tracking/bad.csv: line 3, column 4 (Expires): \"2027-13-01\" is not a date"), "{}", run.stderr);
}

#[test]
fn the_fixture_files_exist() {
    for f in ["roster.json", "credentials.json", "bad.csv", "trainings-clash.csv"] {
        assert!(Path::new(&root().join("tests/fixtures/tracking").join(f)).exists(), "{f}");
    }
}
