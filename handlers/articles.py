"""An article arrives: extract its claims, compare each with its series, queue alerts.

Everything an article causes (the article row, new claims, corroborations, outbox rows)
is written in one transaction, so a crash leaves either all of it or none of it, and
delivery can never miss an alert that was decided.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from handlers.alert_rule import decide
from handlers.extraction import extract_claims
from handlers.models import Article, Claim, Topic
from handlers.series import claimant_key, same_claimant, series_key, topic_side
from storage import transaction
from storage.articles import (
    ArticleRecord,
    KnownArticle,
    articles_matching,
    insert_article,
    set_article_outcome,
    update_article_content,
)
from storage.claims import (
    ClaimRecord,
    add_source,
    claim_by_key,
    get_claim,
    insert_claim,
    same_figure_claims,
    series_claims,
)
from storage.database import to_text
from storage.models import StoredClaim
from storage.outbox import HELD, PENDING, enqueue_alert
from storage.subscriptions import topic_subscriptions

NO_TOPIC = "other"

SEEN_BEFORE, NO_TEXT, NO_CLAIM, NO_TOPIC_MATCHED = (
    "seen before", "no text", "no claim found", "no topic matched")
NOT_A_CHANGE, NO_SUBSCRIBER, RECORDED, ALERTED = (
    "not a change", "no subscriber", "recorded without alerting", "alerted")
EDITED = "edited"
# The rule reads this many of a series' latest statements: enough for any real story's
# current estimate and claimants' own figures, and it keeps a long-lived series (a war's
# daily tolls) from making every new claim slower than the last.
SERIES_WINDOW = 300


@dataclass
class ArticleOutcome:
    """What handling one article did; `outcome` is the one-line answer to "why (not)?"."""

    outcome: str
    article_id: int | None = None
    claims_found: int = 0
    new_claims: int = 0
    corroborations: int = 0
    alerts: int = 0
    decisions: list[tuple[StoredClaim, str]] = field(default_factory=list)


def fingerprint(article: Article) -> str:
    """Content identity that survives a changed guid or re-wrapped whitespace."""
    normalised = re.sub(r"\s+", " ", f"{article.title}\n{article.text}").strip().lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def handle_article(
    db,
    article: Article,
    topics: Sequence[Topic],
    *,
    now: datetime,
    alerting: bool = True,
    feed_id: int | None = None,
    entry_key: str = "",
    claims: Sequence[Claim] | None = None,
) -> ArticleOutcome:
    """Handle one article end to end; `alerting=False` records history without alerts.

    `claims`, when given, are this article's already extracted claims (the poller
    extracts in worker processes). An entry seen before with other content (an edit) is
    re-extracted under its old identity: figures it already reported dedupe, so only a
    genuinely new figure can alert.
    """
    digest = fingerprint(article)
    key = entry_key or f"sha256:{digest}"
    matches = articles_matching(db, [key], [digest])
    if already_seen(matches, key, digest, feed_id=feed_id, outlet=article.outlet):
        return ArticleOutcome(SEEN_BEFORE)
    edited = next((match for match in matches if match.entry_key == key), None)
    has_text = bool(article.text.strip() or article.title.strip())
    if claims is None:
        claims = extract_claims(article, topics) if has_text else []
    seen = to_text(now)
    sides = {topic.key: topic_side(topic.key, topic.name, topic.aliases)
             for topic in topics} if claims else {}
    with transaction(db):
        if edited:
            article_id = edited.id
            update_article_content(db, article_id, fingerprint=digest, title=article.title,
                                   url=article.url)
        else:
            article_id = insert_article(db, _article_record(article, key, digest, seen,
                                                            feed_id))
        result = ArticleOutcome(NO_CLAIM, article_id=article_id, claims_found=len(claims))
        for claim in claims:
            for topic in claim.topics or (NO_TOPIC,):
                _handle_claim(db, claim, topic, article, article_id, seen, alerting, result,
                              default_side=sides.get(topic, ""))
        result.outcome = _summarise(result, has_text, alerting)
        if edited:
            result.outcome = f"{EDITED}: {result.outcome}"
        set_article_outcome(db, article_id, claims_found=len(claims), outcome=result.outcome)
    return result


def already_seen(matches: Sequence[KnownArticle], entry_key: str, digest: str, *,
                 feed_id: int | None, outlet: str) -> bool:
    """Is this entry one we have handled? The same entry with the same content is; so is
    the same content under a new guid from the same feed or outlet. The same content
    from another outlet is a syndicated copy: stored, its claims count as corroboration.
    """
    for match in matches:
        if match.entry_key == entry_key:
            return match.fingerprint == digest
    same_source = [match for match in matches if match.fingerprint == digest and (
        match.feed_id == feed_id or (outlet and match.outlet.lower() == outlet.lower()))]
    return bool(same_source)


def _handle_claim(db, claim: Claim, topic: str, article: Article, article_id: int, seen: str,
                  alerting: bool, result: ArticleOutcome, *, default_side: str = "") -> None:
    record = claim_record(claim, topic, article, seen, default_side=default_side)
    existing = claim_by_key(db, record.dedupe_key) or _same_figure_same_source(db, record)
    if existing:
        if add_source(db, existing.id, article_id, evidence=claim.evidence, seen=seen):
            result.corroborations += 1
        return
    claim_id = insert_claim(db, record, article_id=article_id, seen=seen)
    result.new_claims += 1
    stored = get_claim(db, claim_id)
    if not alerting:  # history only (a feed's first poll): nothing to decide, no series read
        result.decisions.append((stored, RECORDED))
        return
    history = series_claims(db, topic=topic, metric=record.metric, series=record.series,
                            latest=SERIES_WINDOW)
    decision = decide(stored, history)
    result.decisions.append((stored, decision.reason))
    if not (alerting and decision.alert) or topic == NO_TOPIC:
        return
    previous_id = decision.previous.id if decision.previous else None
    for subscription in topic_subscriptions(db, topic):
        # A digest subscription's alerts wait, held, for its daily digest (handlers/digest.py).
        status = HELD if subscription.mode == "digest" else PENDING
        if enqueue_alert(db, claim_id=claim_id, subscription_id=subscription.id,
                         previous_claim_id=previous_id, created=seen, status=status):
            result.alerts += 1


def claim_record(claim: Claim, topic: str, article: Article, seen: str, *,
                 default_side: str = "") -> ClaimRecord:
    """The storable form of a claim under one topic; `default_side` is whose losses a
    figure counts when its subject does not say (the topic's own people)."""
    made_on = claim.claim_date or (article.published.isoformat() if article.published
                                   else seen[:10])
    key = claimant_key(claim.claimant)
    dedupe = "|".join(str(part) for part in (
        topic, claim.metric, claim.low, claim.high, key, claim.period.strip().lower()))
    return ClaimRecord(
        dedupe_key=dedupe,
        topic=topic,
        metric=claim.metric,
        low=claim.low,
        high=claim.high,
        approx=claim.approx,
        qualifier=claim.qualifier,
        figure=_sentence_case(claim.figure) or format_figure(claim.low, claim.high,
                                                             claim.qualifier),
        subject=claim.subject,
        series=series_key(claim.subject, claim.period, default_side=default_side)
        + ("/increment" if claim.increment else ""),
        claimant=_article_lowered(claim.claimant),
        claimant_key=key,
        period=claim.period,
        claim_date=claim.claim_date,
        hedge=claim.hedge,
        increment=claim.increment,
        evidence=claim.evidence,
        made_on=made_on,
    )


def format_figure(low: int | None, high: int | None, qualifier: str = "") -> str:
    """A figure as a reader would write it: "more than 3,000", "10,000 to 12,000"."""
    if qualifier and not any(ch.isdigit() for ch in qualifier) and low != high and (
            low is not None and high is not None):
        return qualifier
    if low is not None and high is not None and low != high:
        return f"{low:,} to {high:,}"
    number = low if low is not None else high
    text = f"{number:,}" if number is not None else "?"
    return f"{qualifier} {text}".strip() if qualifier else text


def _article_lowered(claimant: str) -> str:
    """ "A senior US official" read at a sentence start reads "a senior US official"."""
    return re.sub(r"^(A|An|The) (?=[a-z])", lambda m: m.group(1).lower() + " ", claimant)


def _sentence_case(figure: str) -> str:
    """ "At least three" read at a sentence start becomes "at least three"; "DPRK" stays."""
    if len(figure) > 1 and figure[0].isupper() and figure[1].islower():
        return figure[0].lower() + figure[1:]
    return figure


def _same_figure_same_source(db, record: ClaimRecord) -> StoredClaim | None:
    """A re-report of a known figure by the same (or an unnamed) source corroborates it."""
    for candidate in same_figure_claims(db, topic=record.topic, metric=record.metric,
                                        low=record.low, high=record.high,
                                        period=record.period):
        if not record.claimant.strip() or same_claimant(candidate.claimant, record.claimant):
            return candidate
    return None


def _article_record(article: Article, key: str, digest: str, seen: str,
                    feed_id: int | None) -> ArticleRecord:
    return ArticleRecord(
        entry_key=key,
        fingerprint=digest,
        url=article.url,
        title=article.title,
        outlet=article.outlet,
        published=article.published.isoformat() if article.published else None,
        seen=seen,
        feed_id=feed_id,
    )


def _summarise(result: ArticleOutcome, has_text: bool, alerting: bool) -> str:
    if not has_text:
        return NO_TEXT
    if not result.claims_found:
        return NO_CLAIM
    if result.alerts:
        return f"{ALERTED} ({result.alerts})"
    topical = [claim for claim, _ in result.decisions if claim.topic != NO_TOPIC]
    if not topical and not result.corroborations:
        return NO_TOPIC_MATCHED
    if not alerting:
        return RECORDED
    if any(reason in ("first", "change", "revision") for claim, reason in result.decisions
           if claim.topic != NO_TOPIC):
        return NO_SUBSCRIBER
    return NOT_A_CHANGE
