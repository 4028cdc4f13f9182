#!/usr/bin/env python3
"""Generate the credgate sample documents: roster.json and credentials.json.

The organisation is Gulf Coast Health Partners, a fictional regional hospital group with three
hospitals in Texas and Florida (see README.md beside this file). The roster covers two weeks,
Monday 7 December to Sunday 20 December 2026; the credentials are a snapshot taken on the
morning of 7 December 2026 (so trainings before then are `completed` or `cancelled`, and
trainings after it are `scheduled`).

Most of the roster is produced by a small rota builder (each unit's day and night lines, so the
rest gaps are always 12 h and every assignment is clean). The handful of deliberate problems are
written out by hand: the `on`/`off`/`avail` options in `LINES`, the pick-ups and extra shifts at
the end of `make_roster`, and the `CUSTOM` credential records, WAIVERS and TRAININGS. There is at
least one per reason kind of SPEC section 3, and README.md says why each one yields its kind.

    python3 www/data/make_sample.py            # writes roster.json and credentials.json
    python3 www/data/make_sample.py --check    # also evaluates every assignment with an
                                                # independent reading of SPEC section 3 and
                                                # prints every non-ok verdict and finding

The output is deterministic: running the script twice gives byte-identical files.
"""

import datetime as dt
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST_DAY = dt.date(2026, 12, 7)  # Monday
DAYS = 14
TX = "-06:00"  # US Central standard time (Houston, San Antonio) in December
FL = "-05:00"  # US Eastern standard time (Jacksonville) in December
EMAIL_DOMAIN = "gchp.example"
rng = random.Random(20261207)


def day(i):
    return FIRST_DAY + dt.timedelta(days=i)


def instant(d, hhmm, off):
    return f"{d.isoformat()}T{hhmm}:00{off}"


# --------------------------------------------------------------------------------------------
# Credential types
# --------------------------------------------------------------------------------------------

CREDENTIAL_TYPES = [
    {"code": "RN", "name": "Registered Nurse licence", "jurisdictional": True,
     "alertDays": [90, 60, 30], "category": "licence"},
    {"code": "LPN", "name": "Licensed Practical Nurse licence", "jurisdictional": True,
     "alertDays": [90, 60, 30], "category": "licence"},
    {"code": "BLS", "name": "Basic Life Support (AHA)", "graceDays": 0,
     "alertDays": [90, 60, 30], "category": "certification"},
    {"code": "ACLS", "name": "Advanced Cardiovascular Life Support (AHA)", "graceDays": 30,
     "alertDays": [90, 60, 30], "category": "certification"},
    {"code": "ACLS-EP", "name": "ACLS for Experienced Providers", "graceDays": 30,
     "alertDays": [90, 60, 30], "satisfies": ["ACLS"], "category": "certification"},
    {"code": "PALS", "name": "Pediatric Advanced Life Support (AHA)", "graceDays": 30,
     "alertDays": [90, 60, 30], "category": "certification"},
    {"code": "ENPC", "name": "Emergency Nursing Pediatric Course (ENA)", "graceDays": 0,
     "alertDays": [90, 30], "category": "certification"},
    {"code": "TNCC", "name": "Trauma Nursing Core Course (ENA)", "graceDays": 0,
     "alertDays": [90, 30], "category": "certification"},
    # Unit policy: an NRP provider stays current by leading or assisting at 3 neonatal
    # resuscitations in any 90 days (the L&D resuscitation log, `EVENTS` below; SPEC section 8).
    {"code": "NRP", "name": "Neonatal Resuscitation Program (AAP)", "graceDays": 0,
     "alertDays": [60, 30], "category": "certification",
     "currency": {"event": "resuscitation", "min": 3, "withinDays": 90}},
    {"code": "FETAL", "name": "Fetal heart monitoring (AWHONN intermediate)", "graceDays": 0,
     "alertDays": [90, 30], "category": "certification"},
    {"code": "CHARGE", "name": "Charge nurse competency", "graceDays": 0,
     "alertDays": [30], "category": "competency"},
    {"code": "CPI", "name": "Crisis prevention and de-escalation", "graceDays": 14,
     "alertDays": [60, 30], "category": "competency"},
    {"code": "SITE-INDUCTION-HOU", "name": "Site induction: Bayou General, Houston",
     "alertDays": [30], "category": "induction"},
    {"code": "SITE-INDUCTION-SAT", "name": "Site induction: Mission Hills, San Antonio",
     "alertDays": [30], "category": "induction"},
    {"code": "SITE-INDUCTION-JAX", "name": "Site induction: Riverside Bay, Jacksonville",
     "alertDays": [30], "category": "induction"},
    {"code": "SEC-GUARD", "name": "Security officer licence (TX Level II / FL Class D)",
     "jurisdictional": True, "alertDays": [60, 30], "category": "licence"},
    {"code": "FIREARM", "name": "Armed security licence (TX Level III commission / FL Class G)",
     "jurisdictional": True, "alertDays": [60, 30], "category": "licence"},
    # A student visa whose work authorization allows 20 hours a week in term: the roster's
    # `rules.limits` entry `visa-hours` (SPEC section 8) applies to its holders.
    {"code": "VISA-F1", "name": "F-1 student visa (curricular practical training, part-time)",
     "alertDays": [90, 60, 30], "category": "work authorization"},
]
TYPES = {t["code"]: t for t in CREDENTIAL_TYPES}

JURISDICTION_GROUPS = [
    # The Nurse Licensure Compact (multistate RN and LPN licences); abridged member list.
    {"code": "NLC", "name": "Nurse Licensure Compact",
     "members": ["US-TX", "US-FL", "US-AZ", "US-GA", "US-NC", "US-TN", "US-VA"]},
]

# --------------------------------------------------------------------------------------------
# Roster skeleton
# --------------------------------------------------------------------------------------------

LOCATIONS = [
    {"id": "hou-bayou", "name": "Bayou General Hospital, Houston", "jurisdiction": "US-TX",
     "requires": "SITE-INDUCTION-HOU", "timezone": "America/Chicago"},
    {"id": "sat-mission", "name": "Mission Hills Medical Center, San Antonio",
     "jurisdiction": "US-TX", "requires": "SITE-INDUCTION-SAT", "timezone": "America/Chicago"},
    {"id": "jax-riverside", "name": "Riverside Bay Hospital, Jacksonville",
     "jurisdiction": "US-FL", "requires": "SITE-INDUCTION-JAX", "timezone": "America/New_York"},
]
OFFSET = {"hou-bayou": TX, "sat-mission": TX, "jax-riverside": FL}
SITE = {"hou-bayou": "HOU", "sat-mission": "SAT", "jax-riverside": "JAX"}

TEAMS = [
    {"id": "icu", "name": "Intensive care"},
    {"id": "ed", "name": "Emergency department"},
    {"id": "ld", "name": "Labor, delivery and mother-baby"},
    {"id": "sec", "name": "Security"},
]

ROLES = [
    {"id": "icu-rn", "name": "ICU registered nurse",
     "requires": {"all": ["RN", "BLS", "ACLS"]}},
    {"id": "ed-rn", "name": "Emergency registered nurse",
     "requires": {"all": ["RN", "BLS", "ACLS", {"any": ["TNCC", "ENPC"]}]}},
    {"id": "ld-rn", "name": "Labor and delivery registered nurse",
     "requires": {"all": ["RN", "BLS", "FETAL"]}},
    {"id": "mb-lpn", "name": "Mother-baby practical nurse",
     "requires": {"all": [{"any": ["LPN", "RN"]}, "BLS"]}},
    {"id": "sec-officer", "name": "Security officer",
     "requires": {"all": ["SEC-GUARD", "BLS"]}},
]

QUEUES = [
    {"id": "trauma", "name": "Trauma activations", "requires": "TNCC"},
    {"id": "peds-ed", "name": "Paediatric emergencies", "requires": {"any": ["PALS", "ENPC"]}},
    {"id": "nicu-resus", "name": "Newborn resuscitation at delivery", "requires": "NRP"},
    {"id": "behavioral", "name": "Behavioral-health holds in the ED", "requires": "CPI"},
]

