"""Which estimates belong together, and whether two claimants are the same.

A series is (topic, metric, whose losses, period kind). "North Korean troops", "North
Korean soldiers" and "DPRK forces" are one group; children, aid workers, journalists or
the dead of one strike are groups of their own, so they never "change" the war's total.
A figure for a window ("in the last week") never changes a running total either.

When a figure does not say whose losses it counts ("several hundred casualties"), it
counts the topic's own people: the side the topic's key, name or aliases name first.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that name a side, folded to one key per side.
_SIDES = {
    "north-korea": r"north korea\w*|dprk|pyongyang|kim jong[ -]?un",
    "russia": r"russia\w*|kremlin|moscow",
    "ukraine": r"ukrain\w*|kyiv|kiev",
    "palestine": r"palestin\w*|gaza\w*|hamas|rafah|khan y[ou]nis|west bank|jabalia",
    "israel": r"israel\w*|idf",
    "iran": r"iran\w*|tehran",
    "sudan": r"sudan\w*|darfur|rsf|rapid support forces|el fasher|khartoum",
    "syria": r"syria\w*",
    "lebanon": r"leban\w*|hezbollah",
    "yemen": r"yemen\w*|houthi\w*",
}
_SIDE_PATTERNS = [(key, re.compile(rf"\b(?:{pattern})\b", re.I)) for key, pattern in _SIDES.items()]

# Sub-groups whose counts are not the total of the people they belong to.
_SUBGROUPS = {
    "children": r"child\w*|kids?|minors?|infants?|babies|boys|girls",
    "women": r"wom[ae]n|mothers",
    "civilians": r"civilians?|residents|villagers",
    "aid-workers": r"aid workers?|humanitarian\w*|un staff|unrwa",
    "journalists": r"journalists?|reporters?|media workers?",
    "medics": r"medics?|doctors?|nurses?|health(?:care)? workers?|paramedics?",
    "police": r"police\w*",
    "event": (r"strikes?|attacks?|bombings?|blasts?|explosions?|shelling|raids?|ambush\w*"
              r"|massacres?|crash\w*|collapse\w*|battles?|assaults?|hospital|school|"
              r"family|families|camp|convoy|market|(?:earth)?quakes?|tremors?|aftershocks?"
              r"|floods?|landslides?|fires?|stampedes?|sinking|shipwreck"),
}
_SUBGROUP_PATTERNS = [(key, re.compile(rf"\b(?:{pattern})\b", re.I))
                      for key, pattern in _SUBGROUPS.items()]


# A period with a length ("in the last week", "since late October", "a day") makes a
# series of its own. A phrase that only dates the fighting ("at the weekend", "on
# Saturday", "overnight") does not: such a figure is a part of the running total.
_WINDOW_RE = re.compile(
    r"\b(?:last|past|previous|preceding|final|first|latest)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:hours?|days?|weeks?|months?|years?)\b"
    r"|\b(?:a|per|each|every)\s+(?:day|week|month)\b|\bdaily\b|\bweekly\b"
    r"|\bin\s+(?:one|a\s+single)\s+(?:day|week|month)\b|\bin\s+[\w-]+\s+(?:days?|weeks?)\b"
    r"|\bsince\b|\bearlier\s+this\s+(?:week|month|year)\b|\blast\s+(?:week|month)\b"
    r"|\bthis\s+(?:week|month|year)\b|\bin\s+the\s+\w+\s+(?:offensive|battles?|wave|round)"
    r"|\b(?:in|during)\s+(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december)\b",
    re.IGNORECASE,
)
WINDOW, TOTAL = "window", "total"


def period_kind(period: str) -> str:
    """ "window" for a span with a length, "total" for none or a mere date of fighting."""
    return WINDOW if _WINDOW_RE.search(period) else TOTAL


def side_of(text: str) -> str:
    """The side a text names first, folded to one key ("Gazans" -> "palestine"), or ''."""
    found = [(match.start(), key) for key, pattern in _SIDE_PATTERNS
             if (match := pattern.search(text))]
    return min(found)[1] if found else ""


def topic_side(key: str, name: str = "", aliases: tuple[str, ...] = ()) -> str:
    """The side a topic is about, for figures that do not say whose losses they are."""
    for text in (key.replace("-", " "), name, *aliases):
        side = side_of(text)
        if side:
            return side
    return ""


def series_key(subject: str, period: str, *, default_side: str = "") -> str:
    """The group of people a figure counts plus its period kind, e.g. "north-korea/total".

    One strike, one earthquake or one other event is its own group, named by the proper
    nouns in the subject when there are any ("event-tamra"), so two events never merge.
    """
    side = side_of(subject) or default_side
    group = next((key for key, pattern in _SUBGROUP_PATTERNS if pattern.search(subject)), "")
    if group == "event":
        group = "-".join(["event", *_place_words(subject)])
    parts = [part for part in (side, group) if part] or ["all"]
    parts.append(period_kind(period))
    return "/".join(parts)


_DEMONYM = re.compile(r"(?:ans?|ians?|is?|ese|north|south|east|west)$", re.I)


def _place_words(subject: str) -> list[str]:
    """Capitalised words after the first word, minus demonyms: "in the Tamra strike"."""
    words = re.findall(r"(?<!^)\b[A-Z][a-z]+\b", subject.strip())
    return [word.lower() for word in words if not _DEMONYM.search(word)][:2]


_NOT_A_NAME = {
    "a", "an", "the", "of", "and", "senior", "top", "unnamed", "anonymous", "official",
    "officials", "spokesperson", "spokesman", "spokeswoman", "said", "says", "s", "via",
    "president", "minister", "ministry", "agency", "office", "government", "authorities",
    "military", "intelligence", "defence", "defense", "mr", "ms", "mrs", "dr",
}


@lru_cache(maxsize=4096)
def claimant_tokens(claimant: str) -> frozenset[str]:
    """The telling words of a claimant, spelling variants folded (Zelenskyy = Zelensky)."""
    words = re.findall(r"[a-z]+", claimant.lower())
    return frozenset(_fold_spelling(w) for w in words if w not in _NOT_A_NAME and len(w) > 1)


def claimant_key(claimant: str) -> str:
    """A stable key: the same claimant written two ways gets the same key."""
    tokens = claimant_tokens(claimant)
    if not tokens and claimant.strip():
        return " ".join(re.findall(r"[a-z]+", claimant.lower()))
    return " ".join(sorted(tokens))


def same_claimant(first: str, second: str) -> bool:
    """True when two claimant strings plausibly name the same source."""
    if not first.strip() or not second.strip():
        return not first.strip() and not second.strip()
    a, b = claimant_tokens(first), claimant_tokens(second)
    if a and b:
        return bool(a & b)
    return claimant_key(first) == claimant_key(second)


def _fold_spelling(word: str) -> str:
    return re.sub(r"(?:iy|yy|y)$", "y", word)
