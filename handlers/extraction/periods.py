"""Find the window a figure covers ("in the past 24 hours", "at the weekend").

Running totals ("so far", "since the war began") have no period. A day phrase that
dates the statement ("said on Monday") is a claim date, not a period; `engine.py` passes
the attribution spans so they can be skipped.
"""

from __future__ import annotations

import re

from handlers.extraction.lexicon import MONTHS, WEEKDAYS
from handlers.extraction.patterns import alternation, folds_unlike_lower, lowered, may_contain

_MONTH = alternation(m for m in MONTHS if len(m) > 3)
_WEEKDAY = alternation(WEEKDAYS)
_SPAN_UNIT = r"(?:hours?|days?|weeks?|months?|weekend|night|nights|day)"

# The window phrases, each with words one of which every match of it holds: a sentence is
# searched only with the phrases whose words it has (a smaller alternation, a faster scan).
_BRANCHES = [
    rf"\b(?:in|over|during|within|across|for)\s+the\s+(?:last|past|previous|preceding|final|"
    rf"first|latest)\s+(?:[\w-]+\s+){{0,2}}?{_SPAN_UNIT}\b(?:\s+alone)?"
    r"(?:\s+before\s+the\s+\w+(?:\s+\w+)?)?",
    r"\b(?:at|over|during)\s+the\s+weekend\b",
    r"\bovernight\b",
    r"\b(?:last|this past)\s+(?:week|weekend|night)\b(?!['’]s)",
    r"\bearlier\s+this\s+(?:week|month)\b",
    rf"\b(?:early\s+|late\s+)?on\s+(?:{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?",
    rf"\b(?:{_WEEKDAY})\s+(?:morning|afternoon|evening|night)\b",
    # a rate ("800 men a day"), not a span ("for more than a day", "a day earlier")
    r"(?<!than )(?<!for )(?<!within )(?<!half )(?<!after )\b(?:a|per|each|every)\s+day\b"
    r"(?!\s+(?:earlier|later|after|before|ago|or two)\b)",
    r"\bin\s+(?:one|a\s+single)\s+(?:day|battle|attack|strike|week|night|assault)\b",
    r"\bin\s+[\w-]+\s+days?\s+of\s+(?:attacks|fighting|shelling|clashes|strikes|bombing)\b",
    rf"\bsince\s+(?:late|early|mid-?)\s*(?:{_MONTH})\b",
    r"\bsince\s+the\s+(?:strikes|fighting|bombing|bombardment|attacks|offensive|shelling)"
    r"\s+resumed\b",
    r"\bin\s+the\s+(?:winter|summer|spring|autumn|first|latest|last)\s+"
    r"(?:offensive|battles?|wave|round|assault)\b(?:\s+alone)?",
    rf"\b(?:in|during)\s+(?:{_MONTH})\b(?!\s+\d)",
    r"\bin\s+(?:the\s+)?hours\s+before\s+the\s+\w+(?:\s+\w+){0,3}",
]
_SPAN_WORDS = ("hour", "day", "week", "month", "night")
_WINDOW_WORDS = ("last", "past", "previous", "preceding", "final", "first", "latest")
_WEEKDAY_WORDS = tuple(WEEKDAYS)
_PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
# For each phrase, groups of words: every match of it holds a word of each group.
_BRANCH_KEYS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (_SPAN_WORDS, _WINDOW_WORDS),
    (("weekend",),),
    (("overnight",),),
    (("week", "night"),),
    (("earlier",),),
    (_WEEKDAY_WORDS,),
    (_WEEKDAY_WORDS, _PARTS_OF_DAY),
    (("day",),),
    (("day", "battle", "attack", "strike", "week", "night", "assault"), ("one", "single")),
    (("day",), ("attacks", "fighting", "shelling", "clashes", "strikes", "bombing")),
    (("since",),),
    (("resumed",),),
    (("offensive", "battle", "wave", "round", "assault"),),
    (tuple(m for m in MONTHS if len(m) > 3),),
    (("hours",),),
)
_PERIOD_RE = re.compile("|".join(_BRANCHES), re.IGNORECASE)
# One bit per group of every phrase: a key sets the bits of the groups it belongs to, and a
# phrase may match when all of its groups' bits are set.
_GROUP_BITS: dict[str, int] = {}
_REQUIRED: list[int] = []
_bit = 1
for _groups in _BRANCH_KEYS:
    _required = 0
    for _group in _groups:
        for _key in _group:
            _GROUP_BITS[_key] = _GROUP_BITS.get(_key, 0) | _bit
        _required |= _bit
        _bit <<= 1
    _REQUIRED.append(_required)
