"""Resolve the date a claim was made, and find the window a figure covers.

No date library: month names, weekdays, "yesterday" and ISO dates are enough for news
copy, resolved against the article's publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from handlers.extraction.lexicon import MONTHS, WEEKDAYS
from handlers.extraction.patterns import alternation

_MONTH = alternation(MONTHS)
_WEEKDAY = alternation(WEEKDAYS)
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

DATE_PHRASE = (
    rf"(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:{_WEEKDAY}){_PART_OF_DAY}"
    rf"|(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d\d-\d\d|yesterday|today|last night|this morning|earlier today)"
    rf"|in\s+(?:early\s+|late\s+|mid-?)?(?:{_MONTH})(?:\s+\d{{4}})?"
    r"|earlier this (?:week|month)|last (?:week|month)"
)
_DATE_RE = re.compile(DATE_PHRASE, re.IGNORECASE)
_ISO_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_MONTH_DAY_RE = re.compile(rf"({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?",
                           re.IGNORECASE)
_DAY_MONTH_RE = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})(?:,?\s+(\d{{4}}))?",
                           re.IGNORECASE)
_MONTH_ONLY_RE = re.compile(rf"\bin\s+(?:early\s+|late\s+|mid-?)?({_MONTH})(?:\s+(\d{{4}}))?",
                            re.IGNORECASE)
_WEEKDAY_RE = re.compile(rf"\b({_WEEKDAY})\b", re.IGNORECASE)


def _before(published: date, month: int, day: int | None, year: str | None) -> date:
    """The month/day on or before `published` when the year is not written."""
    if year:
        return date(int(year), month, day or 1)
    candidate = date(published.year, month, day or 1)
    if candidate > published:
        candidate = date(published.year - 1, month, day or 1)
    return candidate


def resolve_date(phrase: str, published: date | None) -> str:
    """ISO date (or YYYY-MM) that `phrase` names, '' when it is the publication day or unknown."""
    phrase = phrase.lower()
    iso = _ISO_RE.search(phrase)
    if iso:
        return iso.group(0)
    if published is None:
        return ""
    try:
        resolved = _resolve(phrase, published)
    except ValueError:  # "February 30"
        return ""
    if isinstance(resolved, str):
        return resolved
    if resolved is None or resolved >= published:
        return ""
    return resolved.isoformat()


def _resolve(phrase: str, published: date) -> date | str | None:
    if "yesterday" in phrase or "last night" in phrase:
        return published - timedelta(days=1)
    if re.search(r"today|this morning", phrase):
        return None
    match = _MONTH_DAY_RE.search(phrase)
    if match:
        return _before(published, MONTHS[match.group(1)], int(match.group(2)), match.group(3))
    match = _DAY_MONTH_RE.search(phrase)
    if match:
        return _before(published, MONTHS[match.group(2)], int(match.group(1)), match.group(3))
    match = _MONTH_ONLY_RE.search(phrase)
    if match:
        month_start = _before(published, MONTHS[match.group(1)], None, match.group(2))
        if (month_start.year, month_start.month) == (published.year, published.month):
            return None
        return month_start.strftime("%Y-%m")
    match = _WEEKDAY_RE.search(phrase)
    if match:
        back = (published.weekday() - WEEKDAYS[match.group(1)]) % 7
        return published - timedelta(days=back) if back else None
    if "last week" in phrase:
        return None
    return None


def find_date_phrase(text: str) -> re.Match | None:
    """The first date phrase in `text`."""
    return _DATE_RE.search(text)


def iter_date_phrases(text: str):
    return _DATE_RE.finditer(text)
