"""Plain dataclasses returned by the storage API; no behaviour, no I/O."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A subject users subscribe to; a claim matches it when its context names an alias."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    title: str
    added_by: str
    state: str
    etag: str | None
    last_modified: str | None
    initialized: bool
    failures: int
    last_error: str
    last_polled: str | None
    last_success: str | None
    next_poll: str | None


@dataclass(frozen=True)
class StoredClaim:
    """A distinct claim (topic, metric, figure, claimant, period) and where it was first seen."""

    id: int
    topic: str
    metric: str
    low: int | None
    high: int | None
    approx: bool
    qualifier: str
    figure: str
    subject: str
    series: str
    claimant: str
    claimant_key: str
    period: str
    claim_date: str
    hedge: str
    increment: bool
    evidence: str
    article_id: int
    made_on: str
    first_seen: str
    outlet: str = ""
    url: str = ""
    title: str = ""
    published: str | None = None
    sources: int = 1


@dataclass(frozen=True)
class Source:
    """An article that reported a claim (the first one included)."""

    claim_id: int
    article_id: int
    outlet: str
    url: str
    title: str
    published: str | None
    seen: str


@dataclass(frozen=True)
class Subscription:
    id: int
    platform: str
    workspace: str
    channel: str
    topic: str
    mode: str
    digest_hour: int | None
    paused: bool
    paused_reason: str


@dataclass(frozen=True)
class OutboxAlert:
    """One alert for one destination, with the claims it reports and compares against."""

    id: int
    key: str
    status: str
    attempts: int
    next_attempt: str | None
    last_error: str
    external_id: str
    created: str
    sent: str | None
    subscription: Subscription
    claim: StoredClaim
    previous: StoredClaim | None