# Each line is one unit's recurring shift; the rota builder staffs it day by day.
# staff: (employee id, options) with options: crew (may count for the line's crew rule),
# max (most shifts in the two weeks), avail (days 0..13 the person can work), on (days they must
# work), off (days they must not work).
LINES = [
    dict(unit="icu-hou", loc="hou-bayou", team="icu", role="icu-rn", slot="d", k=2,
         crew="CHARGE", queues=[],
         staff=[("e-101", dict(crew=True)), ("e-102", dict(crew=True)),
                ("e-103", dict(off={5})), ("e-104", dict())]),
    dict(unit="icu-hou", loc="hou-bayou", team="icu", role="icu-rn", slot="n", k=2,
         crew="CHARGE", queues=[],
         staff=[("e-106", dict(crew=True)), ("e-107", dict(crew=True)),
                ("e-108", dict(max=4)), ("e-109", dict(avail=set(range(0, 10)), on={9})),
                ("e-110", dict())]),
    dict(unit="icu-jax", loc="jax-riverside", team="icu", role="icu-rn", slot="d", k=2,
         crew="CHARGE", queues=[],
         staff=[("e-111", dict(crew=True, on={8})), ("e-112", dict(crew=True)),
                ("e-113", dict()), ("e-114", dict())]),
    dict(unit="icu-jax", loc="jax-riverside", team="icu", role="icu-rn", slot="n", k=2,
         crew="CHARGE", queues=[],
         staff=[("e-115", dict(crew=True, off={11})), ("e-116", dict(crew=True, off={11})),
                ("e-117", dict(avail=set(range(0, 7)))), ("e-118", dict(avail=set(range(1, 14)), on={1})),
                ("e-119", dict(on={11}))]),
    dict(unit="ed-sat", loc="sat-mission", team="ed", role="ed-rn", slot="d", k=2,
         crew=None, queues=["peds-ed"],
         staff=[("e-121", dict()), ("e-122", dict()), ("e-123", dict()), ("e-124", dict())]),
    dict(unit="ed-sat", loc="sat-mission", team="ed", role="ed-rn", slot="n", k=2,
         crew=None, queues=["trauma"],
         staff=[("e-125", dict()), ("e-126", dict()), ("e-127", dict(on={3}, off={4})),
                ("e-128", dict())]),
    dict(unit="ld-jax", loc="jax-riverside", team="ld", role="ld-rn", slot="d", k=2,
         crew=None, queues=["nicu-resus"],
         staff=[("e-131", dict()), ("e-132", dict(off={3})), ("e-133", dict()),
                ("e-134", dict())]),
    dict(unit="ld-jax", loc="jax-riverside", team="ld", role="ld-rn", slot="n", k=2,
         crew=None, queues=["nicu-resus"],
         staff=[("e-135", dict()), ("e-136", dict()), ("e-137", dict()), ("e-138", dict())]),
    dict(unit="mb-jax", loc="jax-riverside", team="ld", role="mb-lpn", slot="m", k=1,
         crew=None, queues=[],
         staff=[("e-139", dict()), ("e-140", dict())]),
    dict(unit="sec-hou", loc="hou-bayou", team="sec", role="sec-officer", slot="s", k=2,
         crew="FIREARM", queues=["behavioral"],
         staff=[("e-141", dict(crew=True)), ("e-142", dict(crew=True)),
                ("e-143", dict(on={11}, off={10})), ("e-144", dict())]),
    dict(unit="sec-jax", loc="jax-riverside", team="sec", role="sec-officer", slot="s", k=2,
         crew="FIREARM", queues=["behavioral"],
         staff=[("e-145", dict(crew=True)), ("e-146", dict(crew=True)),
                ("e-147", dict()), ("e-148", dict())]),
    # San Antonio has one armed officer at the ED entrance each night: the shift itself requires
    # FIREARM. Night 13 Dec (day 6) is covered by the relief officer (see make_roster).
    dict(unit="sec-sat", loc="sat-mission", team="sec", role="sec-officer", slot="s", k=1,
         crew=None, queues=[], requires="FIREARM",
         staff=[("e-149", dict(off={6})), ("e-150", dict(off={6}))]),
]

SLOT_SUFFIX = {"d": "d", "n": "n", "m": "d", "s": "n"}
SLOT_TIMES = {  # start, end, label
    "d": ("07:00", "19:00", "day"),
    "n": ("19:00", "07:00", "night"),
    "m": ("07:00", "15:30", "day"),
    "s": ("18:00", "06:00", "night"),
}

# --------------------------------------------------------------------------------------------
# Employees
# --------------------------------------------------------------------------------------------

# id, name, team, home location, roleIds, employment, job title
EMPLOYEES = [
    # ICU Houston, day line
    ("e-101", "Maribel Guerrero", "icu", "hou-bayou", ["icu-rn"], "full-time", "Charge nurse"),
    ("e-102", "Daniel Okafor", "icu", "hou-bayou", ["icu-rn"], "full-time", "Charge nurse"),
    ("e-103", "Lan Tran", "icu", "hou-bayou", ["icu-rn", "ed-rn"], "full-time", "Staff nurse"),
    ("e-104", "Kevin Whitfield", "icu", "hou-bayou", ["icu-rn"], "full-time", "Staff nurse"),
    ("e-105", "Emily Nguyen", "icu", "hou-bayou", ["icu-rn"], "full-time",
     "Graduate nurse (residency)"),
    # ICU Houston, night line
    ("e-106", "Rosa Delgado", "icu", "hou-bayou", ["icu-rn"], "full-time", "Charge nurse"),
    ("e-107", "Jerome Battle", "icu", "hou-bayou", ["icu-rn"], "full-time", "Charge nurse"),
    ("e-108", "Priya Raman", "icu", "hou-bayou", ["icu-rn"], "part-time", "Staff nurse"),
    ("e-109", "Tyler Hebert", "icu", "hou-bayou", ["icu-rn"], "full-time", "Staff nurse"),
    ("e-110", "Adaeze Nwosu", "icu", "hou-bayou", ["icu-rn"], "full-time", "Staff nurse"),
    # ICU Jacksonville, day line
    ("e-111", "Angela Pierce", "icu", "jax-riverside", ["icu-rn"], "full-time", "Charge nurse"),
    ("e-112", "Samuel Adeyemi", "icu", "jax-riverside", ["icu-rn"], "full-time", "Charge nurse"),
    ("e-113", "Chloe Baptiste", "icu", "jax-riverside", ["icu-rn"], "full-time", "Staff nurse"),
    ("e-114", "Ryan McAllister", "icu", "jax-riverside", ["icu-rn"], "full-time", "Staff nurse"),
    # ICU Jacksonville, night line
    ("e-115", "Yolanda Haynes", "icu", "jax-riverside", ["icu-rn"], "full-time", "Charge nurse"),
    ("e-116", "Marco Silva", "icu", "jax-riverside", ["icu-rn"], "full-time", "Charge nurse"),
    ("e-117", "Hannah Kowalski", "icu", "jax-riverside", ["icu-rn"], "part-time",
     "Staff nurse (F-1 student visa, BSN student)"),
    ("e-118", "Wesley Jean-Pierre", "icu", "jax-riverside", ["icu-rn"], "full-time",
     "Staff nurse (new hire)"),
    ("e-119", "Fatima Bello", "icu", "jax-riverside", ["icu-rn"], "full-time", "Staff nurse"),
    ("e-120", "Natalie Brooks", "icu", "jax-riverside", ["icu-rn"], "per-diem", "Staff nurse"),
    # ED San Antonio
    ("e-121", "Veronica Salinas", "ed", "sat-mission", ["ed-rn"], "full-time", "Staff nurse"),
    ("e-122", "Luis Cantu", "ed", "sat-mission", ["ed-rn"], "full-time", "Staff nurse"),
    ("e-123", "Brittany Moss", "ed", "sat-mission", ["ed-rn"], "full-time", "Staff nurse"),
    ("e-124", "Andre Washington", "ed", "sat-mission", ["ed-rn"], "full-time", "Staff nurse"),
    ("e-125", "Javier Trevino", "ed", "sat-mission", ["ed-rn"], "full-time", "Staff nurse"),
    ("e-126", "Courtney Bell", "ed", "sat-mission", ["ed-rn"], "full-time", "Staff nurse"),
    ("e-127", "Nnamdi Eze", "ed", "sat-mission", ["ed-rn"], "full-time", "Staff nurse"),
    ("e-128", "Sarah Lindqvist", "ed", "sat-mission", ["ed-rn"], "full-time", "Staff nurse"),
    ("e-129", "Alejandra Vela", "ed", "sat-mission", ["ed-rn"], "per-diem", "Staff nurse"),
    ("e-130", "Megan Castillo", "icu", "hou-bayou", ["icu-rn", "ed-rn"], "float pool",
     "Float nurse"),
    # L&D and mother-baby Jacksonville
    ("e-131", "Keisha Morgan", "ld", "jax-riverside", ["ld-rn"], "full-time", "Staff nurse"),
    ("e-132", "Olivia Park", "ld", "jax-riverside", ["ld-rn"], "full-time", "Staff nurse"),
    ("e-133", "Maria Fernandez", "ld", "jax-riverside", ["ld-rn"], "full-time", "Staff nurse"),
    ("e-134", "Rebecca Stein", "ld", "jax-riverside", ["ld-rn"], "full-time", "Staff nurse"),
    ("e-135", "Danielle Ruiz", "ld", "jax-riverside", ["ld-rn"], "full-time", "Staff nurse"),
    ("e-136", "Amara Diallo", "ld", "jax-riverside", ["ld-rn"], "full-time", "Staff nurse"),
    ("e-137", "Jessica Duval", "ld", "jax-riverside", ["ld-rn"], "full-time", "Staff nurse"),
    ("e-138", "Ngozi Okeke", "ld", "jax-riverside", ["ld-rn"], "full-time", "Staff nurse"),
    ("e-139", "Tamika Johnson", "ld", "jax-riverside", ["mb-lpn"], "full-time",
     "Licensed practical nurse"),
    ("e-140", "Carmen Ortiz", "ld", "jax-riverside", ["mb-lpn"], "full-time",
     "Licensed practical nurse"),
    # Security
    ("e-141", "Ray Dominguez", "sec", "hou-bayou", ["sec-officer"], "full-time",
     "Armed security officer"),
    ("e-142", "Curtis Fontenot", "sec", "hou-bayou", ["sec-officer"], "full-time",
     "Armed security officer"),
    ("e-143", "Omar Haddad", "sec", "hou-bayou", ["sec-officer"], "full-time",
     "Security officer"),
    ("e-144", "DeShawn Miller", "sec", "hou-bayou", ["sec-officer"], "full-time",
     "Security officer"),
    ("e-145", "Brian Kessler", "sec", "jax-riverside", ["sec-officer"], "full-time",
     "Armed security officer"),
    ("e-146", "Hector Acevedo", "sec", "jax-riverside", ["sec-officer"], "full-time",
     "Armed security officer"),
    ("e-147", "Terrence Gaines", "sec", "jax-riverside", ["sec-officer"], "full-time",
     "Security officer"),
    ("e-148", "Kyle Sorensen", "sec", "jax-riverside", ["sec-officer"], "full-time",
     "Security officer"),
    ("e-149", "Gilbert Ybarra", "sec", "sat-mission", ["sec-officer"], "full-time",
     "Armed security officer"),
    ("e-150", "Patrick O'Neill", "sec", "sat-mission", ["sec-officer"], "full-time",
     "Armed security officer"),
    ("e-151", "Darnell Hughes", "sec", "sat-mission", ["sec-officer"], "relief",
     "Armed security officer (relief)"),
    # Agency
    ("e-152", "Lauren Fitzgerald", "icu", "hou-bayou", ["icu-rn"], "agency",
     "Travel nurse (Lone Star Clinical Staffing)"),
]
EMP = {e[0]: e for e in EMPLOYEES}


