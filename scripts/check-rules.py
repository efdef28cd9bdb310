#!/usr/bin/env python3
"""Check a Pathway strategy rule file, its coverage of the source texts, and the golden personas.

This is a stand-alone re-implementation (python3, standard library only) of the rule format
and engine semantics described in docs/strategy-rules.md. It exists so that content authors can
check their work without building the C++ application; the C++ engine is the reference.

Usage:
    python3 scripts/check-rules.py                 # check everything with the default paths
    python3 scripts/check-rules.py --rules FILE    # check another rule file (coverage, personas too)
    python3 scripts/check-rules.py --plan tests/data/personas/<case>/profile.json
                                                   # print the plan the rules give for one profile
    python3 scripts/check-rules.py --validate-only FILE...
                                                   # only validate the format of rule files

Exit status is 0 when every check passes, 1 otherwise.
"""

import argparse
import json
import os
import random
import re
import sys

# --------------------------------------------------------------------------- vocabulary

FORMAT = "pathway-rules"
CATEGORIES = ["counseling", "training", "mentoring", "networking", "financial_aid", "flexible_work",
              "entrepreneurship", "job_placement", "career_resources", "advocacy"]
PHASES = ["stabilise", "build", "connect", "advance"]
BRACKETS = ["low", "lower_middle", "middle", "upper_middle", "high"]
STATUSES = ["employed_full_time", "employed_part_time", "self_employed", "unemployed", "student",
            "not_in_labor_force"]
INDEPENDENCE = ["guided", "independent", "ultra_independent"]
BARRIERS = ["stigma", "finances", "caregiving", "health", "social_support", "limited_access",
            "transport", "digital_skills", "language", "housing", "criminal_record"]
GOALS = ["employment", "advancement", "entrepreneurship", "meaningful_work", "work_life_balance",
         "education", "career_change"]
EDUCATION = ["none", "primary", "secondary", "vocational", "some_college", "associate", "bachelor",
             "master", "doctorate"]
PLACEHOLDERS = ["first_name", "weeks_unemployed", "income_bracket", "independence",
                "employment_status", "household_size"]
# Source texts and the numbered items each one has (item 8 of 001 is cut off and not citable).
SOURCE_ITEMS = {
    "000_2707ea5af00242ce.txt": 7,
    "001_f8733825d8c92c39.txt": 7,
    "003_cd70ba676acdc8d1.txt": 10,
}
LONG_TERM_WEEKS = 27
MAX_WEEK = 104
TITLE_MAX = 80

STRATEGY_REQUIRED = ["id", "category", "phase", "priority", "when", "timeframe", "title",
                     "description", "who_helps", "rationale", "sources"]
