"""Find figures in a sentence: digits, number words, ranges, bounds and vague quantities.

A `Figure` knows nothing about what it counts; `metrics.py` decides that. What this
module rejects outright are numbers that are never head counts: money, percentages,
measurements, clock times, dates, ordinals, decimals without a scale, years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.extraction.lexicon import (
    APPROXIMATE,
    DIGIT_SCALES,
    LOWER_BOUNDS,
    MONTHS,
    SCALES,
    TENS,
    UNITS,
    UPPER_BOUNDS,
    VAGUE,
)
from handlers.extraction.patterns import (
    alternation,
    folds_unlike_lower,
    lowered,
    may_contain,
    may_end_with,
    minimal_keys,
)


# Hashed as if frozen, but not frozen: a frozen dataclass's __init__ is 4x slower.
@dataclass(unsafe_hash=True, slots=True)
class Figure:
    """A number as written, with the interval it stands for."""

    start: int  # includes the qualifier
    end: int
    low: int | None
    high: int | None
    approx: bool
    qualifier: str
    text: str
    number_start: int  # where the number itself starts (after the qualifier)
    is_word: bool = False  # written in words ("three"), not digits
    value: int = 0  # the first number as written, for plausibility checks


def _alternation(words) -> str:
    return alternation(w.lower() for w in words)


_NUMBER_WORD = _alternation([*UNITS, *TENS, *SCALES, "dozen"])
_WORDS = (
    rf"(?:(?:an?\s+)?(?:{_NUMBER_WORD})"
    rf"(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{_NUMBER_WORD}))*)"
)
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
    rf"(?:\s*(?:{_alternation(DIGIT_SCALES)})\b)?"
)
_VAGUE = _alternation(VAGUE)
_NUMBER_RE = re.compile(
    rf"(?<![\w$£€#/.,:-])(?:(?P<vague>{_VAGUE})\b(?![ -]?(?:{_NUMBER_WORD}))"
    rf"|(?P<digits>{_DIGITS})|(?P<words>\b{_WORDS}\b))(?![\w%$£€]|-(?!\d)|[,.:]\d)",
    re.IGNORECASE,
)
# Searched in lower-cased text (a case-sensitive scan is about twice as fast), then matched
# where found in the text itself, so the match and its groups are the text's.
_LOWER_NUMBER_RE = re.compile(_NUMBER_RE.pattern)
_QUALIFIER_RE = re.compile(
    rf"\b(?P<q>{_alternation([*LOWER_BOUNDS, *UPPER_BOUNDS, *APPROXIMATE])})\s+"
    r"(?:(?:a total of|the|another|an additional|a further)\s+)?$",
    re.IGNORECASE,
)
_QUALIFIER_KEYS = minimal_keys([*LOWER_BOUNDS, *UPPER_BOUNDS, *APPROXIMATE])
_RANGE_JOIN_RE = re.compile(r"\s*(?:-|–|—|to|and|or)\s*", re.IGNORECASE)
_NEXT_NUMBER_RE = re.compile(rf"(?P<digits>{_DIGITS})(?![\w%-])|(?P<words>{_WORDS})\b", re.I)
_DIGIT_SCALE_RE = re.compile(rf"\s*({_alternation(DIGIT_SCALES)})$", re.IGNORECASE)
_BAD_AFTER_RE = re.compile(
    r"\s*(?:%|per ?cent|percent|km\b|kilomet|miles?\b|mph|kg\b|metres?\b|meters?\b|"
    r"-year|-magnitude|-km|-mile|-day|-hour|-week|-month|-storey|-metre|-meter|"
    r"(?:a\.m|p\.m|am\b|pm\b|GMT|BST|UTC|local time)|dollars|euros|pounds sterling|"
    r"years? old|degrees|C\b|F\b|(?:" + _alternation(MONTHS) + r")\b)",
    re.IGNORECASE,
)
_BAD_BEFORE_RE = re.compile(
    r"(?:\$|£|€|US\$|USD|EUR|No\.|number|bill|article|resolution|flight|route|magnitude|"
    r"aged|age|ages|Article|(?:" + _alternation(MONTHS) + r")\.?)\s*$",
    re.IGNORECASE,
)
_PAST_RE = re.compile(
    r"\b(?:climbed|climbing|rose|rising|risen|went|gone|pushed|edged|crept|jumped|moved|"
    r"surged|soared)\s+past\s$", re.IGNORECASE)
_NO_BEFORE_RE = re.compile(r"\bno\s+$", re.IGNORECASE)
_AGE_BEFORE_RE = re.compile(
    r"\b(?:men|women|people|children|adults|those|anyone|patients|boys|girls)\s+"
    r"(?:over|under|above|below|older than|younger than)\s+$", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
_BETWEEN_WORDS = ("between", "from")
_AGE_WORDS = ("over", "under", "above", "below", "than")  # how _AGE_BEFORE_RE's words end
_MONEY_SCALE_RE = re.compile(r"(?:bn|mn|m|k)$", re.IGNORECASE)


_WORD_SPLIT_RE = re.compile(r"[\s-]+")
_DIGIT_SEPARATORS_RE = re.compile(r"[,\s\u00a0\u202f]")


def words_to_int(text: str) -> int | None:
    """'twenty-four' -> 24, 'a thousand' -> 1000, 'twelve hundred' -> 1200."""
    total = current = 0
    seen = False
    for word in _WORD_SPLIT_RE.split(text.lower()):
        if word in ("a", "an"):
            current = max(current, 1)
        elif word == "and":
            continue
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def digits_to_int(text: str) -> int | None:
    """'3,000' -> 3000, '6 000' -> 6000, '1.5 million' -> 1500000; None for bare decimals."""
    if text.isascii() and text.isdigit():
        return int(round(float(text)))  # the common case, without the scale and separators
    scale = 1
    match = _DIGIT_SCALE_RE.search(text)
    if match:
        scale = DIGIT_SCALES[match.group(1).lower()]
        text = text[: match.start()]
    text = _DIGIT_SEPARATORS_RE.sub("", text)
    try:
        value = float(text)
    except ValueError:
        return None
    if "." in text and scale == 1:
        return None
    return int(round(value * scale))


_ARTICLE_RE = re.compile(r"an?\s", re.I)
_MULTIPLIER_RE = re.compile(r"hundred|thousand|million|billion|dozen", re.I)


def _parse(match: re.Match) -> tuple[int | None, int | None, bool]:
    if match.re is _NUMBER_RE and match.group("vague"):
        low, high = VAGUE[match.group("vague").casefold()]  # "dozenſ" matched as "dozens"
        return low, high, True
    if match.group("digits"):
        value = digits_to_int(match.group("digits"))
        return value, value, False
    text = match.group("words")
    if _ARTICLE_RE.match(text) and not _MULTIPLIER_RE.search(text):
        return None, None, False
    value = words_to_int(text)
    return value, value, False


# _BAD_BEFORE_RE's words, for a plain suffix test (each ends in a non-space character).
_BAD_BEFORE_WORDS = tuple(
    ["$", "£", "€", "us$", "usd", "eur", "no.", "number", "bill", "article", "resolution",
     "flight", "route", "magnitude", "aged", "age", "ages", *MONTHS, *(f"{m}." for m in MONTHS)])


def _bad_before(before: str) -> bool:
    """_BAD_BEFORE_RE.search(before): one of its words, then only whitespace to the end."""
    if folds_unlike_lower(before):
        return _BAD_BEFORE_RE.search(before) is not None
    return before.rstrip().lower().endswith(_BAD_BEFORE_WORDS)


_DIGIT_MILLION_RE = re.compile(r"\d\s*million")
_YEAR_SEPARATORS_RE = re.compile(r"[,\s]")
_YEAR_RE = re.compile(r"(1[89]|20)\d\d")
_ONE_OF_RE = re.compile(r"\s+(?:of|another|day|side)\b")


def _is_rejected(text: str, match: re.Match) -> bool:
    raw = match.group(0)
    before = text[max(0, match.start() - 40): match.start()]
    if _bad_before(before) or _BAD_AFTER_RE.match(text, match.end()):
        return True
    digits = match.group("digits")
    if digits:
        if not digits.isdigit() and _MONEY_SCALE_RE.search(digits.strip()) and \
                not _DIGIT_MILLION_RE.search(digits):
            return True  # "5.6bn", "2m" are money or distance in news copy
        # plain digits (most figures) hold no separator to take out
        plain = digits if digits.isdigit() else _YEAR_SEPARATORS_RE.sub("", digits)
        if _YEAR_RE.fullmatch(plain) and "," not in digits:
            return True  # a year
    words = match.group("words")
    if words and words.lower() == "one" and (
            _ONE_OF_RE.match(text, match.end()) or _NO_BEFORE_RE.search(before)):
        return True  # "one of the", "no one was hurt"
    if may_end_with(before, _AGE_WORDS) and _AGE_BEFORE_RE.search(before):
        return True  # "men over 50", "children under five": ages
    return raw.lower() in ("a", "an")


def _range_end(text: str, match: re.Match, joined_by_between: bool):
    """The second number of "10,000 to 12,000" / "10,000-12,000", if there is one."""
    join = _RANGE_JOIN_RE.match(text, match.end())
    if not join:
        return None
    word = join.group(0).strip().lower()
    if word == "and" and not joined_by_between:
        return None
    if word == "or" and not match.group("digits"):
        return None
    second = _NEXT_NUMBER_RE.match(text, join.end())
    if not second:
        return None
    if _BAD_AFTER_RE.match(text[second.end():]):
        return None
    return second


# Number words, for a quick test that spares most sentences the full pattern.
# No \b and no IGNORECASE: the pattern then starts with plain letters and `re` can skip
# ahead to candidate positions instead of trying every branch at every character.
_HINT_RE = re.compile(alternation(
    {*UNITS, *TENS, *SCALES, "dozen", "score", "several", "few", "handful"}))
# The same words after a character other than a-z, where a word can start: a scan for that
# character tries the words at a fifth of the positions a scan for their letters does.
_HINT_AFTER_BREAK_RE = re.compile(f"[^a-z](?:{_HINT_RE.pattern})")
_ASCII_DIGITS = "0123456789"


# The scan below for ASCII text, as bytes with every character but a-z made a space (and
# one put in front): its matches then start with a literal space, which `re` finds by a
# fast character search instead of testing every character against a class. The atomic
# group keeps the longest word, as the match the scan below checks does.
_NON_LETTERS_TO_SPACES = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))
_SPACED_NUMBER_WORD_RE = re.compile(rb" (?>" + _HINT_RE.pattern.encode() + rb")(?![a-rt-z])")


def may_hold_figure(text: str) -> bool:
    """False when `text` has no digit and no number word: no figure can be in it."""
    for digit in _ASCII_DIGITS:  # str.find runs faster than a regex's character-class scan
        if digit in text:
            return True
    lower = lowered(text)
    if lower.isascii():
        spaced = b" " + lower.encode().translate(_NON_LETTERS_TO_SPACES)
        return _SPACED_NUMBER_WORD_RE.search(spaced) is not None
    first = _HINT_RE.match(lower)
    if first and _ends_number_word(lower, first.end()):
        return True
    for match in _HINT_AFTER_BREAK_RE.finditer(lower):
        if not lower[match.start()].isalpha() and _ends_number_word(lower, match.end()):
            return True
    return False


def _ends_number_word(lower: str, end: int) -> bool:
    return end == len(lower) or not lower[end].isalpha() or lower[end] == "s"


def find_figures(text: str) -> list[Figure]:
    """Every candidate head-count figure in `text`, left to right."""
    return figures_in(text) if may_hold_figure(text) else []


def figures_in(text: str) -> list[Figure]:
    """`find_figures` for a text already known to pass `may_hold_figure`."""
    figures: list[Figure] = []
    position = 0
    lower = None if folds_unlike_lower(text) else lowered(text)
    while True:
        match = _next_number(text, lower, position)
        if not match:
            return figures
        position = match.end()
        if _is_rejected(text, match):
            continue
        low, high, approx = _parse(match)
        if low is None:
            continue
        start, end, number_start = match.start(), match.end(), match.start()
        qualifier = ""
        between = _BETWEEN_RE.search(text, max(0, match.start() - 12), match.start()) \
            if may_end_with(text[max(0, match.start() - 12): match.start()], _BETWEEN_WORDS) \
            else None
        second = None if match.group("vague") else _range_end(text, match, bool(between))
        if second is not None:
            high_value = _parse(second)[0]
            if high_value is not None and low is not None and high_value > low:
                high = high_value
                end = second.end()
                position = end
                if between and between.group(1).lower() == "between":
                    start = between.start()
        qual = may_contain(text[max(0, start - 40): start], _QUALIFIER_KEYS, memo=False) and \
            _QUALIFIER_RE.search(text, max(0, start - 40), start)
        if qual:
            qualifier = qual.group("q")
            start = qual.start()
            low, high, approx = _apply_qualifier(qualifier.lower(), low, high, approx)
        elif may_end_with(text[max(0, start - 30): start], ("past",)) and \
                _PAST_RE.search(text, max(0, start - 30), start):
            qualifier = "past"  # "the toll climbed past 2,100"
            start -= 5
            low, high, approx = _apply_qualifier("more than", low, high, approx)
        if match.group("vague"):
            qualifier = qualifier or match.group("vague")
        figures.append(
            Figure(start, end, low, high, approx, qualifier, text[start:end], number_start,
                   is_word=bool(match.group("words") or match.group("vague")),
                   value=low if low is not None else (high or 0))
        )


def _next_number(text: str, lower: str | None, position: int) -> re.Match | None:
    """_NUMBER_RE.search(text, position), by way of `lower` (text lower-cased) if given."""
    if lower is None:
        return _NUMBER_RE.search(text, position)
    found = _LOWER_NUMBER_RE.search(lower, position)
    return found and _NUMBER_RE.match(text, found.start())


def _apply_qualifier(qualifier: str, low, high, approx):
    if high is not None and low is not None and low != high:
        if qualifier in LOWER_BOUNDS:
            return low, None, approx
        if qualifier in UPPER_BOUNDS:
            return None, high, approx
        return low, high, True
    if qualifier in LOWER_BOUNDS:
        return low, None, approx
    if qualifier in UPPER_BOUNDS:
        return None, high, approx
    return low, high, True