def email(name):
    first, last = name.lower().replace("'", "").split(" ", 1)
    return f"{first}.{last.replace(' ', '').replace('-', '')}@{EMAIL_DOMAIN}"


# --------------------------------------------------------------------------------------------
# The rota builder
# --------------------------------------------------------------------------------------------


def build_rota(line):
    """Staff one line for 14 days: k people a shift, at least one crew-capable person when the
    line has a crew rule, nobody more than 3 shifts in a row, work shared out evenly."""
    staff = line["staff"]
    worked = {eid: [] for eid, _ in staff}
    rota = []
    for d in range(DAYS):
        def free(eid, o):
            if d in o.get("off", set()):
                return False
            if "avail" in o and d not in o["avail"]:
                return False
            if len(worked[eid]) >= o.get("max", 99):
                return False
            w = worked[eid]
            if len(w) >= 3 and w[-3:] == [d - 3, d - 2, d - 1]:
                return False
            return True

        chosen = [eid for eid, o in staff if d in o.get("on", set())]

        def pick(pred):
            cands = [(len(worked[eid]), (i - d) % len(staff), eid)
                     for i, (eid, o) in enumerate(staff)
                     if eid not in chosen and free(eid, o) and pred(o)]
            if cands:
                chosen.append(min(cands)[2])
                return True
            return False

        if line["crew"] and not any(dict(staff)[e].get("crew") for e in chosen):
            pick(lambda o: o.get("crew"))
        while len(chosen) < line["k"] and pick(lambda o: True):
            pass
        for eid in chosen:
            worked[eid].append(d)
        rota.append(chosen)
    return rota


def shift_times(slot, d, off):
    s, e, _ = SLOT_TIMES[slot]
    end_day = d + dt.timedelta(days=1) if e < s else d
    return instant(d, s, off), instant(end_day, e, off)


def make_roster():
    shifts = []
    for line in LINES:
        rota = build_rota(line)
        off = OFFSET[line["loc"]]
        for i, assigned in enumerate(rota):
            d = day(i)
            start, end = shift_times(line["slot"], d, off)
            sid = f"{line['unit']}-{d.strftime('%m%d')}-{SLOT_SUFFIX[line['slot']]}"
            sh = {"id": sid, "start": start, "end": end, "locationId": line["loc"],
                  "teamId": line["team"], "roleId": line["role"]}
            if line["queues"]:
                sh["queueIds"] = list(line["queues"])
            if line.get("requires"):
                sh["requires"] = line["requires"]
            sh["assigned"] = list(assigned)
            if line["crew"]:
                sh["crew"] = [{"requires": line["crew"], "min": 1}]
            shifts.append(sh)
    by_id = {s["id"]: s for s in shifts}

    def add(sid, eid):
        by_id[sid]["assigned"].append(eid)

    def extra(sid, start, end, loc, team, role, assigned, queues=None, label=None, notes=None):
        sh = {"id": sid, "start": start, "end": end, "locationId": loc, "teamId": team,
              "roleId": role}
        if queues:
            sh["queueIds"] = queues
        sh["assigned"] = assigned
        if label:
            sh["label"] = label
        if notes:
            sh["notes"] = notes
        shifts.append(sh)
        by_id[sid] = sh

    # Emily Nguyen (graduate nurse) works alongside her preceptor Maribel Guerrero, except on
    # Saturday 19 Dec (the surge shift below).
    for s in shifts:
        if s["id"].startswith("icu-hou-") and s["id"].endswith("-d") and "e-101" in s["assigned"] \
                and not s["id"].startswith("icu-hou-1219"):
            s["assigned"].append("e-105")
    # Lauren Fitzgerald (agency traveller) starts her contract on 14 Dec.
    add("icu-hou-1214-d", "e-152")
    add("icu-hou-1215-d", "e-152")
    # Megan Castillo (float pool) covers Houston ICU days and one Jacksonville night.
    for sid in ("icu-hou-1208-d", "icu-hou-1210-d", "icu-hou-1216-d"):
        add(sid, "e-130")
    add("icu-jax-1219-n", "e-130")
    # Alejandra Vela (per diem) picks up one ED day.
    add("ed-sat-1212-d", "e-129")
    # Natalie Brooks (per diem) picks up one ICU day in Jacksonville.
    add("icu-jax-1217-d", "e-120")
    # Lan Tran (cross-trained ICU/ED) picks up an ED day in San Antonio on her day off.
    add("ed-sat-1212-d", "e-103")
    # Olivia Park (L&D) picks up an ICU day in Jacksonville.
    add("icu-jax-1210-d", "e-132")
    # Darnell Hughes (relief officer) covers the San Antonio armed post on 13 Dec.
    add("sec-sat-1213-n", "e-151")

    # Extra and open shifts.
    extra("icu-hou-1219-surge", instant(day(12), "07:00", TX), instant(day(12), "19:00", TX),
          "hou-bayou", "icu", "icu-rn", ["e-105"], label="ICU Houston: weekend surge bed",
          notes="opened for the holiday census; extra RN")
    extra("icu-hou-1220-surge", instant(day(13), "07:00", TX), instant(day(13), "19:00", TX),
          "hou-bayou", "icu", "icu-rn", [], label="ICU Houston: weekend surge bed",
          notes="opened for the holiday census; extra RN")
    extra("icu-jax-1212-extra-n", instant(day(5), "19:00", FL), instant(day(6), "07:00", FL),
          "jax-riverside", "icu", "icu-rn", [], label="ICU Jacksonville: extra night RN")
    extra("ed-sat-1211-swing", instant(day(4), "11:00", TX), instant(day(4), "23:00", TX),
          "sat-mission", "ed", "ed-rn", ["e-127"], queues=["trauma"],
          label="ED San Antonio: swing shift (peak hours)")
    for i in (5, 6, 12, 13):
        d = day(i)
        extra(f"ed-sat-{d.strftime('%m%d')}-swing", instant(d, "11:00", TX),
              instant(d, "23:00", TX), "sat-mission", "ed", "ed-rn", [], queues=["trauma"],
              label="ED San Antonio: swing shift (peak hours)")
    extra("ld-jax-1216-extra-d", instant(day(9), "07:00", FL), instant(day(9), "19:00", FL),
          "jax-riverside", "ld", "ld-rn", [], queues=["nicu-resus"],
          label="L&D Jacksonville: scheduled inductions, extra RN")
    extra("mb-jax-1219-extra-d", instant(day(12), "07:00", FL), instant(day(12), "15:30", FL),
          "jax-riverside", "ld", "mb-lpn", [], label="Mother-baby Jacksonville: extra LPN")
    extra("sec-hou-1218-event", instant(day(11), "16:00", TX), instant(day(11), "23:00", TX),
          "hou-bayou", "sec", "sec-officer", ["e-143"],
          label="Houston: Foundation holiday gala, lobby post")
    extra("sec-jax-1219-event", instant(day(12), "17:00", FL), instant(day(12), "23:00", FL),
          "jax-riverside", "sec", "sec-officer", [],
          label="Jacksonville: staff holiday party, parking garage post")

    shifts.sort(key=lambda s: (s["start"][:10], s["locationId"], s["id"]))
    employees = []
    for eid, name, team, loc, roles, employment, title in EMPLOYEES:
        employees.append({"id": eid, "name": name, "teamId": team, "locationId": loc,
                          "roleIds": roles, "email": email(name), "employment": employment,
                          "title": title})
    return {
        "locations": LOCATIONS,
        "teams": TEAMS,
        "roles": ROLES,
        "queues": QUEUES,
        "employees": employees,
        "shifts": shifts,
        "rules": {"minRestHours": 10, "overlap": "block", "limits": LIMITS},
    }


