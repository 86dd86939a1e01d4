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

    @property
    def comparison(self) -> str:
        """What the alert compares against, in one line a desk can paste:
        "more than 6,000 (UK Ministry of Defence, 15 Jun 2025) — previous: more than
        3,000 (Zelenskyy, 23 Dec 2024), ×2"."""
        said = f"{self.figure} ({self.claimant}, {self.stated_on})"
        if not self.previous:
            return f"{said} — {self.change}"
        return f"{said} — previous: {self.previous}, {self.change}"


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
    """Direction and size of a change, from the figures a reader compares: "×2", "+4".

    A factor when the figure grew (or shrank) by half or more, else the difference.
    """
    before, after = reference_value(previous), reference_value(new)
    if before is None or after is None or before == after:
        return "revised"
    if after > before:
        if before and after / before >= 1.5:
            return f"×{_factor(after / before)}"
        return f"+{after - before:,}"
    if after and before / after >= 1.5:
        return f"÷{_factor(before / after)}"
    return f"−{before - after:,}"


def _factor(ratio: float) -> str:
    return f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}".removesuffix(".0")


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
