"""Find the window a figure covers ("in the past 24 hours", "at the weekend").

Running totals ("so far", "since the war began") have no period. A day phrase that
dates the statement ("said on Monday") is a claim date, not a period; `engine.py` passes
the attribution spans so they can be skipped.
"""

from __future__ import annotations

import re

from handlers.extraction.lexicon import MONTHS, WEEKDAYS
from handlers.extraction.patterns import alternation, may_contain

_MONTH = alternation(m for m in MONTHS if len(m) > 3)
_WEEKDAY = alternation(WEEKDAYS)
_SPAN_UNIT = r"(?:hours?|days?|weeks?|months?|weekend|night|nights|day)"

_PERIOD_RE = re.compile(
    "|".join([
        rf"\b(?:in|over|during|within|across|for)\s+the\s+(?:last|past|previous|preceding|final|"
        rf"first|latest)\s+(?:[\w-]+\s+){{0,2}}?{_SPAN_UNIT}\b(?:\s+alone)?"
        r"(?:\s+before\s+the\s+\w+(?:\s+\w+)?)?",
        r"\b(?:at|over|during)\s+the\s+weekend\b",
        r"\bovernight\b",
        r"\b(?:last|this past)\s+(?:week|weekend|night)\b(?!['’]s)",
        r"\bearlier\s+this\s+(?:week|month)\b",
        rf"\b(?:early\s+|late\s+)?on\s+(?:{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?",
        rf"\b(?:{_WEEKDAY})\s+(?:morning|afternoon|evening|night)\b",
        r"\b(?:a|per|each|every)\s+day\b",
        r"\bin\s+(?:one|a\s+single)\s+(?:day|battle|attack|strike|week|night|assault)\b",
        r"\bin\s+[\w-]+\s+days?\s+of\s+(?:attacks|fighting|shelling|clashes|strikes|bombing)\b",
        rf"\bsince\s+(?:late|early|mid-?)\s*(?:{_MONTH})\b",
        r"\bsince\s+the\s+(?:strikes|fighting|bombing|bombardment|attacks|offensive|shelling)"
        r"\s+resumed\b",
        r"\bin\s+the\s+(?:winter|summer|spring|autumn|first|latest|last)\s+"
        r"(?:offensive|battles?|wave|round|assault)\b(?:\s+alone)?",
        rf"\b(?:in|during)\s+(?:{_MONTH})\b(?!\s+\d)",
        r"\bin\s+(?:the\s+)?hours\s+before\s+the\s+\w+(?:\s+\w+){0,3}",
    ]),
    re.IGNORECASE,
)


# Every window phrase holds one of these (a month name starts with one of the last twelve).
_PERIOD_KEYS = ("day", "night", "week", "month", "hour", "battle", "attack", "strike",
                "assault", "resumed", "offensive", "wave", "round", "jan", "feb", "mar", "apr",
                "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def find_period(sentence: str, skip_spans: list[tuple[int, int]]) -> str:
    """The first window phrase in `sentence` outside the attribution spans, or ''."""
    if not may_contain(sentence, _PERIOD_KEYS):
        return ""
    for match in _PERIOD_RE.finditer(sentence):
        if any(start <= match.start() < end + 12 for start, end in skip_spans):
            continue
        return match.group(0).strip()
    return ""
