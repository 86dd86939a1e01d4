"""Which estimates belong together, and whether two claimants are the same.

A series is (topic, metric, whose losses, period kind). "North Korean troops", "North
Korean soldiers" and "DPRK forces" are one group; children, aid workers, journalists or
the dead of one strike are groups of their own, so they never "change" the war's total.
A figure for a window ("in the last week") never changes a running total either.
"""

from __future__ import annotations

import re

# Words that name a side, folded to one key per side.
_SIDES = {
    "north-korea": r"north korea\w*|dprk|pyongyang|kim jong[ -]?un",
    "russia": r"russia\w*|kremlin|moscow",
    "ukraine": r"ukrain\w*|kyiv|kiev",
    "palestine": r"palestin\w*|gaza\w*|hamas|rafah|khan y[ou]nis|west bank",
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
              r"family|families|camp|convoy|market"),
}
_SUBGROUP_PATTERNS = [(key, re.compile(rf"\b(?:{pattern})\b", re.I))
                      for key, pattern in _SUBGROUPS.items()]


def series_key(subject: str, period: str) -> str:
    """The group of people a figure counts plus its period kind, e.g. "north-korea/total"."""
    side = next((key for key, pattern in _SIDE_PATTERNS if pattern.search(subject)), "")
    group = next((key for key, pattern in _SUBGROUP_PATTERNS if pattern.search(subject)), "")
    parts = [part for part in (side, group) if part] or ["all"]
    parts.append("window" if period.strip() else "total")
    return "/".join(parts)


_NOT_A_NAME = {
    "a", "an", "the", "of", "and", "senior", "top", "unnamed", "anonymous", "official",
    "officials", "spokesperson", "spokesman", "spokeswoman", "said", "says", "s", "via",
    "president", "minister", "ministry", "agency", "office", "government", "authorities",
    "military", "intelligence", "defence", "defense", "mr", "ms", "mrs", "dr",
}


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
