"""The alert rule: does a new claim change what we know? One pure function.

`decide(new, history)` looks only at its arguments: the claim just stored and the
earlier claims of its series. The caller stores the decision and queues delivery.
The rule, with examples, is written up in docs/alerts.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.series import same_claimant
from storage.models import StoredClaim

# How far an open bound or an approximate figure reaches when ranges are compared:
# "more than 3,000" is read as 3,000..3,750 and "about 300" as 270..330.
OPEN_BOUND_REACH = 1.25
APPROX_REACH = 0.10

VAGUE_QUALIFIERS = frozenset({
    "dozens", "scores", "hundreds", "several hundred", "thousands", "several thousand",
    "tens of thousands", "hundreds of thousands", "a few", "a handful", "several",
})

FIRST, CHANGE, REVISION = "first", "change", "revision"
KNOWN, CONSISTENT, OLDER, INCREMENT, VAGUE = (
    "known figure", "consistent", "older statement", "increment", "vague and compatible")


@dataclass(frozen=True)
class Decision:
    alert: bool
    reason: str
    previous: StoredClaim | None = None


def decide(new: StoredClaim, history: Sequence[StoredClaim]) -> Decision:
    """Whether `new` should alert, given the earlier claims of its series."""
    earlier = [claim for claim in history if claim.id != new.id]
    current = current_estimate(earlier)
    if new.increment:
        return Decision(False, INCREMENT, current)
    if current is None:
        return Decision(True, FIRST)
    if new.made_on < current.made_on:
        return Decision(False, OLDER, current)
    if any(_same_figure(new, claim) for claim in earlier):
        return Decision(False, KNOWN, current)
    own = [claim for claim in earlier if same_claimant(claim.claimant, new.claimant)
           and new.claimant.strip()]
    if own and not _same_figure(new, own[-1]):
        return Decision(True, REVISION, own[-1])
    if is_vague(new) and _compatible(new, current):
        return Decision(False, VAGUE, current)
    if overlaps(effective_range(new), effective_range(current)):
        return Decision(False, CONSISTENT, current)
    return Decision(True, CHANGE, current)


def current_estimate(history: Sequence[StoredClaim]) -> StoredClaim | None:
    """The latest statement that is a total of the series (not an increment)."""
    totals = [claim for claim in history if not claim.increment]
    return max(totals, key=lambda claim: (claim.made_on, claim.id), default=None)


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


def _same_figure(a: StoredClaim, b: StoredClaim) -> bool:
    return (a.low, a.high) == (b.low, b.high)


def is_vague(claim: StoredClaim) -> bool:
    return claim.qualifier.lower() in VAGUE_QUALIFIERS


def _compatible(vague: StoredClaim, known: StoredClaim) -> bool:
    """A vague figure says "at least this many": compatible unless it goes beyond `known`."""
    known_top = effective_range(known)[1]
    vague_low = vague.low if vague.low is not None else 0
    return vague_low <= known_top