STRATEGY_OPTIONAL = ["adjust", "merge", "basis", "repeat"]
REPEAT_MAX = 52
PROFILE_KEYS = ["first_name", "last_name", "date_of_birth", "email", "phone", "address",
                "household_size", "annual_income", "employment_status", "weeks_unemployed",
                "independence", "barriers", "goals", "education_level", "skills", "interests",
                "counselor", "status", "income_bracket"]

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SOURCE_RE = re.compile(r"^([A-Za-z0-9_.-]+\.txt)#([1-9][0-9]*)$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def nonempty_str(v):
    return isinstance(v, str) and v.strip() != ""


# --------------------------------------------------------------------------- validation

class Problems:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings.append("%s: %s" % (where, msg))


def check_codes(value, allowed, where, what, p):
    if not isinstance(value, list) or not value:
        p.error(where, "must be a non-empty list of %s codes" % what)
        return
    for v in value:
        if v not in allowed:
            p.error(where, "unknown %s code %s (expected one of %s)" % (what, json.dumps(v), ", ".join(allowed)))
    if len(set(map(json.dumps, value))) != len(value):
        p.warn(where, "lists a code twice")


def check_condition(cond, where, p):
    if not isinstance(cond, dict):
        p.error(where, "a condition must be a JSON object")
        return
    if len(cond) != 1:
        p.error(where, "a condition must have exactly one key, found %d (%s)" % (len(cond), ", ".join(sorted(cond))))
        return
    (key, val), = cond.items()
    w = "%s.%s" % (where, key)
    if key == "always":
        if val is not True:
            p.error(w, "must be true")
    elif key in ("all", "any"):
        if not isinstance(val, list) or not val:
            p.error(w, "must be a non-empty list of conditions")
            return
        for i, c in enumerate(val):
            check_condition(c, "%s[%d]" % (w, i), p)
    elif key == "not":
        check_condition(val, w, p)
    elif key == "income_bracket":
        check_codes(val, BRACKETS, w, "income bracket", p)
    elif key == "employment_status":
        check_codes(val, STATUSES, w, "employment status", p)
    elif key == "independence":
        check_codes(val, INDEPENDENCE, w, "independence", p)
    elif key == "goal":
        check_codes(val, GOALS, w, "goal", p)
    elif key == "long_term_unemployed":
        if not isinstance(val, bool):
            p.error(w, "must be true or false")
    elif key == "weeks_unemployed":
        if not isinstance(val, dict) or not val:
            p.error(w, "must be an object with min and/or max")
            return
        for k in val:
            if k not in ("min", "max"):
                p.error(w, "unknown key %s (expected min, max)" % json.dumps(k))
        for k in ("min", "max"):
            if k in val and (not is_int(val[k]) or val[k] < 0):
                p.error("%s.%s" % (w, k), "must be an integer >= 0")
        if is_int(val.get("min")) and is_int(val.get("max")) and val["min"] > val["max"]:
            p.error(w, "min is greater than max")
    elif key == "barrier":
        if not isinstance(val, dict):
            p.error(w, "must be an object {\"code\": ..., \"min_severity\": 1..3}")
            return
        for k in val:
            if k not in ("code", "min_severity"):
                p.error(w, "unknown key %s (expected code, min_severity)" % json.dumps(k))
        if "code" not in val:
            p.error(w, "code is required")
        elif val["code"] not in BARRIERS:
            p.error(w + ".code", "unknown barrier code %s (expected one of %s)" % (json.dumps(val["code"]), ", ".join(BARRIERS)))
        if "min_severity" in val and (not is_int(val["min_severity"]) or not 1 <= val["min_severity"] <= 3):
            p.error(w + ".min_severity", "must be 1, 2 or 3")
    else:
        p.error(where, "unknown condition key %s" % json.dumps(key))


def check_text(st, key, where, p, max_len=None):
    v = st.get(key)
    if not nonempty_str(v):
        p.error(where + "." + key, "must be a non-empty string")
        return
    if max_len is not None and len(v) > max_len:
        p.error(where + "." + key, "is %d characters long (at most %d)" % (len(v), max_len))


def validate(doc):
    """Returns Problems for a parsed rule document."""
    p = Problems()
    if not isinstance(doc, dict):
        p.error("file", "the top level must be a JSON object")
        return p
    for k in doc:
        if k not in ("format", "version", "strategies"):
            p.error("file", "unknown top-level key %s" % json.dumps(k))
    if doc.get("format") != FORMAT:
        p.error("format", "must be %s" % json.dumps(FORMAT))
    if not nonempty_str(doc.get("version")):
        p.error("version", "must be a non-empty string")
    strategies = doc.get("strategies")
    if not isinstance(strategies, list) or not strategies:
        p.error("strategies", "must be a non-empty list")
        return p
    seen = {}
    merge_phase = {}
    for i, st in enumerate(strategies):
        if not isinstance(st, dict):
            p.error("strategies[%d]" % i, "must be an object")
            continue
        sid = st.get("id")
        where = "strategy %s" % (sid if isinstance(sid, str) else "#%d" % (i + 1))
        for k in st:
            if k not in STRATEGY_REQUIRED and k not in STRATEGY_OPTIONAL:
                p.error(where, "unknown field %s" % json.dumps(k))
        for k in STRATEGY_REQUIRED:
            if k not in st:
                p.error(where, "missing required field %s" % json.dumps(k))
        if "id" in st:
            if not isinstance(sid, str) or not ID_RE.match(sid):
                p.error(where + ".id", "must be a kebab-case string (a-z, 0-9, single dashes)")
            elif sid in seen:
                p.error(where + ".id", "duplicate id (also strategy #%d)" % (seen[sid] + 1))
            else:
                seen[sid] = i
        if "category" in st and st["category"] not in CATEGORIES:
            p.error(where + ".category", "unknown category %s (expected one of %s)" % (json.dumps(st["category"]), ", ".join(CATEGORIES)))
        if "phase" in st and st["phase"] not in PHASES:
            p.error(where + ".phase", "unknown phase %s (expected one of %s)" % (json.dumps(st["phase"]), ", ".join(PHASES)))
        if "priority" in st and (not is_int(st["priority"]) or not 1 <= st["priority"] <= 100):
            p.error(where + ".priority", "must be an integer from 1 to 100")
        if "adjust" in st:
            adj = st["adjust"]
            if not isinstance(adj, list):
                p.error(where + ".adjust", "must be a list of {\"when\": ..., \"priority\": ...}")
            else:
                for j, a in enumerate(adj):
                    w = "%s.adjust[%d]" % (where, j)
                    if not isinstance(a, dict) or set(a) != {"when", "priority"}:
                        p.error(w, "must be an object with exactly the keys when and priority")
                        continue
                    if not is_int(a["priority"]):
                        p.error(w + ".priority", "must be an integer (a change, may be negative)")
                    check_condition(a["when"], w + ".when", p)
        if "merge" in st:
            if not nonempty_str(st["merge"]):
                p.error(where + ".merge", "must be a non-empty string")
            elif st.get("phase") in PHASES:
                merge_phase.setdefault(st["merge"], set()).add(st["phase"])
        if "when" in st:
            check_condition(st["when"], where + ".when", p)
        if "timeframe" in st:
            tf = st["timeframe"]
            if not isinstance(tf, dict) or set(tf) != {"start_week", "end_week"}:
                p.error(where + ".timeframe", "must be an object with exactly start_week and end_week")
            elif not is_int(tf["start_week"]) or not is_int(tf["end_week"]):
                p.error(where + ".timeframe", "start_week and end_week must be integers")
            elif tf["start_week"] < 0:
                p.error(where + ".timeframe.start_week", "must be >= 0")
            elif tf["end_week"] < tf["start_week"]:
                p.error(where + ".timeframe.end_week", "is before start_week")
            elif tf["end_week"] > MAX_WEEK:
                p.error(where + ".timeframe.end_week", "must be <= %d" % MAX_WEEK)
        if "repeat" in st:
            rp = st["repeat"]
            tf = st.get("timeframe")
            if not isinstance(rp, dict) or "every_weeks" not in rp:
                p.error(where + ".repeat", "must be an object {\"every_weeks\": n}")
            elif set(rp) != {"every_weeks"}:
                p.error(where + ".repeat", "unknown key(s) %s (only every_weeks)" % ", ".join(sorted(set(rp) - {"every_weeks"})))
            elif not is_int(rp["every_weeks"]) or not 1 <= rp["every_weeks"] <= REPEAT_MAX:
                p.error(where + ".repeat.every_weeks", "must be an integer from 1 to %d" % REPEAT_MAX)
            elif (isinstance(tf, dict) and is_int(tf.get("start_week")) and is_int(tf.get("end_week"))
                  and 0 <= tf["start_week"] <= tf["end_week"] <= MAX_WEEK
                  and rp["every_weeks"] > tf["end_week"] - tf["start_week"]):
                p.error(where + ".repeat.every_weeks", "%d is longer than the timeframe (weeks %d to %d), so the step would happen only once" % (rp["every_weeks"], tf["start_week"], tf["end_week"]))
        if "title" in st:
            check_text(st, "title", where, p, TITLE_MAX)
        for k in ("description", "who_helps", "rationale"):
            if k in st:
                check_text(st, k, where, p)
        if nonempty_str(st.get("rationale")):
            r = st["rationale"]
            for name in PLACEHOLDER_RE.findall(r):
                if name not in PLACEHOLDERS:
                    p.error(where + ".rationale", "unknown placeholder {%s} (allowed: %s)" % (name, ", ".join(PLACEHOLDERS)))
            if "{" in PLACEHOLDER_RE.sub("", r) or "}" in PLACEHOLDER_RE.sub("", r):
                p.error(where + ".rationale", "has an unmatched { or }")
        for k in ("title", "description", "who_helps"):
            if isinstance(st.get(k), str) and PLACEHOLDER_RE.search(st[k]):
                p.warn(where + "." + k, "placeholders are only filled in rationale")
        if "sources" in st:
            src = st["sources"]
            if not isinstance(src, list):
                p.error(where + ".sources", "must be a list (may be empty)")
            else:
                for s in src:
                    m = SOURCE_RE.match(s) if isinstance(s, str) else None
                    if not m:
                        p.error(where + ".sources", "%s is not of the form <source file>#<item number>" % json.dumps(s))
                    elif m.group(1) not in SOURCE_ITEMS:
                        p.error(where + ".sources", "unknown source file %s" % m.group(1))
                    elif int(m.group(2)) > SOURCE_ITEMS[m.group(1)]:
                        p.error(where + ".sources", "%s has no item %s (items 1-%d)" % (m.group(1), m.group(2), SOURCE_ITEMS[m.group(1)]))
                if len(set(map(json.dumps, src))) != len(src):
                    p.warn(where + ".sources", "lists a source twice")
                if not src and "basis" not in st:
                    p.error(where + ".basis", "is required when sources is empty")
        if "basis" in st and not nonempty_str(st["basis"]):
            p.error(where + ".basis", "must be a non-empty string")
    for key, phases in sorted(merge_phase.items()):
        if len(phases) > 1:
            p.warn("merge %s" % key, "strategies sharing a merge key are in different phases (%s)" % ", ".join(sorted(phases)))
    return p


# --------------------------------------------------------------------------- engine

def long_term(profile):
    return profile["employment_status"] == "unemployed" and profile.get("weeks_unemployed", 0) >= LONG_TERM_WEEKS


def barrier_map(profile):
    return {b["code"]: b.get("severity", 1) for b in profile.get("barriers", [])}


def evaluate(cond, profile, goals=None):
    """Returns (holds, severities): severities of the barrier leaves that held inside the
    satisfied part of the condition (leaves under "not" never count). When `goals` is a set,
    the goals of the goal leaves that held there are added to it (the goals the step's reason
    names)."""
    (key, val), = cond.items()
    if key == "always":
        return True, []
    if key == "all":
        inner = set() if goals is not None else None
        res = [evaluate(c, profile, inner) for c in val]
        if all(h for h, _ in res):
            if goals is not None:
                goals.update(inner)
            return True, [s for _, ss in res for s in ss]
        return False, []
    if key == "any":
        res = []
        for c in val:
            inner = set() if goals is not None else None
            h, ss = evaluate(c, profile, inner)
            if h and goals is not None:
                goals.update(inner)
            res.append((h, ss))
        held = [ss for h, ss in res if h]
        if held:
            return True, [s for ss in held for s in ss]
        return False, []
    if key == "not":
        h, _ = evaluate(val, profile)
        return (not h), []
    if key == "income_bracket":
        return profile["income_bracket"] in val, []
    if key == "employment_status":
        return profile["employment_status"] in val, []
    if key == "independence":
        return profile["independence"] in val, []
    if key == "goal":
        held = [g for g in profile.get("goals", []) if g in val]
        if held and goals is not None:
            goals.update(held)
        return bool(held), []
    if key == "long_term_unemployed":
        return long_term(profile) == val, []
    if key == "weeks_unemployed":
        w = profile.get("weeks_unemployed", 0)
        return ("min" not in val or w >= val["min"]) and ("max" not in val or w <= val["max"]), []
    if key == "barrier":
        sev = barrier_map(profile).get(val["code"])
        if sev is not None and sev >= val.get("min_severity", 1):
            return True, [sev]
        return False, []
    raise ValueError("unknown condition key %s" % key)


def effective_priority(st, profile):
    prio = st["priority"]
    for a in st.get("adjust", []):
        if evaluate(a["when"], profile)[0]:
            prio += a["priority"]
    return max(1, min(100, prio))


def plan(rules, profile):
    """The ordered list of steps for a profile. Each step is a dict with id, phase, priority,
    severity, sources, members (ids of all matching strategies merged into it)."""
    matched = []
    for st in rules["strategies"]:
        goals = set()
        holds, sev = evaluate(st["when"], profile, goals)
        if holds:
            matched.append((st, effective_priority(st, profile), sev, goals))
    groups = {}
    order = []
    for st, prio, sev, goals in matched:
        key = ("merge", st["merge"]) if "merge" in st else ("id", st["id"])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((st, prio, sev, goals))
    steps = []
    for key in order:
        members = groups[key]
        winner, prio, _, _ = sorted(members, key=lambda m: (-m[1], m[0]["id"]))[0]
        sources = []
        for st, _, _, _ in members:
            for s in st["sources"]:
                if s not in sources:
                    sources.append(s)
        sev = max([s for _, _, ss, _ in members for s in ss] or [0])
        steps.append({"id": winner["id"], "phase": winner["phase"], "priority": prio, "severity": sev,
                      "sources": sources, "members": sorted(st["id"] for st, _, _, _ in members),
                      "title": winner["title"], "goals": set().union(*(g for _, _, _, g in members)),
                      "repeat": winner.get("repeat", {}).get("every_weeks", 0)})
    steps.sort(key=lambda s: (PHASES.index(s["phase"]), -s["priority"], -s["severity"], s["id"]))
    return steps


# --------------------------------------------------------------------------- profiles

def check_profile(profile, where, p):
    if not isinstance(profile, dict):
        p.error(where, "must be a JSON object")
        return
    for k in profile:
        if k not in PROFILE_KEYS:
            p.error(where, "unknown key %s" % json.dumps(k))
    for k in PROFILE_KEYS:
        if k not in profile:
            p.error(where, "missing key %s (personas always set income_bracket)" % json.dumps(k))
    if profile.get("income_bracket") not in BRACKETS:
        p.error(where + ".income_bracket", "unknown bracket")
    if profile.get("employment_status") not in STATUSES:
        p.error(where + ".employment_status", "unknown status")
    if profile.get("independence") not in INDEPENDENCE:
        p.error(where + ".independence", "unknown independence")
    if profile.get("education_level") not in EDUCATION:
        p.error(where + ".education_level", "unknown education level")
    if not is_int(profile.get("annual_income")) or profile["annual_income"] < 0:
        p.error(where + ".annual_income", "must be a whole number >= 0")
    if not is_int(profile.get("household_size")) or not 1 <= profile["household_size"] <= 20:
        p.error(where + ".household_size", "must be 1..20")
    w = profile.get("weeks_unemployed")
    if not is_int(w) or w < 0:
        p.error(where + ".weeks_unemployed", "must be an integer >= 0")
    elif profile.get("employment_status") != "unemployed" and w != 0:
        p.error(where + ".weeks_unemployed", "must be 0 unless unemployed")
    codes = []
    for b in profile.get("barriers", []):
        if set(b) - {"code", "severity", "note"} or b.get("code") not in BARRIERS or b.get("severity") not in (1, 2, 3):
            p.error(where + ".barriers", "bad barrier %s" % json.dumps(b, ensure_ascii=False))
        codes.append(b.get("code"))
    if len(set(codes)) != len(codes):
        p.error(where + ".barriers", "repeats a code")
    goals = profile.get("goals", [])
    if any(g not in GOALS for g in goals) or len(set(goals)) != len(goals):
        p.error(where + ".goals", "unknown or repeated goal")
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", str(profile.get("date_of_birth", ""))):
        p.error(where + ".date_of_birth", "must be YYYY-MM-DD")
    if not re.match(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", str(profile.get("email", ""))):
        p.error(where + ".email", "not an email address")


def random_profile(rng, max_barriers=3, max_goals=2):
    status = rng.choice(STATUSES)
    weeks = rng.choice([rng.randint(1, 26), rng.randint(27, 156)]) if status == "unemployed" else 0
    barriers = [{"code": c, "severity": rng.randint(1, 3), "note": ""}
                for c in rng.sample(BARRIERS, rng.randint(0, max_barriers))]
    return {"employment_status": status, "weeks_unemployed": weeks,
            "income_bracket": rng.choice(BRACKETS), "independence": rng.choice(INDEPENDENCE),
            "barriers": barriers, "goals": rng.sample(GOALS, rng.randint(1, max_goals)),
            "household_size": rng.randint(1, 6), "first_name": "Test"}


# --------------------------------------------------------------------------- reports

def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def copy_check(rules, seeds_dir, p, n=7):
    """Warns when a title or description shares n consecutive words with a source text."""
    if not seeds_dir or not os.path.isdir(seeds_dir):
        return
    words = lambda t: re.findall(r"[a-z0-9']+", t.lower())
    grams = set()
    for name in SOURCE_ITEMS:
        path = os.path.join(seeds_dir, name)
        if os.path.exists(path):
            w = words(open(path, encoding="utf-8").read())
            grams.update(tuple(w[i:i + n]) for i in range(len(w) - n + 1))
    for st in rules["strategies"]:
        for k in ("title", "description"):
            w = words(st[k])
            for i in range(len(w) - n + 1):
                if tuple(w[i:i + n]) in grams:
                    p.warn("strategy %s.%s" % (st["id"], k), "repeats the source wording %r" % " ".join(w[i:i + n]))
                    break


def coverage(rules):
    cov = {"%s#%d" % (f, i): [] for f, n in SOURCE_ITEMS.items() for i in range(1, n + 1)}
    for st in rules["strategies"]:
        for s in st["sources"]:
            cov.setdefault(s, []).append(st["id"])
    return cov


def goals_missed(profile, steps):
    """The client's goals that no step was chosen for: no step's conditions held on the goal
    (so its reason does not name it); finding work needs such a step in the advance phase."""
    return [g for g in profile.get("goals", [])
            if not any(g in s["goals"] and (g != "employment" or s["phase"] == "advance") for s in steps)]


def reachability(rules, samples, seed=7):
    """Which strategies match at least one sampled profile, and which win their merge group
    (so that their own text reaches a plan) at least once; plus step-count statistics, and
    for each goal the first sampled profile whose plan has no step for it."""
    rng = random.Random(seed)
    matched, won = set(), set()
    counts = []
    missed = {}
    for _ in range(samples):
        prof = random_profile(rng)
        steps = plan(rules, prof)
        counts.append(len(steps))
        for s in steps:
            matched.update(s["members"])
            won.add(s["id"])
        for g in goals_missed(prof, steps):
            missed.setdefault(g, prof)
    return matched, won, counts, missed


def run_personas(rules, personas_dir, p, verbose):
    results = []
    if not os.path.isdir(personas_dir):
        p.error("personas", "folder %s not found" % personas_dir)
        return results
    for case in sorted(os.listdir(personas_dir)):
        d = os.path.join(personas_dir, case)
        if not os.path.isdir(d):
            continue
        where = "persona %s" % case
        try:
            profile = load_json(os.path.join(d, "profile.json"))
            expected = load_json(os.path.join(d, "expected.json"))
        except (OSError, ValueError) as e:
            p.error(where, str(e))
            continue
        check_profile(profile, where + " profile", p)
        if set(expected) - {"must_include", "must_exclude", "order"}:
            p.error(where + " expected", "unknown keys %s" % sorted(set(expected) - {"must_include", "must_exclude", "order"}))
        steps = plan(rules, profile)
        ids = [s["id"] for s in steps]
        known = {st["id"] for st in rules["strategies"]}
        for k in ("must_include", "must_exclude", "order"):
            for i in expected.get(k, []):
                if i not in known:
                    p.error(where + " expected." + k, "names unknown strategy %s" % i)
        for i in expected.get("must_include", []):
            if i not in ids:
                p.error(where, "plan lacks %s" % i)
        for i in expected.get("must_exclude", []):
            if i in ids:
                p.error(where, "plan contains excluded %s" % i)
        order = [i for i in expected.get("order", []) if i in ids]
        if order != expected.get("order", []) or [i for i in ids if i in order] != order:
            p.error(where, "order %s not respected: plan is %s" % (expected.get("order"), ids))
        for g in goals_missed(profile, steps):
            p.error(where, "no step is chosen for the goal %s" % g)
        if not 5 <= len(steps) <= 12:
            p.warn(where, "plan has %d steps (aim for 5-12)" % len(steps))
        results.append((case, profile, steps))
        if verbose:
            print_plan(case, profile, steps)
    return results


def print_plan(case, profile, steps):
    print("\n## %s: %s %s (%s, %s, %s, %s weeks; barriers %s; goals %s)" % (
        case, profile.get("first_name"), profile.get("last_name"), profile["income_bracket"],
        profile["independence"], profile["employment_status"], profile.get("weeks_unemployed", 0),
        ", ".join("%s:%d" % (b["code"], b["severity"]) for b in profile.get("barriers", [])) or "none",
        ", ".join(profile.get("goals", []))))
    for n, s in enumerate(steps, 1):
        merged = [m for m in s["members"] if m != s["id"]]
        print("  %2d. [%-9s] p%-3d sev%d %-34s %s%s%s" % (
            n, s["phase"], s["priority"], s["severity"], s["id"], " ".join(s["sources"]) or "(house rule)",
            ("  (merged: %s)" % ", ".join(merged)) if merged else "",
            (("  (every %d weeks)" % s["repeat"]) if s["repeat"] > 1 else "  (every week)") if s["repeat"] else ""))


def check_fixtures(fixtures_dir, p):
    if not os.path.isdir(fixtures_dir):
        p.error("fixtures", "folder %s not found" % fixtures_dir)
        return
    for name in sorted(os.listdir(fixtures_dir)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(fixtures_dir, name)
        try:
            doc = load_json(path)
        except ValueError as e:
            if name == "BrokenNotJson.json":
                print("  %-36s ok   (parse error: %s)" % (name, e))
            else:
                p.error("fixture " + name, "is not valid JSON: %s" % e)
            continue
        probs = validate(doc)
        if name.startswith("Broken"):
            if name == "BrokenNotJson.json":
                p.error("fixture " + name, "parses, but should not")
            elif len(probs.errors) != 1:
                p.error("fixture " + name, "should have exactly one error, has %d: %s" % (len(probs.errors), probs.errors))
            else:
                print("  %-36s ok   (%s)" % (name, probs.errors[0]))
        else:
            if probs.errors:
                p.error("fixture " + name, "should be valid: %s" % probs.errors)
            else:
                print("  %-36s ok   (valid)" % name)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules", default=os.path.join(REPO, "resources", "strategies.json"))
    ap.add_argument("--personas", default=os.path.join(REPO, "tests", "data", "personas"))
    ap.add_argument("--fixtures", default=os.path.join(REPO, "tests", "data", "rules"))
    ap.add_argument("--seeds", default=os.path.join(REPO, "..", "shared", "seeds"),
                    help="folder with the source texts, for the copied-wording check (skipped if absent)")
    ap.add_argument("--samples", type=int, default=20000, help="random profiles for reachability")
    ap.add_argument("--plan", metavar="PROFILE", help="print the plan for one profile.json and exit")
    ap.add_argument("--validate-only", nargs="+", metavar="FILE", help="only validate these rule files")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every persona's plan")
    args = ap.parse_args()

    if args.validate_only:
        bad = 0
        for path in args.validate_only:
            try:
                probs = validate(load_json(path))
            except ValueError as e:
                print("%s: not JSON: %s" % (path, e))
                bad += 1
                continue
            for e in probs.errors:
                print("%s: error: %s" % (path, e))
            for w in probs.warnings:
                print("%s: warning: %s" % (path, w))
            bad += bool(probs.errors)
        return 1 if bad else 0

    rules = load_json(args.rules)
    p = validate(rules)
    if p.errors:
        for e in p.errors:
            print("error:", e)
        return 1

    if args.plan:
        profile = load_json(args.plan)
        print_plan(os.path.basename(os.path.dirname(os.path.abspath(args.plan))), profile, plan(rules, profile))
        return 0

    print("Rule file %s: version %s, %d strategies" % (args.rules, rules["version"], len(rules["strategies"])))
    copy_check(rules, args.seeds, p)

    print("\nCoverage of source items:")
    for item, ids in coverage(rules).items():
        print("  %-28s %s" % (item, ", ".join(ids) or "-- NOT COVERED --"))
        if not ids:
            p.error("coverage", "%s is not the source of any strategy" % item)

    matched, won, counts, missed = reachability(rules, args.samples)
    for goal, prof in sorted(missed.items()):
        p.error("goal %s" % goal, "a plan has no step chosen for it, e.g. for %s" % json.dumps(
            {k: prof[k] for k in ("income_bracket", "employment_status", "independence", "goals")}))
    for st in rules["strategies"]:
        if st["id"] not in matched:
            p.error("strategy %s" % st["id"], "never matched any of %d random profiles" % args.samples)
        elif st["id"] not in won:
            p.warn("strategy %s" % st["id"], "matches, but its text never wins its merge group")
    counts.sort()
    n = len(counts)
    print("\nSteps per plan over %d random profiles (0-3 barriers, 1-2 goals): min %d, median %d, "
          "90th percentile %d, max %d, share within 5-12: %.0f%%" % (
              n, counts[0], counts[n // 2], counts[int(n * 0.9)], counts[-1],
              100.0 * sum(1 for c in counts if 5 <= c <= 12) / n))

    print("\nPersonas:")
    results = run_personas(rules, args.personas, p, args.verbose)
    for case, _, steps in results:
        print("  %-44s %2d steps" % (case, len(steps)))
    print("\nRule fixtures:")
    check_fixtures(args.fixtures, p)

    for w in p.warnings:
        print("warning:", w)
    for e in p.errors:
        print("error:", e)
    print("\n%s: %d error(s), %d warning(s)" % ("FAILED" if p.errors else "OK", len(p.errors), len(p.warnings)))
    return 1 if p.errors else 0


if __name__ == "__main__":
    sys.exit(main())
