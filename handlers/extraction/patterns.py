"""Build fast regular-expression alternations from word lists.

Python's `re` tries the branches of `a|b|c` one after another at every position, so a
list of a hundred phrases costs a hundred tries per character. Folding the phrases
into a prefix tree ("s(?:aid|ays)|t(?:old|ells)") makes each position cost one or two
tries, which is most of what keeps the engine inside its 2 ms-per-article budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_END = ""


def alternation(phrases: Iterable[str]) -> str:
    """A regex (no group captured) matching any of `phrases`, longest match preferred.

    Matching is literal: use the pattern with re.IGNORECASE for case-insensitive
    phrases, the phrases themselves should then be given in lower case.
    """
    trie: dict = {}
    for phrase in {p for p in phrases if p}:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(trie) if trie else "(?!)"


def _emit(node: dict) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items())
                if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        # a phrase ends here; prefer the longer continuation when there is one
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


# Characters that `re.IGNORECASE` matches to an ASCII letter although str.lower() does not
# turn them into that letter (dotted capital I, dotless i, long s), with that letter.
_FOLDS_TO_ASCII = str.maketrans({"\u0130": "I", "\u0131": "i", "\u017f": "s"})
_DIGIT_RE = re.compile(r"\d")


def folds_unlike_lower(text: str) -> bool:
    """True when case-insensitive matching of `text` may differ from matching text.lower()."""
    if text.isascii():
        return False
    # three `in` tests, not any() over a generator (its frames cost more than the scans)
    return "\u0130" in text or "\u0131" in text or "\u017f" in text


def fold_to_ascii(text: str) -> str:
    """`text` with the letters `folds_unlike_lower` looks for written as the ASCII letters
    case-insensitive patterns take them for ("kılled" -> "killed"), one for one."""
    return text.translate(_FOLDS_TO_ASCII) if folds_unlike_lower(text) else text


@lru_cache(maxsize=256)
def lowered(text: str) -> str:
    """`text.lower()`, remembered: a paragraph or sentence is lowered for many tests, and
    lowering text with curly quotes or accents goes character by character."""
    return text.lower()


def minimal_keys(phrases: Iterable[str]) -> tuple[str, ...]:
    """Keys for `may_contain` from a pattern's literal phrases: each phrase contains one of
    the lower-cased phrases returned (those that contain no other phrase)."""
    lowered = {p.lower() for p in phrases if p}
    return tuple(sorted(p for p in lowered if not any(o != p and o in p for o in lowered)))


def may_contain(text: str, keys: tuple[str, ...], digits: bool = False,
                memo: bool = True) -> bool:
    """False only when a case-insensitive match holding one of `keys` cannot be in `text`.

    `keys` are lower-case ASCII strings chosen so that every match of the pattern being
    guarded contains one of them (or a digit, with `digits`): a plain substring test on
    the lower-cased text then rules most texts out before the full regular expression.
    `memo`: remember the lowered text (not worth it for a short window read once).
    """
    if not text.isascii() and folds_unlike_lower(text):  # isascii() inline: no call
        return True
    lower = lowered(text) if memo else text.lower()
    for key in keys:
        if key in lower:
            return True
    return digits and _DIGIT_RE.search(text) is not None


def may_end_with(text: str, words: tuple[str, ...], space: bool = True) -> bool:
    """False only when `text` cannot end with one of `words` and then whitespace (any amount,
    none too unless `space`), matched case-insensitively: a cheap test before a pattern
    anchored as `(?:words)\\s+$`, which the regex engine would try at every position of the
    text. `words` are lower-case ASCII."""
    stripped = text.rstrip()
    if space and len(stripped) == len(text):
        return False
    # isascii() inline: most texts are spared the call
    return stripped.lower().endswith(words) or not stripped.isascii() and \
        folds_unlike_lower(stripped)
