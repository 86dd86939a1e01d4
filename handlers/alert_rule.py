"""The alert rule: does a new claim change what we know? One pure function.

`decide(new, history)` looks only at its arguments: the claim just stored and the
claims of its series (topic, metric, whose losses, period kind). The caller stores the
decision and queues delivery. The rule, with worked examples, is in docs/alerts.md.

In short, a claim alerts when it is the first total of its series, when its range does
not overlap the current estimate, or when a claimant revises their own figure; it joins
the history silently when it is an increment, older than the current estimate, vague or
unattributed and compatible with it, a dated part of the total (the toll of one night),
or a figure already known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.series import same_claimant
from storage.models import StoredClaim

# How far an open bound or an approximate figure reaches when ranges are compared:
# "more than 3,000" is read as 3,000..3,750 and "about 300" as 270..330. So
# "more than 3,000" -> "more than 6,000" alerts, "more than 3,000" -> "3,400" does not.
OPEN_BOUND_REACH = 1.25
APPROX_REACH = 0.10

VAGUE_QUALIFIERS = frozenset({
    "dozens", "scores", "hundreds", "several hundred", "thousands", "several thousand",
    "tens of thousands", "hundreds of thousands", "a few", "a handful", "several",
    "some", "many", "numerous", "a number of",
})

FIRST, CHANGE, REVISION = "first", "change", "revision"
ALERTING = frozenset({FIRST, CHANGE, REVISION})
KNOWN, CONSISTENT, OLDER, INCREMENT, VAGUE, PART = (
    "known figure", "consistent", "older statement", "increment", "vague and compatible",
    "dated part of the total")


@dataclass(frozen=True)
class Decision:
    """Whether to alert, the reason (one of the constants above), and what it compares to."""

    alert: bool
    reason: str
    previous: StoredClaim | None = None


def decide(new: StoredClaim, history: Sequence[StoredClaim]) -> Decision:
    """Whether `new` should alert, given the other claims of its series (any order)."""
    earlier = [claim for claim in history if claim.id != new.id]
    current = current_estimate(earlier)
    if new.increment:
        return Decision(False, INCREMENT, current)
    if current is None:
        return Decision(True, FIRST)
    if new.made_on < current.made_on:
        return Decision(False, OLDER, current)
    own = _own_latest(new, earlier)
    if _same_figure(new, current) or (own is not None and _same_figure(new, own)):
        return Decision(False, KNOWN, current)
    if _is_loose(new) and compatible(new, current):
        return Decision(False, VAGUE, current)
    if own is not None:
        return Decision(True, REVISION, own)
    if new.period.strip() and _below(new, current):
        return Decision(False, PART, current)
    if overlaps(effective_range(new), effective_range(current)):
        return Decision(False, CONSISTENT, current)
    return Decision(True, CHANGE, current)


def current_estimate(history: Sequence[StoredClaim]) -> StoredClaim | None:
    """The latest claim not superseded, replaying the series in the order it arrived.

    A claim takes over unless it is an increment, older than the current estimate,
    vague or unattributed and compatible with it, a dated part below it, or a looser
    figure that agrees with it (so "thousands" never replaces "10,000 to 12,000").
    """
    current: StoredClaim | None = None
    for claim in sorted(history, key=lambda claim: claim.id):
        if _takes_over(claim, current):
            current = claim
    return current


def _takes_over(claim: StoredClaim, current: StoredClaim | None) -> bool:
    if claim.increment:
        return False
    if current is None:
        return True
    if claim.made_on < current.made_on:
        return False
    if _is_loose(claim) and compatible(claim, current):
        return False
    if claim.period.strip() and _below(claim, current):
        return False
    mine, theirs = effective_range(claim), effective_range(current)
    looser = (mine[1] - mine[0]) > (theirs[1] - theirs[0])
    return not (overlaps(mine, theirs) and looser and not same_claimant(
        claim.claimant, current.claimant))


def effective_range(claim: StoredClaim) -> tuple[float, float]:
    """The interval a reader would take the figure to mean."""
    low, high = claim.low, claim.high
    if low is not None and high is not None:
        if low == high and claim.approx:
            return low * (1 - APPROX_REACH), high * (1 + APPROX_REACH)
        return float(low), float(high)
    if low is not None:
        return float(low), low * OPEN_BOUND_REACH
    if high is not None:
        return high / OPEN_BOUND_REACH, float(high)
    return 0.0, 0.0


def overlaps(first: tuple[float, float], second: tuple[float, float]) -> bool:
    return first[0] <= second[1] and second[0] <= first[1]


def is_vague(claim: StoredClaim) -> bool:
    return claim.qualifier.strip().lower() in VAGUE_QUALIFIERS


def compatible(loose: StoredClaim, known: StoredClaim) -> bool:
    """A vague figure says "at least this many": compatible unless it goes beyond `known`."""
    known_top = effective_range(known)[1]
    loose_low = effective_range(loose)[0]
    return loose_low <= known_top


def _is_loose(claim: StoredClaim) -> bool:
    """Vague ("thousands") or said by nobody in particular."""
    return is_vague(claim) or not claim.claimant.strip()


def _own_latest(new: StoredClaim, earlier: Sequence[StoredClaim]) -> StoredClaim | None:
    """The claimant's own latest total in this series, if they are named and said one."""
    if not new.claimant.strip():
        return None
    own = [claim for claim in earlier if not claim.increment
           and same_claimant(claim.claimant, new.claimant)]
    return max(own, key=lambda claim: (claim.made_on, claim.id), default=None)


def _below(claim: StoredClaim, current: StoredClaim) -> bool:
    return effective_range(claim)[1] < effective_range(current)[0]


def _same_figure(a: StoredClaim, b: StoredClaim) -> bool:
    return (a.low, a.high) == (b.low, b.high)