_GROUP_BITS_ITEMS = tuple(_GROUP_BITS.items())
# Searched in lower-cased text (a case-sensitive scan is about twice as fast); texts whose
# case folding differs from lower() take the one case-insensitive pattern instead.
_BRANCH_RES = tuple(zip((re.compile(branch) for branch in _BRANCHES), _REQUIRED))


def _period_matches(sentence: str):
    """_PERIOD_RE.finditer(sentence), with only the phrases the sentence can hold."""
    if folds_unlike_lower(sentence):
        return _PERIOD_RE.finditer(sentence)
    lower = lowered(sentence)
    present = 0
    for key, bits in _GROUP_BITS_ITEMS:
        if key in lower:
            present |= bits
    if not present:
        return ()
    patterns = [pattern for pattern, required in _BRANCH_RES if present & required == required]
    return _leftmost_matches(lower, patterns) if patterns else ()


def _leftmost_matches(sentence: str, patterns: list[re.Pattern]):
    """What finditer of the alternation of `patterns` yields: the leftmost match, of the
    first pattern matching there on a tie, then on from its end (none matches empty)."""
    position = 0
    while True:
        found = [match for match in (p.search(sentence, position) for p in patterns) if match]
        if not found:
            return
        match = min(found, key=re.Match.start)  # min keeps the first of equal starts
        yield match
        position = match.end()


_COMPARISON_RE = re.compile(
    r"\b(?:than\s+(?:the|one|that|those|a|an|its|their)|compared (?:with|to))\b[^,;.]*$",
    re.IGNORECASE)


_TOTAL_AS_OF_RE = re.compile(
    r"\b(?:rose|risen|rising|climbed|jumped|increased|reached|stood|stands|passed|topped|"
    r"surpassed|hit|up from|down from)\s+(?:to\s+|at\s+|a total of\s+)?"
    r"(?:(?:more than|at least|over|nearly|almost|about)\s+)?[\d,.]+\s+$", re.IGNORECASE)


# One of these is in every match of the pattern above it
_COMPARISON_KEYS = ("than", "compared")
_TOTAL_AS_OF_KEYS = ("rose", "risen", "rising", "climbed", "jumped", "increased", "reached",
                     "stood", "stands", "passed", "topped", "hit", "up from", "down from")


def find_period(sentence: str, skip_spans: list[tuple[int, int]]) -> str:
    """The first window phrase in `sentence` outside the attribution spans, or ''."""
    for match in _period_matches(sentence):
        if any(start <= match.start() < end + 12 for start, end in skip_spans):
            continue
        # the key tests spare most windows the patterns' scans
        if may_contain(sentence[max(0, match.start() - 80): match.start()], _COMPARISON_KEYS,
                       memo=False) and \
                _COMPARISON_RE.search(sentence, max(0, match.start() - 80), match.start()):
            continue  # "higher than the toll given by Kyiv earlier this week": another figure
        if may_contain(sentence[max(0, match.start() - 60): match.start()], _TOTAL_AS_OF_KEYS,
                       memo=False) and \
                _TOTAL_AS_OF_RE.search(sentence, max(0, match.start() - 60), match.start()):
            continue  # "the toll rose to 56 on Sunday": a running total, dated
        return sentence[match.start(): match.end()].strip()
    return ""
