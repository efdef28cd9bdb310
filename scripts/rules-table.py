#!/usr/bin/env python3
"""Print the strategy table of a Pathway rule file as Markdown (python3, standard library only).

Usage:
    python3 scripts/rules-table.py [RULES_FILE]                  # print the table to stdout
    python3 scripts/rules-table.py [RULES_FILE] --update DOC.md  # also replace the table in DOC.md

RULES_FILE defaults to resources/strategies.json. With --update, the text between the lines
<!-- rules-table:begin --> and <!-- rules-table:end --> in DOC.md is replaced by the table.
Re-run it (with --update docs/strategy-rules.md) after every change to the rules.
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RULES = os.path.join(os.path.dirname(HERE), "resources", "strategies.json")
BEGIN = "<!-- rules-table:begin -->"
END = "<!-- rules-table:end -->"

PHASES = ["stabilise", "build", "connect", "advance"]
LABELS = {
    # income brackets
    "low": "low", "lower_middle": "lower middle", "middle": "middle", "upper_middle": "upper middle",
    "high": "high",
    # employment status
    "employed_full_time": "employed full time", "employed_part_time": "employed part time",
    "self_employed": "self-employed", "unemployed": "unemployed", "student": "student",
    "not_in_labor_force": "not in the labor force",
    # independence
    "guided": "guided", "independent": "independent", "ultra_independent": "ultra-independent",
    # barriers
    "stigma": "stigma/shame", "finances": "financial constraints", "caregiving": "caregiving",
    "health": "health", "social_support": "little social support",
    "limited_access": "limited access to openings", "transport": "transport",
    "digital_skills": "digital skills", "language": "language", "housing": "housing",
    "criminal_record": "criminal record",
    # goals
    "employment": "employment", "advancement": "advancement", "entrepreneurship": "entrepreneurship",
    "meaningful_work": "meaningful work", "work_life_balance": "work-life balance",
    "education": "education", "career_change": "career change",
}


def label(code):
    return LABELS.get(code, str(code).replace("_", " "))


def either(codes):
    """A list of codes, any of which matches, as "a/b/c"."""
    return "/".join(label(c) for c in codes)


def words(cond, nested=False):
    """A condition in plain words."""
    (key, val), = cond.items()
    if key == "always":
        return "every client"
    if key in ("all", "any"):
        joiner = " and " if key == "all" else " or "
        parts = [words(c, True) for c in val]
        text = joiner.join(parts)
        return "(" + text + ")" if nested and len(parts) > 1 else text
    if key == "not":
        return "not " + ("(" + words(val) + ")")
    if key == "income_bracket":
        return "income bracket " + either(val)
    if key == "employment_status":
        return "status " + either(val)
    if key == "independence":
        return "independence " + either(val)
    if key == "goal":
        return "goal: " + either(val)
    if key == "long_term_unemployed":
        return "long-term unemployed (27+ weeks)" if val else "not long-term unemployed"
    if key == "weeks_unemployed":
        if "min" in val and "max" in val:
            return "unemployed %d to %d weeks" % (val["min"], val["max"])
        if "min" in val:
            return "unemployed at least %d weeks" % val["min"]
        return "unemployed at most %d weeks" % val["max"]
    if key == "barrier":
        sev = val.get("min_severity", 1)
        return "barrier: %s%s" % (label(val["code"]), " (severity %d+)" % sev if sev > 1 else "")
    return json.dumps(cond)


def short_source(s):
    m = re.match(r"^(\d+)_[0-9a-f]+\.txt#(\d+)$", s)
    return "%s#%s" % (m.group(1), m.group(2)) if m else s


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(rules):
    out = []
    files = sorted({s.split("#")[0] for st in rules["strategies"] for s in st.get("sources", [])})
    out.append("Rule file version `%s`, %d strategies. Sources are written `NNN#item`, short for "
               "%s." % (rules.get("version", "?"), len(rules["strategies"]),
                        ", ".join("`%s` = `%s`" % (f.split("_")[0], f) for f in files)))
    out.append("Rows are sorted by phase, then base priority (highest first), then id. In conditions, "
               "`a/b` means either value matches. A recurring step says how often after its id.")
    out.append("")
    out.append("| id | category | phase | priority | merge | condition | sources (or basis) |")
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    ordered = sorted(rules["strategies"], key=lambda st: (
        PHASES.index(st["phase"]) if st["phase"] in PHASES else len(PHASES), -st["priority"], st["id"]))
    for st in ordered:
        prio = str(st["priority"])
        for a in st.get("adjust", []):
            prio += "; %+d if %s" % (a["priority"], words(a["when"]))
        if st.get("sources"):
            src = ", ".join(short_source(s) for s in st["sources"])
        else:
            src = "house rule: " + st.get("basis", "")
        every = st.get("repeat", {}).get("every_weeks", 0)
        repeat = "" if not every else " (every week)" if every == 1 else " (every %d weeks)" % every
        out.append("| `%s`%s | %s | %s | %s | %s | %s | %s |" % (
            cell(st["id"]), cell(repeat), cell(st["category"]), cell(st["phase"]), cell(prio),
            cell("`%s`" % st["merge"] if st.get("merge") else ""), cell(words(st["when"])), cell(src)))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rules", nargs="?", default=DEFAULT_RULES)
    ap.add_argument("--update", metavar="DOC", help="replace the table between the markers in DOC")
    args = ap.parse_args()
    with open(args.rules, encoding="utf-8") as f:
        rules = json.load(f)
    text = table(rules)
    sys.stdout.write(text)
    if args.update:
        with open(args.update, encoding="utf-8") as f:
            doc = f.read()
        if BEGIN not in doc or END not in doc:
            sys.exit("%s: markers %s / %s not found" % (args.update, BEGIN, END))
        head, rest = doc.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(args.update, "w", encoding="utf-8") as f:
            f.write(head + BEGIN + "\n\n" + text + "\n" + END + tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
