#!/usr/bin/env python3
"""Validate a gold corpus against ANNOTATION.md conventions.

usage: check_corpus.py [corpus.jsonl] [topics.toml]
Errors make the exit status 1; warnings are printed but do not fail.
"""

import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
PATH = sys.argv[1] if len(sys.argv) > 1 else str(HERE / "heldout-a.jsonl")
TOPICS_PATH = (
    sys.argv[2] if len(sys.argv) > 2 else str(HERE.parents[2] / "shared" / "eval" / "topics.toml")
)

ARTICLE_FIELDS = {
    "id": str,
    "outlet": str,
    "url": str,
    "published": str,
    "title": str,
    "text": str,
    "claims": list,
}
CLAIM_FIELDS = {
    "topic": str,
    "subject": str,
    "metric": str,
    "approx": bool,
    "qualifier": str,
    "claimant": str,
    "period": str,
    "claim_date": str,
    "evidence": str,
}
OPTIONAL_FIELDS = {"hedge": str, "optional": bool, "bound_either": bool, "metric_alt": list}
METRICS = {"killed", "wounded", "casualties", "missing", "captured", "deployed"}
VAGUE = {  # qualifier -> (low, high) from the guide's vague-word table
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "several hundred": (200, 900),
    "thousands": (2000, 9999),
    "several thousand": (2000, 9000),
    "tens of thousands": (20000, 99999),
    "a few": (2, 5),
    "a handful": (2, 5),
    "several": (3, 9),
}
LOWER_ONLY = {
    "more than",
    "at least",
    "over",
    "upwards of",
    "in excess of",
    "passed",
    "past",
    "passes",
    "tops",
    "exceed",
    "well over",
    "climb to",
}
UPPER_ONLY = {"up to", "fewer than", "as many as", "as high as", "less than"}
APPROX_Q = {
    "about",
    "around",
    "approximately",
    "nearly",
    "roughly",
    "some",
    "an estimated",
    "almost",
    "close to",
    "approaching",
}
WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "dozen": 12,
}
TENS = {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE = {"hundred": 100, "thousand": 1000, "million": 1000000}
DATE_RE = re.compile(r"^(\d{4}-\d{2}(-\d{2})?)?$")

errors, warnings = [], []


def err(where, msg):
    errors.append(f"ERROR {where}: {msg}")


def warn(where, msg):
    warnings.append(f"warn  {where}: {msg}")


def numbers_in(s):
    out = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", s):
        try:
            out.add(int(float(m.group().replace(",", ""))))
        except ValueError:
            pass
    toks = re.findall(r"[a-z]+", s.lower())
    i = 0
    while i < len(toks):  # "twelve hundred", "forty-two", "1.5 million" style word numbers
        val, j = None, i
        while j < len(toks) and (toks[j] in WORDS or toks[j] in TENS or toks[j] in SCALE):
            t = toks[j]
            if t in SCALE:
                if val is None:
                    break
                val *= SCALE[t]
            else:
                val = (val or 0) + (WORDS.get(t) or TENS[t])
            j += 1
        if val is not None:
            out.add(val)
            i = j
        else:
            i += 1
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s+(million|thousand)", s.lower()):
        out.add(int(float(m.group(1)) * SCALE[m.group(2)]))
    return out


with open(TOPICS_PATH, "rb") as f:
    TOPICS = set(tomllib.load(f)["topics"]) | {"other"}

ids = Counter()
n_articles = n_claims = 0
with open(PATH, encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            a = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"line {ln}", f"invalid JSON: {e}")
            continue
        n_articles += 1
        aid = a.get("id", f"line {ln}")
        ids[aid] += 1
        for k, t in ARTICLE_FIELDS.items():
            if k not in a:
                err(aid, f"missing article field {k!r}")
            elif not isinstance(a[k], t):
                err(aid, f"article field {k!r} should be {t.__name__}")
        extra = set(a) - set(ARTICLE_FIELDS)
        if extra:
            err(aid, f"unexpected article fields {sorted(extra)}")
        text = a.get("text", "")
        if a.get("published") and not re.match(r"^\d{4}-\d{2}-\d{2}$", a["published"]):
            err(aid, f"published not ISO date or '': {a['published']!r}")
        if not (1000 <= len(text) <= 5000):
            warn(aid, f"text length {len(text)} outside 1,000-5,000")
        seen = set()
        for ci, cl in enumerate(a.get("claims", [])):
            n_claims += 1
            w = f"{aid} #{ci}"
            if not isinstance(cl, dict):
                err(w, "claim is not an object")
                continue
            for k, t in CLAIM_FIELDS.items():
                if k not in cl:
                    err(w, f"missing claim field {k!r}")
                elif not isinstance(cl[k], t):
                    err(w, f"claim field {k!r} should be {t.__name__}")
            for k in ("low", "high"):
                if k not in cl:
                    err(w, f"missing claim field {k!r}")
                elif cl[k] is not None and (not isinstance(cl[k], int) or isinstance(cl[k], bool)):
                    err(w, f"{k} must be an integer or null")
            for k, t in OPTIONAL_FIELDS.items():
                if k in cl and not isinstance(cl[k], t):
                    err(w, f"{k} should be {t.__name__}")
            extra = set(cl) - set(CLAIM_FIELDS) - set(OPTIONAL_FIELDS) - {"low", "high"}
            if extra:
                err(w, f"unexpected claim fields {sorted(extra)}")
            lo, hi = cl.get("low"), cl.get("high")
            if lo is None and hi is None:
                err(w, "low and high both null")
            if lo is not None and hi is not None and lo > hi:
                err(w, f"low {lo} > high {hi}")
            if cl.get("metric") not in METRICS:
                err(w, f"invalid metric {cl.get('metric')!r}")
            for m in cl.get("metric_alt", []):
                if m not in METRICS or m == cl.get("metric"):
                    err(w, f"invalid metric_alt {m!r}")
            if cl.get("topic") not in TOPICS:
                err(w, f"invalid topic {cl.get('topic')!r}")
            ev = cl.get("evidence", "")
            if not ev or ev not in text:
                err(w, f"evidence not a verbatim substring of text: {ev!r}")
            if not DATE_RE.match(cl.get("claim_date", "")):
                err(w, f"claim_date not '', YYYY-MM or YYYY-MM-DD: {cl.get('claim_date')!r}")
            if not a.get("published") and re.match(
                r"^\d{4}-\d{2}-\d{2}$", cl.get("claim_date", "")
            ):
                warn(w, "day-precise claim_date in an undated article")
            if cl.get("claim_date") and a.get("published") and cl["claim_date"] >= a["published"]:
                err(w, "claim_date on/after publication (should be '' for same-day claims)")
            q = cl.get("qualifier", "").lower()
            if q in VAGUE:
                if (lo, hi) != VAGUE[q]:
                    err(w, f"vague {q!r} should be {VAGUE[q]}, got {(lo, hi)}")
                if not cl.get("approx"):
                    err(w, "vague word needs approx: true")
            else:
                nums = numbers_in(ev)
                if not ({lo, hi} - {None}) & nums:
                    err(w, f"figure {lo}..{hi} not found in evidence {ev!r}")
            if q in LOWER_ONLY and hi is not None:
                err(w, f"qualifier {q!r} should leave high null")
            if q in UPPER_ONLY and lo is not None:
                err(w, f"qualifier {q!r} should leave low null")
            if q in APPROX_Q and not cl.get("approx"):
                err(w, f"qualifier {q!r} needs approx: true")
            if q in APPROX_Q and lo != hi:
                err(w, "approximate figure should have low == high")
            if q == "" and lo != hi and not re.search(r"\d\s*(to|-|and)\s*\$?\d", ev):
                warn(w, "no qualifier but low != high and no range in evidence")
            if cl.get("bound_either") and not (lo is not None and lo == hi):
                err(w, "bound_either is for an exact figure next to a bounded one")
            key = (
                cl.get("claimant", "").lower(),
                cl.get("metric"),
                lo,
                hi,
                cl.get("period", "").lower(),
                cl.get("subject", "").lower(),
            )
            if key in seen:
                err(w, f"duplicate claim {key}")
            seen.add(key)
        # numbers in the title should correspond to some claim (or be known non-claims)
        vals = {
            v
            for cl in a.get("claims", [])
            for v in (cl.get("low"), cl.get("high"))
            if v is not None
        }
        for n in numbers_in(a.get("title", "")):
            if n >= 10 and not any(abs(n - v) <= 0.02 * max(n, v) for v in vals):
                warn(aid, f"title number {n} matches no gold claim")

for i, k in ids.items():
    if k > 1:
        err(i, f"duplicate id ({k} times)")

for m in warnings + errors:
    print(m)
print(f"{n_articles} articles, {n_claims} claims, {len(errors)} errors, {len(warnings)} warnings")
sys.exit(1 if errors else 0)