# SPEC section 8: an F-1 student may work 20 hours a calendar week in term (Monday to Sunday,
# local to each shift's hospital). Hannah Kowalski's two nights in the week of 7 Dec are 24 h.
LIMITS = [
    {"id": "visa-hours", "appliesTo": {"code": "VISA-F1"}, "measure": "hours", "max": 20,
     "window": {"calendar": "week", "weekStart": "monday"}, "severity": "block"},
]


# --------------------------------------------------------------------------------------------
# Credentials
# --------------------------------------------------------------------------------------------

ISSUER = {
    "BLS": "American Heart Association", "ACLS": "American Heart Association",
    "ACLS-EP": "American Heart Association", "PALS": "American Heart Association",
    "ENPC": "Emergency Nurses Association", "TNCC": "Emergency Nurses Association",
    "NRP": "American Academy of Pediatrics", "FETAL": "AWHONN",
    "CHARGE": "Gulf Coast Health Partners nursing education", "CPI": "GCHP staff education",
    "SITE-INDUCTION-HOU": "Bayou General staff education",
    "SITE-INDUCTION-SAT": "Mission Hills staff education",
    "SITE-INDUCTION-JAX": "Riverside Bay staff education",
}
CARD_YEARS = {"BLS": 2, "ACLS": 2, "ACLS-EP": 2, "PALS": 2, "ENPC": 4, "TNCC": 4, "NRP": 2}


def add_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + n, day=28)


def month_str(d):
    return f"{d.year:04d}-{d.month:02d}"


def rand_date(lo, hi):
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


