"""What an alert says, independent of where it is posted.

Adapters render an `AlertView` as an embed, Block Kit or terminal text; none of them
computes a figure, a change or a date on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.models import OutboxAlert, StoredClaim

UNNAMED_SOURCE = "the outlet (no source named)"


@dataclass(frozen=True)
class AlertView:
    key: str
    topic: str
    metric: str
    figure: str
    subject: str
    claimant: str
    period: str
    hedge: str
    stated_on: str
    outlet: str
    published: str
    url: str
    title: str
    evidence: str
    previous: str
    change: str

    @property
    def headline(self) -> str:
        """E.g. "dprk · casualties: more than 6,000"."""
        window = f" ({self.period})" if self.period else ""
        return f"{self.topic} · {self.metric}: {self.figure}{window}"


def alert_view(alert: OutboxAlert) -> AlertView:
    claim = alert.claim
    return AlertView(
        key=alert.key,
        topic=claim.topic,
        metric=claim.metric,
        figure=claim.figure,
        subject=claim.subject,
        claimant=claim.claimant or UNNAMED_SOURCE,
        period=claim.period,
        hedge=claim.hedge,
        stated_on=human_date(claim.made_on),
        outlet=claim.outlet,
        published=human_date(claim.published or ""),
        url=claim.url,
        title=claim.title,
        evidence=claim.evidence,
        previous=describe_claim(alert.previous) if alert.previous else "",
        change=describe_change(claim, alert.previous) if alert.previous else "first estimate",
    )


def describe_claim(claim: StoredClaim) -> str:
    """ "more than 3,000 (Zelenskyy, 23 Dec 2024)" """
    who = claim.claimant or claim.outlet or "unattributed"
    return f"{claim.figure} ({who}, {human_date(claim.made_on)})"


def describe_change(new: StoredClaim, previous: StoredClaim) -> str:
    """Direction and size of a change, from the figures a reader compares: "×2", "+700"."""
    before, after = reference_value(previous), reference_value(new)
    if before is None or after is None or before == after:
        return "revised"
    if after > before:
        ratio = after / before if before else None
        if ratio is not None and ratio >= 1.5:
            return f"up ×{ratio:.1f}".replace(".0", "")
        return f"up +{after - before:,}"
    ratio = before / after if after else None
    if ratio is not None and ratio >= 1.5:
        return f"down ÷{ratio:.1f}".replace(".0", "")
    return f"down −{before - after:,}"


def reference_value(claim: StoredClaim) -> int | None:
    """One number to compare: the midpoint of a range, else whichever bound exists."""
    if claim.low is not None and claim.high is not None:
        return (claim.low + claim.high) // 2
    return claim.low if claim.low is not None else claim.high


def human_date(iso: str) -> str:
    """ "2024-12-23" → "23 Dec 2024"; partial or empty dates pass through."""
    try:
        return date.fromisoformat(iso[:10]).strftime("%-d %b %Y")
    except ValueError:
        return iso