def digits(n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def ecard():
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(rng.choice(alphabet) for _ in range(12))


def state_of(loc):
    return "US-FL" if loc == "jax-riverside" else "US-TX"


def baseline(eid, code):
    """One ordinary, comfortably valid record (expires after 7 March 2027 + a margin, so it
    raises no renewal alert and no expiringSoon in the sample period)."""
    _, name, team, loc, roles, employment, _ = EMP[eid]
    rec = {"employeeId": eid, "code": code}
    if code in CARD_YEARS:
        years = CARD_YEARS[code]
        until = rand_date(dt.date(2027, 4, 1), dt.date(2028, 11, 1))
        issued = add_years(until, -years)
        rec["validFrom"] = issued.isoformat()
        rec["validUntil"] = month_str(until)  # cards run to the end of the month
        rec["status"] = "active"
        rec["issuer"] = ISSUER[code]
        rec["identifier"] = ecard()
    elif code in ("RN", "LPN"):
        state = state_of(loc)
        if state == "US-TX":
            until = rand_date(dt.date(2027, 4, 1), dt.date(2028, 10, 1))
            rec["validFrom"] = (add_years(until, -2).replace(day=1)).isoformat()
            rec["validUntil"] = month_str(until)  # Texas: end of the birth month
            rec["issuer"] = "Texas Board of Nursing"
            rec["identifier"] = f"{digits(6)}"
        else:
            until = rng.choice([dt.date(2027, 4, 30), dt.date(2027, 7, 31), dt.date(2028, 4, 30),
                                dt.date(2028, 7, 31)])
            rec["validFrom"] = (add_years(until, -2) + dt.timedelta(days=1)).isoformat()
            rec["validUntil"] = until.isoformat()
            rec["issuer"] = "Florida Board of Nursing"
            rec["identifier"] = f"{code}{digits(7)}"
        rec["status"] = "active"
        rec["validIn"] = ["NLC"]  # multistate licence
        rec["source"] = "Nursys"
    elif code in ("SEC-GUARD", "FIREARM"):
        state = state_of(loc)
        issued = rand_date(dt.date(2025, 4, 1), dt.date(2026, 10, 31))
        rec["validFrom"] = issued.isoformat()
        rec["validUntil"] = (add_years(issued, 2) - dt.timedelta(days=1)).isoformat()
        rec["status"] = "active"
        rec["validIn"] = [state]
        if state == "US-TX":
            rec["issuer"] = "Texas DPS Private Security Program"
            rec["identifier"] = ("L3-" if code == "FIREARM" else "L2-") + digits(7)
        else:
            rec["issuer"] = "Florida Division of Licensing"
            rec["identifier"] = ("G" if code == "FIREARM" else "D") + digits(7)
    elif code in ("FETAL", "CHARGE"):
        issued = rand_date(dt.date(2025, 4, 1), dt.date(2026, 10, 31))
        rec["validFrom"] = issued.isoformat()
        rec["validUntil"] = (add_years(issued, 2) - dt.timedelta(days=1)).isoformat()
        rec["status"] = "active"
        rec["issuer"] = ISSUER[code]
    elif code == "VISA-F1":
        # The I-20's programme end date; far enough away to raise no renewal alert.
        rec["validFrom"] = "2025-08-18"
        rec["validUntil"] = "2027-05-31"
        rec["status"] = "active"
        rec["issuer"] = "U.S. Department of State"
        rec["identifier"] = f"N00{digits(8)}"
    elif code == "CPI" or code.startswith("SITE-INDUCTION-"):
        issued = rand_date(dt.date(2026, 3, 25), dt.date(2026, 11, 30))
        rec["validFrom"] = issued.isoformat()
        rec["validUntil"] = (add_years(issued, 1) - dt.timedelta(days=1)).isoformat()
        rec["status"] = "active"
        rec["issuer"] = ISSUER[code]
    else:
        raise KeyError(code)
    return rec


def induction(loc):
    return "SITE-INDUCTION-" + SITE[loc]


def standard_codes(eid):
    """The codes each employee ordinarily holds, from their job."""
    _, name, team, loc, roles, employment, title = EMP[eid]
    codes = [induction(loc), "BLS"]
    if team == "sec":
        codes += ["SEC-GUARD", "CPI"]
        if title.startswith("Armed"):
            codes.append("FIREARM")
        return codes
    if "mb-lpn" in roles:
        return codes + ["LPN", "NRP"]
    codes.append("RN")
    if team == "icu":
        codes.append("ACLS")
        if title == "Charge nurse":
            codes.append("CHARGE")
    if team == "ed":
        codes += ["ACLS", "TNCC", "CPI"]
        codes.append("PALS" if int(eid[2:]) % 2 else "ENPC")
    if team == "ld":
        codes += ["NRP", "FETAL"]
    return codes


# Records that replace the baseline for one (employee, code); a list means several records.
# Each is described in README.md.
CUSTOM = {
    # expiringSoon + renewal alert (30-day bucket, renewal booked): BLS card ends 31 Dec 2026.
    ("e-104", "BLS"): [{"validFrom": "2024-12-04", "validUntil": "2026-12",
                        "issuer": "American Heart Association", "identifier": "4FQ7K2MZ9PLD"}],
    # unsupervised: a Texas graduate-nurse permit, practice under direct RN supervision.
    ("e-105", "RN"): [{"validFrom": "2026-11-23", "validUntil": "2027-02-05",
                       "validIn": ["US-TX"], "restrictions": ["supervised"],
                       "issuer": "Texas Board of Nursing", "identifier": "GN-771904",
                       "notes": "Graduate nurse permit; NCLEX booked for 14 January 2027"}],
    # inGrace: ACLS ended 30 Nov 2026; ACLS allows 30 days' grace (to 30 Dec).
    ("e-108", "ACLS"): [{"validFrom": "2024-11-19", "validUntil": "2026-11",
                         "issuer": "American Heart Association", "identifier": "8HNW3TQ5CX2R",
                         "notes": "renewal class booked for 17 December"}],
    # expiresDuringShift: annual Houston induction ends with 16 Dec 2026.
    ("e-109", "SITE-INDUCTION-HOU"): [{"validFrom": "2025-12-17", "validUntil": "2026-12-16",
                                       "issuer": "Bayou General staff education"}],
    # ACLS-EP satisfies ACLS (two charge nurses hold ACLS-EP instead of ACLS).
    ("e-101", "ACLS"): [{"code": "ACLS-EP", "validFrom": "2025-09-12", "validUntil": "2027-09",
                         "issuer": "American Heart Association", "identifier": "EPX9M4C7TR2B"}],
    ("e-106", "ACLS"): [{"code": "ACLS-EP", "validFrom": "2026-02-20", "validUntil": "2028-02",
                         "issuer": "American Heart Association", "identifier": "EPQ3H8D2KW7N"}],
    # inTraining + renewal alert (60-day bucket, renewal booked 15 Dec).
    ("e-111", "ACLS"): [{"validFrom": "2025-01-16", "validUntil": "2027-01",
                         "issuer": "American Heart Association", "identifier": "Q7RM2KD9WX4T"}],
    # revoked beside active: best record wins, so Chloe is fine.
    ("e-113", "BLS"): [
        {"validFrom": "2025-08-09", "validUntil": "2027-08", "status": "revoked",
         "issuer": "American Heart Association", "identifier": "ZT6P3RKW8N2M",
         "notes": "card invalidated 18 Nov 2026: issuing training site not aligned with AHA"},
        {"validFrom": "2026-11-24", "validUntil": "2028-11",
         "issuer": "American Heart Association", "identifier": "B5WK8N3QR7ZD",
         "notes": "replacement card after the November invalidation"}],
    # renewal alert, 90-day bucket, no training (licences are renewed online).
    ("e-115", "RN"): [{"validFrom": "2025-03-01", "validUntil": "2027-02-28",
                       "validIn": ["NLC"], "issuer": "Florida Board of Nursing",
                       "identifier": "RN9381144", "source": "Nursys"}],
    # waived: BLS ended 30 Nov 2026; waiver w-1 covers 1-14 Dec at Riverside Bay only.
    ("e-117", "BLS"): [{"validFrom": "2024-11-06", "validUntil": "2026-11",
                        "issuer": "American Heart Association", "identifier": "M2XQ7HC4NR8K",
                        "notes": "renewal class of 20 Nov was cancelled; rebooked for 11 Dec"}],
    # notYetValid: Florida licence by endorsement, effective 9 Dec 2026.
    ("e-118", "RN"): [{"validFrom": "2026-12-09", "validUntil": "2028-04-30",
                       "validIn": ["NLC"], "issuer": "Florida Board of Nursing",
                       "identifier": "RN9627310", "source": "Nursys",
                       "notes": "licence by endorsement (previously licensed in New York)"}],
    # revoked: the only BLS card Natalie holds was invalidated.
    ("e-120", "BLS"): [{"validFrom": "2025-10-03", "validUntil": "2027-10", "status": "revoked",
                        "issuer": "American Heart Association", "identifier": "ZT6P3RLA4K9C",
                        "notes": "card invalidated 18 Nov 2026: issuing training site not "
                                 "aligned with AHA; new class not yet booked"}],
    # renewal alert, 90-day bucket, renewal booked 20 Jan 2027.
    ("e-126", "PALS"): [{"validFrom": "2025-02-11", "validUntil": "2027-02",
                         "issuer": "American Heart Association", "identifier": "P8KD3MW7QZ2X"}],
    # expired: BLS ended 31 Oct 2026, no grace for BLS.
    ("e-129", "BLS"): [{"validFrom": "2024-10-22", "validUntil": "2026-10",
                        "issuer": "American Heart Association", "identifier": "H3ZN8QW2KT5M"}],
    # wrongJurisdiction: single-state Texas licence (multistate upgrade waits on fingerprints).
    ("e-130", "RN"): [{"validFrom": "2025-07-01", "validUntil": "2027-06", "validIn": ["US-TX"],
                       "issuer": "Texas Board of Nursing", "identifier": "943318",
                       "source": "Nursys",
                       "notes": "single-state licence; multistate upgrade waiting on the FBI "
                                "fingerprint check"}],
    # renewal alert, 60-day bucket, no training booked (the class of 5 Dec was cancelled).
    ("e-134", "NRP"): [{"validFrom": "2025-01-20", "validUntil": "2027-01-20",
                        "issuer": "American Academy of Pediatrics", "identifier": "NRP-5528817"}],
    # history: the CPI refresher was late (waiver w-2 bridged September), then renewed.
    ("e-141", "CPI"): [{"validFrom": "2025-09-01", "validUntil": "2026-08-31",
                        "issuer": "GCHP staff education"},
                       {"validFrom": "2026-09-24", "validUntil": "2027-09-23",
                        "issuer": "GCHP staff education"}],
    # renewal alert, 60-day bucket, refresher booked 13 Jan 2027.
    ("e-142", "CPI"): [{"validFrom": "2026-01-26", "validUntil": "2027-01-25",
                        "issuer": "GCHP staff education"}],
    # suspended: Texas DPS suspended the relief officer's commission.
    ("e-151", "FIREARM"): [{"validFrom": "2025-06-02", "validUntil": "2027-06-01",
                            "status": "suspended", "validIn": ["US-TX"],
                            "issuer": "Texas DPS Private Security Program",
                            "identifier": "L3-2290471",
                            "notes": "commission suspended 30 Nov 2026 pending a DPS review"}],
    # pending: agency nurse's ACLS card uploaded, awaiting primary-source verification.
    ("e-152", "ACLS"): [{"validFrom": "2026-11-18", "validUntil": "2028-11", "status": "pending",
                         "issuer": "American Heart Association", "identifier": "C4TW9RZ2MK7Q",
                         "notes": "uploaded by the agency on 3 Dec; eCard lookup not yet done"}],
}

# Extra records beyond the job's standard set.
EXTRA = [
    ("e-103", "TNCC"), ("e-103", "PALS"),       # Lan Tran is cross-trained for the ED
    ("e-130", "TNCC"), ("e-130", "PALS"),       # float pool
    ("e-130", "SITE-INDUCTION-JAX"),            # Megan did a stint in Jacksonville this year
    ("e-132", "ACLS"),                          # Olivia Park came from a step-down unit
    ("e-126", "PALS"),                          # Courtney Bell holds both ENPC and PALS
    ("e-110", "SITE-INDUCTION-JAX"),            # Adaeze Nwosu covered Jacksonville in 2026
    ("e-122", "CHARGE"), ("e-125", "CHARGE"),   # ED charge nurses (no crew rule in the ED)
    ("e-131", "ACLS"), ("e-102", "PALS"),
    # F-1 student visas (work limited to 20 hours a week: rules.limits `visa-hours`).
    ("e-117", "VISA-F1"), ("e-120", "VISA-F1"), ("e-129", "VISA-F1"),
]

WAIVERS = [
    {"id": "w-1", "employeeId": "e-117", "code": "BLS", "validFrom": "2026-12-01",
     "validUntil": "2026-12-14", "locationIds": ["jax-riverside"],
     "approvedBy": "Linda Marsh (ICU nurse manager, Riverside Bay)",
     "reason": "BLS lapsed after the 20 Nov renewal class was cancelled; rebooked for 11 Dec"},
    {"id": "w-2", "employeeId": "e-141", "code": "CPI", "validFrom": "2026-09-01",
     "validUntil": "2026-09-30",
     "approvedBy": "Victor Lozano (director of security)",
     "reason": "CPI refresher postponed during hurricane week; completed 24 Sep"},
]

TRAININGS = [
    # completed
    {"id": "t-1", "employeeId": "e-113", "code": "BLS", "start": "2026-11-24T08:00:00-05:00",
     "end": "2026-11-24T12:00:00-05:00", "status": "completed", "provider": "Riverside Bay SimLab"},
    {"id": "t-2", "employeeId": "e-106", "code": "ACLS-EP", "start": "2026-02-20T08:00:00-06:00",
     "end": "2026-02-20T17:00:00-06:00", "status": "completed",
     "provider": "Bayou General education"},
    {"id": "t-3", "employeeId": "e-141", "code": "CPI", "start": "2026-09-24T09:00:00-06:00",
     "end": "2026-09-24T15:00:00-06:00", "status": "completed",
     "provider": "GCHP staff education"},
    # cancelled
    {"id": "t-4", "employeeId": "e-117", "code": "BLS", "start": "2026-11-20T08:00:00-05:00",
     "end": "2026-11-20T12:00:00-05:00", "status": "cancelled",
     "provider": "Riverside Bay SimLab", "notes": "instructor ill"},
    {"id": "t-5", "employeeId": "e-134", "code": "NRP", "start": "2026-12-05T08:00:00-05:00",
     "end": "2026-12-05T14:00:00-05:00", "status": "cancelled",
     "provider": "Riverside Bay SimLab", "notes": "class under-subscribed; not yet rebooked"},
    # scheduled
    {"id": "t-6", "employeeId": "e-117", "code": "BLS", "start": "2026-12-11T08:00:00-05:00",
     "end": "2026-12-11T12:00:00-05:00", "status": "scheduled",
     "provider": "Riverside Bay SimLab"},
    {"id": "t-7", "employeeId": "e-111", "code": "ACLS", "start": "2026-12-15T08:00:00-05:00",
     "end": "2026-12-15T16:00:00-05:00", "status": "scheduled",
     "provider": "Riverside Bay SimLab"},
    {"id": "t-8", "employeeId": "e-109", "code": "SITE-INDUCTION-HOU",
     "start": "2026-12-16T09:00:00-06:00", "end": "2026-12-16T12:00:00-06:00",
     "status": "scheduled", "provider": "Bayou General staff education"},
    {"id": "t-9", "employeeId": "e-108", "code": "ACLS", "start": "2026-12-17T08:00:00-06:00",
     "end": "2026-12-17T16:00:00-06:00", "status": "scheduled",
     "provider": "Bayou General education"},
    {"id": "t-10", "employeeId": "e-104", "code": "BLS", "start": "2026-12-22T13:00:00-06:00",
     "end": "2026-12-22T17:00:00-06:00", "status": "scheduled",
     "provider": "Bayou General education"},
    {"id": "t-11", "employeeId": "e-142", "code": "CPI", "start": "2027-01-13T09:00:00-06:00",
     "end": "2027-01-13T15:00:00-06:00", "status": "scheduled",
     "provider": "GCHP staff education"},
    {"id": "t-12", "employeeId": "e-126", "code": "PALS", "start": "2027-01-20T08:00:00-06:00",
     "end": "2027-01-20T17:00:00-06:00", "status": "scheduled",
     "provider": "Mission Hills education"},
]


# Course dates open for booking (SPEC section 7), for `plan-renewals` as of 7 December 2026:
# with the default 90-day horizon, one RN refresher seat for two nurses (one booked, one
# `full`) and an NRP class during e-134's day shift (`conflicts`; the later NRP class ends
# after the deadline); with --horizon-days 120 also two CPI seats for three officers and site
# inductions nobody offers (`noSession`). The BLS/ACLS class renews nothing needed yet, and the
# cancelled one is never booked.
SESSIONS = [
    {"id": "rn-ce-0114", "renews": ["RN"], "start": "2027-01-14T08:00:00-06:00",
     "end": "2027-01-14T12:00:00-06:00", "locationId": "hou-bayou", "seats": 1, "cost": 40,
     "title": "Texas RN jurisprudence and CE refresher"},
    {"id": "nrp-1216", "renews": ["NRP"], "start": "2026-12-16T08:00:00-05:00",
     "end": "2026-12-16T14:00:00-05:00", "locationId": "jax-riverside", "seats": 8, "cost": 150},
    {"id": "nrp-0128", "renews": ["NRP"], "start": "2027-01-28T08:00:00-05:00",
     "end": "2027-01-28T14:00:00-05:00", "locationId": "jax-riverside", "seats": 8, "cost": 150},
    {"id": "cpi-0210", "renews": ["CPI"], "start": "2027-02-10T09:00:00-06:00",
     "end": "2027-02-10T15:00:00-06:00", "locationId": "hou-bayou", "seats": 2, "cost": 60},
    {"id": "bls-acls-0112", "renews": ["BLS", "ACLS"], "start": "2027-01-12T08:00:00-06:00",
     "end": "2027-01-12T17:00:00-06:00", "locationId": "hou-bayou", "seats": 12, "cost": 185},
    {"id": "acls-0105", "renews": ["ACLS"], "start": "2027-01-05T08:00:00-06:00",
     "end": "2027-01-05T16:00:00-06:00", "locationId": "sat-mission", "seats": 10, "cost": 160,
     "status": "cancelled"},
]

# The L&D resuscitation log (SPEC section 8 events): each neonatal resuscitation an NRP holder
# led or assisted at, up to the morning of 7 Dec. NRP's currency asks for 3 in any 90 days.
# Offsets: Jacksonville is on -04:00 until 1 Nov 2026, -05:00 after.
def jax(d, hhmm):
    return instant(d, hhmm, "-04:00" if d < dt.date(2026, 11, 1) else FL)


def logbook():
    """(employee, [(date, time, count)]) in the order the log lists them."""
    asof = dt.date(2026, 12, 7)
    regular = []
    for i, eid in enumerate(("e-131", "e-132", "e-133", "e-134", "e-136", "e-138", "e-140")):
        # Five resuscitations over the autumn; the third latest keeps them current into late
        # January (so nobody else's verdicts change).
        days = [78 - i, 55 - i, 41 - i, 20 - i, 6 + i % 3]
        times = ["03:40", "14:15", "22:05", "09:30", "17:50"]
        regular.append((eid, [(asof - dt.timedelta(days=n), t, 2 if (eid, n) == ("e-131", 55) else 1)
                              for n, t in zip(days, times)]))
    return regular + [
        # Danielle Ruiz: exactly three; current until 29 Dec (soon: the oldest leaves the
        # window then).
        ("e-135", [(dt.date(2026, 9, 30), "04:20", 1), (dt.date(2026, 10, 19), "11:45", 1),
                   (dt.date(2026, 11, 12), "20:10", 1)]),
        # Jessica Duval: three, the oldest of 16 Sep; current until 15 Dec 01:30 -05:00, so
        # her nights from 15 Dec on read notCurrent.
        ("e-137", [(dt.date(2026, 9, 16), "02:30", 1), (dt.date(2026, 10, 28), "23:55", 1),
                   (dt.date(2026, 11, 19), "05:10", 1)]),
        # Tamika Johnson (mother-baby LPN, holds NRP): one in 90 days, not current; the
        # mother-baby shifts do not need NRP, so only her standing shows it.
        ("e-139", [(dt.date(2026, 10, 3), "08:25", 1)]),
    ]


def make_events():
    events = []
    for eid, rows in logbook():
        for d, hhmm, count in rows:
            ev = {"id": f"ev-{len(events) + 1:04d}", "employeeId": eid, "kind": "resuscitation",
                  "at": jax(d, hhmm)}
            if count != 1:
                ev["count"] = count
            ev["source"] = "Riverside Bay L&D resuscitation log"
            events.append(ev)
    events.sort(key=lambda e: (parse_instant(e["at"]), e["id"]))
    return events


def make_credentials():
    wanted = []
    for eid, *_ in EMPLOYEES:
        for code in standard_codes(eid):
            wanted.append((eid, code))
    wanted += EXTRA
    creds = []
    for eid, code in wanted:
        if (eid, code) in CUSTOM:
            for custom in CUSTOM[(eid, code)]:
                rec = {"employeeId": eid, "code": code}
                rec.update(custom)
                rec.setdefault("status", "active")
                creds.append(rec)
        else:
            creds.append(baseline(eid, code))
    ordered = []
    for n, rec in enumerate(creds, start=1):
        # A fixed key order: id first, then the SPEC's fields, then the extras.
        out = {"id": f"cr-{n:04d}"}
        for key in ("employeeId", "code", "validFrom", "validUntil", "status", "validIn",
                    "restrictions", "issuer", "identifier"):
            if key in rec:
                out[key] = rec[key]
        for key, value in rec.items():
            if key not in out:
                out[key] = value
        ordered.append(out)
    return {
        "credentialTypes": CREDENTIAL_TYPES,
        "jurisdictionGroups": JURISDICTION_GROUPS,
        "credentials": ordered,
        "waivers": WAIVERS,
        "trainings": TRAININGS,
        "sessions": SESSIONS,
        "events": make_events(),
    }


# --------------------------------------------------------------------------------------------
# An independent reading of SPEC section 3, to check the sample without the Rust core
# --------------------------------------------------------------------------------------------

RANK = ["met", "expiringSoon", "inGrace", "waived", "notCurrent", "unsupervised", "wrongJurisdiction",
        "expiresDuringShift", "notYetValid", "pending", "suspended", "revoked", "expired",
        "missing"]
SEVERITY = {"met": 0, "expiringSoon": 1, "inGrace": 2, "waived": 2}
SEV_NAME = ["ok", "info", "warn", "block"]


def sev(kind):
    return SEVERITY.get(kind, 3)


def parse_instant(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def lower_bound(v, ref):
    if v is None:
        return None
    if len(v) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(v), dt.time(0), ref.tzinfo)
    return parse_instant(v)


def upper_bound(v, ref):
    """Exclusive end of validity, and the last valid local date."""
    if v is None:
        return None, None
    if len(v) == 7:
        y, m = map(int, v.split("-"))
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.datetime.combine(nxt, dt.time(0), ref.tzinfo), nxt - dt.timedelta(days=1)
    if len(v) == 10:
        d = dt.date.fromisoformat(v)
        return dt.datetime.combine(d + dt.timedelta(days=1), dt.time(0), ref.tzinfo), d
    t = parse_instant(v)
    return t, (t - dt.timedelta(microseconds=1)).astimezone(ref.tzinfo).date()


class Checker:
    def __init__(self, roster, creds):
        self.r, self.c = roster, creds
        self.types = {t["code"]: t for t in creds["credentialTypes"]}
        self.groups = {g["code"]: set(g["members"]) for g in creds.get("jurisdictionGroups", [])}
        self.locs = {l["id"]: l for l in roster["locations"]}
        self.roles = {x["id"]: x for x in roster["roles"]}
        self.queues = {x["id"]: x for x in roster["queues"]}
        self.emps = {x["id"]: x for x in roster["employees"]}
        self.shifts = {x["id"]: x for x in roster["shifts"]}
        self.creds_of, self.waivers_of, self.trainings_of = {}, {}, {}
        for x in creds["credentials"]:
            self.creds_of.setdefault(x["employeeId"], []).append(x)
        for x in creds.get("waivers", []):
            self.waivers_of.setdefault(x["employeeId"], []).append(x)
        for x in creds.get("trainings", []):
            self.trainings_of.setdefault(x["employeeId"], []).append(x)
        self.events_of = {}
        for x in creds.get("events", []):
            self.events_of.setdefault((x["employeeId"], x["kind"]), []).append(x)
        self.assigned_of = {}
        for s in roster["shifts"]:
            for e in dict.fromkeys(s["assigned"]):
                self.assigned_of.setdefault(e, []).append(s)
        self.check_refs()

    def check_refs(self):
        codes = set(self.types)

        def walk(req, where):
            if req is None:
                return
            if isinstance(req, str):
                assert req in codes, (where, req)
            else:
                (k, v), = req.items()
                assert k in ("all", "any") and (k == "all" or v), where
                for x in v:
                    walk(x, where)
        for t in self.types.values():
            for x in t.get("satisfies", []):
                assert x in codes, t
        for coll in ("locations", "roles", "queues"):
            for x in self.r[coll]:
                walk(x.get("requires"), x["id"])
        for s in self.r["shifts"]:
            walk(s.get("requires"), s["id"])
            for cr in s.get("crew", []):
                walk(cr["requires"], s["id"])
            assert s["locationId"] in self.locs and s["roleId"] in self.roles, s["id"]
            assert all(q in self.queues for q in s.get("queueIds", [])), s["id"]
            assert all(e in self.emps for e in s["assigned"]), s["id"]
            assert parse_instant(s["end"]) > parse_instant(s["start"]), s["id"]
        for coll, doc in (("locations", self.r), ("teams", self.r), ("roles", self.r),
                          ("queues", self.r), ("employees", self.r), ("shifts", self.r),
                          ("credentials", self.c), ("waivers", self.c), ("trainings", self.c)):
            ids = [x["id"] for x in doc[coll]]
            assert len(ids) == len(set(ids)), coll
        for x in self.c["credentials"]:
            assert "validUntil" in x and x["code"] in codes and x["employeeId"] in self.emps, x
        for x in self.c["waivers"]:
            for k in ("id", "employeeId", "code", "validFrom", "validUntil", "approvedBy",
                      "reason"):
                assert k in x, (x, k)
        for x in self.c["trainings"]:
            for k in ("id", "employeeId", "start", "end"):
                assert k in x, (x, k)

    def covers(self, rec, shift):
        loc = self.locs.get(shift.get("locationId"))
        j = loc and loc.get("jurisdiction")
        if not j:
            return False
        return any(v == j or j in self.groups.get(v, ()) for v in rec.get("validIn") or [])

    def record_meets(self, rec, code):
        return rec["code"] == code or code in self.types[rec["code"]].get("satisfies", [])

    def supervised(self, eid, code, shift):
        start, end = parse_instant(shift["start"]), parse_instant(shift["end"])
        for other in dict.fromkeys(shift["assigned"]):
            if other == eid:
                continue
            for rec in self.creds_of.get(other, []):
                if not self.record_meets(rec, code) or rec.get("status", "active") != "active":
                    continue
                if "supervised" in (rec.get("restrictions") or []):
                    continue
                lo = lower_bound(rec.get("validFrom"), start)
                hi, _ = upper_bound(rec["validUntil"], end)
                if (lo is None or lo <= start) and (hi is None or end <= hi) \
                        and self.current(other, rec["code"], start):
                    if not self.types[rec["code"]].get("jurisdictional") or self.covers(rec, shift):
                        return True
        return False

    def current(self, eid, rtype, start):
        """SPEC section 8: the holder's events of the rule's kind in [start - D days, start)."""
        rule = self.types[rtype].get("currency")
        if rule is None:
            return True
        lo = start - dt.timedelta(days=rule["withinDays"])
        have = sum(e.get("count", 1) if "min" in rule else e.get("hours", 0)
                   for e in self.events_of.get((eid, rule["event"]), [])
                   if lo <= parse_instant(e["at"]) < start)
        return have >= rule.get("min", rule.get("minHours"))

    def judge_record(self, rec, code, eid, shift):
        kind = self.judge_record_time(rec, code, eid, shift)
        if kind in ("met", "expiringSoon", "inGrace") and \
                not self.current(eid, rec["code"], parse_instant(shift["start"])):
            return "notCurrent"
        return kind

    def judge_record_time(self, rec, code, eid, shift):
        t = self.types[rec["code"]]
        start, end = parse_instant(shift["start"]), parse_instant(shift["end"])
        lo = lower_bound(rec.get("validFrom"), start)
        hi, last = upper_bound(rec["validUntil"], end)
        status = rec.get("status", "active")
        from_ok = lo is None or lo <= start
        jur_ok = not t.get("jurisdictional") or self.covers(rec, shift)
        sup_ok = "supervised" not in (rec.get("restrictions") or []) or \
            self.supervised(eid, code, shift)
        if hi is not None and hi < end:
            grace = dt.timedelta(days=t.get("graceDays", 0))
            if status == "active" and from_ok and jur_ok and sup_ok and end <= hi + grace:
                return "inGrace"
            if hi <= start:
                return "expired"
        if lo is not None and lo >= end:
            return "notYetValid"
        if status != "active":
            return status
        if not from_ok:
            return "notYetValid"
        if hi is not None and hi < end:
            return "expiresDuringShift"
        if not jur_ok:
            return "wrongJurisdiction"
        if not sup_ok:
            return "unsupervised"
        alert = t.get("alertDays", [90, 60, 30])
        if last is not None and alert:
            days_left = (last - end.date()).days
            if days_left <= min(alert):
                return "expiringSoon"
        return "met"

    def judge_code(self, code, eid, shift):
        best = "missing"
        start, end = parse_instant(shift["start"]), parse_instant(shift["end"])
        for rec in self.creds_of.get(eid, []):
            if self.record_meets(rec, code):
                k = self.judge_record(rec, code, eid, shift)
                if RANK.index(k) < RANK.index(best):
                    best = k
        for w in self.waivers_of.get(eid, []):
            if w["code"] != code:
                continue
            lo = lower_bound(w["validFrom"], start)
            hi, _ = upper_bound(w["validUntil"], end)
            locs = w.get("locationIds")
            if lo <= start and end <= hi and (locs is None or shift.get("locationId") in locs):
                if RANK.index("waived") < RANK.index(best):
                    best = "waived"
        return best

    def judge_req(self, req, eid, shift, memo):
        """(severity, rank, [(kind, code)])"""
        if req is None:
            return 0, 0, []
        if isinstance(req, str):
            if req not in memo:
                memo[req] = self.judge_code(req, eid, shift)
            k = memo[req]
            return sev(k), RANK.index(k), ([] if k == "met" else [(k, req)])
        (op, members), = req.items()
        results = [self.judge_req(m, eid, shift, memo) for m in members]
        if op == "all":
            if not results:
                return 0, 0, []
            s = max(r[0] for r in results)
            return s, max(r[1] for r in results), [x for r in results for x in r[2]]
        best = min(results, key=lambda r: r[1])
        if best[0] < 3:
            return best
        return 3, best[1], [x for r in results for x in r[2]]

    def requirement(self, shift):
        parts = []
        if shift.get("roleId"):
            parts.append(self.roles[shift["roleId"]].get("requires"))
        if shift.get("locationId"):
            parts.append(self.locs[shift["locationId"]].get("requires"))
        for q in shift.get("queueIds", []):
            parts.append(self.queues[q].get("requires"))
        parts.append(shift.get("requires"))
        return {"all": [p for p in parts if p is not None]}

    def verdict(self, eid, shift):
        memo = {}
        _, _, creds = self.judge_req(self.requirement(shift), eid, shift, memo)
        reasons = list(dict.fromkeys(creds))
        emp = self.emps[eid]
        if shift.get("roleId") and emp.get("roleIds") is not None \
                and shift["roleId"] not in emp["roleIds"]:
            reasons.append(("notInRole", shift["roleId"]))
        start, end = parse_instant(shift["start"]), parse_instant(shift["end"])
        others = [s for s in self.assigned_of.get(eid, []) if s["id"] != shift["id"]]
        prev = nxt = None
        for s in others:
            s0, s1 = parse_instant(s["start"]), parse_instant(s["end"])
            if s0 < end and start < s1:
                if self.r.get("rules", {}).get("overlap", "block") == "block":
                    reasons.append(("overlap", s["id"]))
                continue
            if s1 <= start and (prev is None or s1 > prev[1]):
                prev = (s["id"], s1)
            if s0 >= end and (nxt is None or s0 < nxt[1]):
                nxt = (s["id"], s0)
        rest = self.r.get("rules", {}).get("minRestHours")
        if rest is not None:
            if prev and (start - prev[1]) < dt.timedelta(hours=rest):
                reasons.append(("restTooShort", prev[0]))
            if nxt and (nxt[1] - end) < dt.timedelta(hours=rest):
                reasons.append(("restTooShort", nxt[0]))
        for t in self.trainings_of.get(eid, []):
            if t.get("status", "scheduled") == "scheduled":
                if parse_instant(t["start"]) < end and start < parse_instant(t["end"]):
                    reasons.append(("inTraining", t["id"]))
        for limit in self.r.get("rules", {}).get("limits", []):
            used = self.over_limit(limit, eid, shift)
            if used is not None:
                reasons.append(("overLimit", f"{limit['id']} {used:g} of {limit['max']:g}"))
        status = max([sev(k) for k, _ in reasons], default=0)
        return SEV_NAME[status] if status != 1 else "ok", reasons  # info leaves it ok

    def over_limit(self, limit, eid, shift):
        """SPEC section 8.1, for what the sample uses: `{code}` or `{roleId}`, hours or shifts,
        a calendar day or week. The total when over, else None."""
        start = parse_instant(shift["start"])
        applies = limit.get("appliesTo") or {}
        if "code" in applies:
            held = False
            for rec in self.creds_of.get(eid, []):
                if rec["code"] != applies["code"] or rec.get("status", "active") != "active":
                    continue
                lo = lower_bound(rec.get("validFrom"), start)
                hi, _ = upper_bound(rec["validUntil"], start)
                held = held or ((lo is None or lo <= start) and (hi is None or start < hi))
            if not held:
                return None
        elif "roleId" in applies and applies["roleId"] not in (self.emps[eid].get("roleIds") or []):
            return None
        cal = limit["window"]["calendar"]
        local = start.date()
        first = local - dt.timedelta(days=local.weekday()) if cal == "week" else local
        ws = dt.datetime.combine(first, dt.time(0), start.tzinfo)
        we = ws + dt.timedelta(days=7 if cal == "week" else 1)
        counted = {s["id"]: s for s in self.assigned_of.get(eid, []) + [shift]
                   if ws <= parse_instant(s["start"]) < we}
        if limit["measure"] == "hours":
            used = sum((parse_instant(s["end"]) - parse_instant(s["start"])).total_seconds() / 3600
                       for s in counted.values())
        else:
            used = len(counted)
        return used if used > limit["max"] else None

    def crew_findings(self, shift):
        out = []
        for rule in shift.get("crew", []):
            n = 0
            for eid in dict.fromkeys(shift["assigned"]):
                s, _, _ = self.judge_req(rule["requires"], eid, shift, {})
                if s < 3:
                    n += 1
            if n < rule.get("min", 1):
                out.append(("crewShortfall", shift["id"], rule["requires"], n))
        return out


def codes_in(req):
    if req is None:
        return set()
    if isinstance(req, str):
        return {req}
    (_, members), = req.items()
    return set().union(*[codes_in(m) for m in members]) if members else set()


def renewal_alerts(ch, as_of):
    """SPEC section 4 `alerts(asOf)` with the default window, roughly: per employee and code the
    active record that stays valid longest, when it expires within the type's largest alertDays,
    or has expired while one of the employee's roles needs the code."""
    t0 = parse_instant(as_of)
    out = []
    for eid, emp in ch.emps.items():
        needed = set()
        for rid in emp.get("roleIds") or []:
            needed |= codes_in(ch.roles[rid].get("requires"))
        best = {}
        for rec in ch.creds_of.get(eid, []):
            if rec.get("status", "active") != "active":
                continue
            hi, last = upper_bound(rec["validUntil"], t0)
            key = rec["code"]
            if key not in best or (best[key][1] is not None and (hi is None or hi > best[key][1])):
                best[key] = (rec, hi, last)
        for code, (rec, hi, last) in sorted(best.items()):
            if last is None:
                continue
            t = ch.types[code]
            days_left = (last - t0.date()).days
            alert = sorted(t.get("alertDays", [90, 60, 30]))
            if days_left < 0:
                if code not in needed:
                    continue
                bucket = "expired"
            elif alert and days_left <= alert[-1]:
                bucket = min(a for a in alert if a >= days_left)
            else:
                continue
            renewal = [tr["id"] for tr in ch.trainings_of.get(eid, [])
                       if tr.get("code") == code and tr.get("status", "scheduled") == "scheduled"
                       and parse_instant(tr["end"]) <= hi]
            out.append((eid, code, rec["id"], rec["validUntil"], days_left, bucket,
                        renewal[0] if renewal else None))
    return out


def self_check(roster, creds):
    ch = Checker(roster, creds)
    print("Renewal alerts as of 2026-12-07T08:00:00-06:00:")
    for a in renewal_alerts(ch, "2026-12-07T08:00:00-06:00"):
        print("  {} {:20} {:20} {} until {:10} daysLeft {:3} bucket {:7} renewal {}".format(
            a[0], EMP[a[0]][1], a[1], a[2], a[3], a[4], str(a[5]), a[6]))
    print("Verdicts that are not plain ok, and shift findings:")
    total = ok = 0
    kinds = {}
    lines = []
    for s in roster["shifts"]:
        for eid in dict.fromkeys(s["assigned"]):
            total += 1
            status, reasons = ch.verdict(eid, s)
            for k, what in reasons:
                kinds.setdefault(k, []).append((eid, s["id"], what))
            if status == "ok":
                ok += 1
            if status != "ok" or reasons:
                lines.append(f"  {status:5} {eid} {EMP[eid][1]:20} {s['id']:22} "
                             + ", ".join(f"{k}({w})" for k, w in reasons))
        for f in ch.crew_findings(s):
            kinds.setdefault("crewShortfall", []).append((None, s["id"], f[2]))
            lines.append(f"  block shift {s['id']}: crewShortfall {f[2]} has {f[3]}")
    # README.md names records by id: each table row or list item that names one must also name
    # its employee.
    creds_by_id = {x["id"]: x for x in creds["credentials"]}
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
        items = re.split(r"\n(?=\||- |\n)", f.read())
    for text in items:
        for cid in re.findall(r"cr-\d{4}", text):
            rec = creds_by_id.get(cid)
            if rec is None or (rec["employeeId"] not in text
                               and EMP[rec["employeeId"]][1] not in text):
                print(f"README.md: {cid} is not a record of the employee named with it: {text!r}")
                return 1
    opened = [s["id"] for s in roster["shifts"] if not s["assigned"]]
    print("\n".join(lines))
    print("Who could take the open shifts (ok, or info only):")
    for sid in opened:
        fits = [eid for eid in ch.emps if ch.verdict(eid, ch.shifts[sid])[0] == "ok"]
        print(f"  {sid:22} {', '.join(f'{e} {EMP[e][1]}' for e in fits) or '(nobody)'}")
    print(f"{total} assignments, {ok} ok ({100.0 * ok / total:.1f}%), "
          f"{len(roster['shifts'])} shifts, {len(opened)} open: {', '.join(opened)}")
    all_kinds = RANK[1:] + ["notInRole", "overlap", "inTraining", "restTooShort",
                            "crewShortfall", "overLimit"]
    for k in all_kinds:
        print(f"  {k:20} {len(kinds.get(k, []))}")
    missing = [k for k in all_kinds if k not in kinds]
    if missing:
        print("MISSING KINDS:", missing)
        return 1
    if ok < 0.85 * total:
        print("TOO MANY PROBLEMS: fewer than 85 % of the assignments are ok")
        return 1
    return 0


def dumps(value, indent=0, column=0, width=100):
    """JSON with two-space indents, keeping any array or object that fits on its line inline
    (`column` is where the value starts on its first line)."""
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if not isinstance(value, (list, dict)) or not value or column + len(flat) <= width:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, list):
        items = [pad + dumps(v, indent + 2, indent + 2, width) for v in value]
    else:
        items = []
        for k, v in value.items():
            key = json.dumps(k) + ": "
            items.append(pad + key + dumps(v, indent + 2, indent + 2 + len(key), width))
    return ("[" if isinstance(value, list) else "{") + "\n" + ",\n".join(items) + "\n" \
        + " " * indent + ("]" if isinstance(value, list) else "}")


def write(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(doc))
        f.write("\n")


def main():
    roster = make_roster()
    creds = make_credentials()
    write(os.path.join(HERE, "roster.json"), roster)
    write(os.path.join(HERE, "credentials.json"), creds)
    if "--check" in sys.argv:
        sys.exit(self_check(roster, creds))


if __name__ == "__main__":
    main()
