"""Commands from any chat platform or the CLI, answered with platform-neutral replies.

Adapters turn a slash command into a call here with an `Actor` (who asks, from where,
whether they may change settings) and render what comes back. Nothing here knows
Discord or Slack.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from handlers.models import METRICS, Topic
from storage import claims as claim_store
from storage import feeds as feed_store
from storage import subscriptions as subscription_store
from storage import topics as topic_store
from storage.models import StoredClaim


@dataclass(frozen=True)
class Actor:
    """Who runs a command, and where. `can_manage` is the adapter's reading of permissions."""

    platform: str
    channel: str
    workspace: str = ""
    user: str = ""
    can_manage: bool = False


@dataclass(frozen=True)
class Reply:
    """A short answer. `ephemeral` replies are shown only to the person who asked."""

    text: str
    ok: bool = True
    ephemeral: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    figure: str
    metric: str
    claimant: str
    stated_on: str
    outlet: str
    url: str
    title: str
    sources: int
    period: str
    hedge: str
    claim_id: int
    low: int | None = None
    high: int | None = None
    repeated_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeriesView:
    """One series: its current estimate first, then its history, newest first."""

    label: str
    metric: str
    current: HistoryEntry
    history: list[HistoryEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimsReply:
    topic: Topic
    series: list[SeriesView]
    total_claims: int

    @property
    def ok(self) -> bool:
        return True

    def entries(self) -> list[HistoryEntry]:
        """Every figure, newest first, for flat renderings and pagination."""
        rows = [entry for view in self.series for entry in view.history]
        return sorted(rows, key=lambda entry: (entry.stated_on, entry.claim_id), reverse=True)


NOT_ALLOWED = ("Only server managers (or members of the role/user group named in the bot's "
               "settings) may change subscriptions, topics or feeds.")


def management_refusal(actor: Actor) -> Reply | None:
    """The refusal for an actor who may not change settings (e.g. add a feed), else None."""
    return None if actor.can_manage else Reply(NOT_ALLOWED, ok=False, ephemeral=True)


def find_topic(db, text: str) -> Topic | None:
    """A topic by key, name or alias, ignoring case."""
    wanted = text.strip().lower()
    topics = topic_store.list_topics(db)
    for topic in topics:
        if wanted == topic.key.lower() or wanted == topic.name.lower():
            return topic
    return next((t for t in topics if wanted in (a.lower() for a in t.aliases)), None)


def unknown_topic(db, text: str) -> Reply:
    keys = [topic.key for topic in topic_store.list_topics(db)]
    close = difflib.get_close_matches(text.lower(), keys, n=1)
    hint = f" Did you mean `{close[0]}`?" if close else ""
    known = ", ".join(keys) if keys else "none yet (add one with topics add)"
    return Reply(f"Unknown topic `{text[:60]}`.{hint} Known topics: {known}.", ok=False,
                 ephemeral=True)


def claims_history(db, topic_text: str, *, metric: str | None = None,
                   since: str | None = None) -> ClaimsReply | Reply:
    """`/claims topic [metric] [since]`: current estimate per series, then the history."""
    topic = find_topic(db, topic_text)
    if topic is None:
        return unknown_topic(db, topic_text)
    if metric and metric not in METRICS:
        return Reply(f"Unknown metric `{metric[:30]}`; use one of: {', '.join(METRICS)}.",
                     ok=False, ephemeral=True)
    stored = claim_store.topic_claims(db, topic.key, metric=metric, since=since)
    return ClaimsReply(topic=topic, series=_series_views(db, stored), total_claims=len(stored))


def _series_views(db, stored: list[StoredClaim]) -> list[SeriesView]:
    groups: dict[tuple[str, str], list[StoredClaim]] = {}
    for claim in stored:  # newest first
        groups.setdefault((claim.metric, claim.series), []).append(claim)
    views = []
    for (metric, series), claims in groups.items():
        entries = [_entry(claim, _repeated_by(db, claim)) for claim in claims]
        totals = [entry for entry, claim in zip(entries, claims) if not claim.increment]
        views.append(SeriesView(label=_series_label(series, claims[0]), metric=metric,
                                current=(totals or entries)[0], history=entries))
    return sorted(views, key=lambda view: (METRICS.index(view.metric), view.label))


def _series_label(series: str, sample: StoredClaim) -> str:
    parts = series.split("/")
    kind = "in a window" if "window" in parts else "running total"
    if "increment" in parts:
        kind = "additions"
    return f"{sample.metric} — {sample.subject or parts[0]} ({kind})"


def _repeated_by(db, claim: StoredClaim) -> tuple[str, ...]:
    """Outlets that re-reported the figure after the article it was first seen in."""
    if claim.sources <= 1:
        return ()
    return tuple(source.outlet or source.url or "unknown outlet"
                 for source in claim_store.claim_sources(db, claim.id)
                 if source.article_id != claim.article_id)


def _entry(claim: StoredClaim, repeated_by: tuple[str, ...] = ()) -> HistoryEntry:
    return HistoryEntry(
        figure=claim.figure,
        metric=claim.metric,
        claimant=claim.claimant or "unattributed",
        stated_on=claim.made_on,
        outlet=claim.outlet,
        url=claim.url,
        title=claim.title,
        sources=claim.sources,
        period=claim.period,
        hedge=claim.hedge,
        claim_id=claim.id,
        low=claim.low,
        high=claim.high,
        repeated_by=repeated_by,
    )


def subscribe(db, actor: Actor, topic_text: str, *, digest_hour: int | None = None) -> Reply:
    """Follow a topic: alerts as they happen, or one daily digest at `digest_hour` (UTC)."""
    if not actor.can_manage:
        return Reply(NOT_ALLOWED, ok=False, ephemeral=True)
    topic = find_topic(db, topic_text)
    if topic is None:
        return unknown_topic(db, topic_text)
    if digest_hour is not None and not 0 <= digest_hour <= 23:
        return Reply("The digest hour is 0-23 (UTC).", ok=False, ephemeral=True)
    subscription, created = subscription_store.subscribe(
        db, platform=actor.platform, workspace=actor.workspace, channel=actor.channel,
        topic=topic.key)
    mode = "digest" if digest_hour is not None else "immediate"
    changed = (subscription.mode, subscription.digest_hour) != (mode, digest_hour)
    if changed:
        subscription_store.set_mode(db, subscription.id, mode, digest_hour)
    how = (f"a daily digest at {digest_hour:02d}:00 UTC of every change" if digest_hour
           is not None else "an alert when an estimate changes")
    if subscription.paused:
        subscription_store.set_paused(db, subscription.id, False)
        return Reply(f"Resumed `{topic.key}` here (it was paused: {subscription.paused_reason}"
                     f"). Alerts held meanwhile will be posted now; this channel gets {how}.")
    if not created and not changed:
        return Reply(f"This channel already follows `{topic.key}`.", ephemeral=True)
    return Reply(f"This channel now gets {how} for `{topic.key}` ({topic.name}).")


def unsubscribe(db, actor: Actor, topic_text: str) -> Reply:
    if not actor.can_manage:
        return Reply(NOT_ALLOWED, ok=False, ephemeral=True)
    topic = find_topic(db, topic_text)
    key = topic.key if topic else topic_text.strip()
    removed = subscription_store.unsubscribe(db, platform=actor.platform,
                                             workspace=actor.workspace,
                                             channel=actor.channel, topic=key)
    if not removed:
        return Reply(f"This channel does not follow `{key[:60]}`.", ok=False, ephemeral=True)
    return Reply(f"This channel no longer gets alerts for `{key}`.")


def list_channel_subscriptions(db, actor: Actor) -> Reply:
    subs = subscription_store.channel_subscriptions(db, platform=actor.platform,
                                                    workspace=actor.workspace,
                                                    channel=actor.channel)
    if not subs:
        return Reply("This channel follows no topic. Use subscribe to add one.", ephemeral=True)
    lines = []
    for sub in subs:
        state = f" — PAUSED: {sub.paused_reason}" if sub.paused else ""
        mode = f" (daily digest at {sub.digest_hour:02d}:00 UTC)" if sub.mode == "digest" else ""
        lines.append(f"• `{sub.topic}`{mode}{state}")
    return Reply("This channel follows:\n" + "\n".join(lines), ephemeral=True)


def list_topics(db) -> Reply:
    topics = topic_store.list_topics(db)
    if not topics:
        return Reply("No topics yet. Add one with topics add KEY ALIASES.", ephemeral=True)
    lines = [f"• `{t.key}` — {t.name} (aliases: {', '.join(t.aliases) or 'none'})"
             for t in topics]
    return Reply("\n".join(lines), ephemeral=True)


def add_topic(db, actor: Actor, key: str, aliases: str, name: str = "") -> Reply:
    if not actor.can_manage:
        return Reply(NOT_ALLOWED, ok=False, ephemeral=True)
    key = key.strip().lower()
    if not key or not all(ch.isalnum() or ch in "-_" for ch in key) or len(key) > 40:
        return Reply("A topic key is 1-40 letters, digits, '-' or '_' (e.g. `dprk`).",
                     ok=False, ephemeral=True)
    alias_list = tuple(a.strip() for a in aliases.split(",") if a.strip())
    if not alias_list:
        return Reply("Give at least one alias, comma-separated (e.g. `North Korea, DPRK`).",
                     ok=False, ephemeral=True)
    topic_store.save_topic(db, Topic(key=key, name=name or key, aliases=alias_list))
    return Reply(f"Topic `{key}` saved with aliases: {', '.join(alias_list)}.")


def remove_topic(db, actor: Actor, key: str) -> Reply:
    if not actor.can_manage:
        return Reply(NOT_ALLOWED, ok=False, ephemeral=True)
    if not topic_store.remove_topic(db, key.strip().lower()):
        return unknown_topic(db, key)
    return Reply(f"Topic `{key}` removed, with its subscriptions. Its claim history stays.")


def list_feeds(db) -> Reply:
    """Each feed with its state, last success, last error and next poll."""
    feeds = feed_store.list_feeds(db)
    if not feeds:
        return Reply("No feeds yet. Add one with feeds add URL.", ephemeral=True)
    lines = []
    for feed in feeds:
        state = feed.state if feed.state != "paused" else "PAUSED (resume with feeds resume)"
        line = (f"• {feed.url} — {state}; last success {_moment(feed.last_success)}; "
                f"next poll {_moment(feed.next_poll) if feed.state == 'active' else '-'}")
        if feed.last_error:
            failing = f" ({feed.failures} failures in a row)" if feed.failures else ""
            line += f"\n  last error{failing}: {feed.last_error[:200]}"
        lines.append(line)
    return Reply("\n".join(lines), ephemeral=True)


def _moment(iso: str | None) -> str:
    """ISO UTC text as "2025-06-16 12:00 UTC"; "never" when empty."""
    return f"{iso[:10]} {iso[11:16]} UTC" if iso and len(iso) >= 16 else (iso or "never")


@dataclass(frozen=True)
class EntrySummary:
    """An entry currently in a feed, as `explain_feed` needs it (no network types)."""

    key: str
    fingerprint: str
    title: str
    outlet: str = ""


def explain_feed(db, url: str, *, current: list[EntrySummary] | None = None,
                 fetch_error: str = "", limit: int = 10) -> Reply:
    """Why a feed's recent entries did or did not alert.

    With `current` (the entries in the feed now, from a fresh fetch) each is explained
    from what was stored for it; without, the feed's latest stored articles are.
    """
    from storage.articles import articles_matching, recent_articles

    feed = feed_store.get_feed(db, url.strip())
    if feed is None:
        return Reply(f"No feed with URL {url[:200]}.", ok=False, ephemeral=True)
    lines = [f"{feed.title or feed.url} — {feed.state}; last success "
             f"{_moment(feed.last_success)}"]
    if feed.last_error or fetch_error:
        lines.append(f"Last error: {(fetch_error or feed.last_error)[:200]}")
    if current is None:
        stored = recent_articles(db, feed.id, limit=limit)
        lines += [f"• {row['title'][:120] or '(untitled)'}: {_why(row['outcome'])}"
                  for row in stored] or ["No entries stored yet."]
        return Reply("\n".join(lines), ephemeral=True)
    matches = articles_matching(db, [e.key for e in current], [e.fingerprint for e in current])
    by_key = {match.entry_key: match for match in matches}
    outcomes = _stored_outcomes(db, [match.id for match in matches])
    for entry in current[:limit]:
        lines.append(f"• {entry.title[:120] or '(untitled)'}: "
                     f"{_entry_reason(feed, entry, by_key, matches, outcomes)}")
    if not current:
        lines.append("The feed has no entries right now.")
    return Reply("\n".join(lines), ephemeral=True)


def _entry_reason(feed, entry: EntrySummary, by_key: dict, matches: list,
                  outcomes: dict[int, str]) -> str:
    from handlers.articles import already_seen

    known = by_key.get(entry.key)
    if known and known.fingerprint == entry.fingerprint:
        return _why(outcomes.get(known.id, ""))
    if known:
        return ("edited since it was handled; re-checked on the next poll (only a new "
                "figure alerts)")
    if already_seen(matches, entry.key, entry.fingerprint, feed_id=feed.id,
                    outlet=entry.outlet):
        return "seen before (the same text was already handled, under another id)"
    if feed.state != "active":
        return "not handled yet: the feed is paused"
    return "new: it will be handled on the next poll"


def _stored_outcomes(db, article_ids: list[int]) -> dict[int, str]:
    if not article_ids:
        return {}
    marks = ",".join("?" * len(article_ids))
    rows = db.execute(f"SELECT id, outcome FROM articles WHERE id IN ({marks})", article_ids)
    return {row[0]: row[1] for row in rows}


_WHY = {
    "recorded without alerting": "recorded without alerting (first poll of the feed: its "
                                 "claims went into the history)",
    "no claim found": "no claim found (no casualty figure in the text)",
    "no topic matched": "no topic matched (claims found, but no topic's aliases nearby)",
    "not a change": "not a change (the figure was already known in its series)",
    "no subscriber": "no subscriber (a new figure, but no channel follows its topic)",
    "no text": "no text to read",
}


def _why(outcome: str) -> str:
    if not outcome:
        return "handled, outcome not recorded"
    if outcome.startswith("alerted"):
        return outcome
    prefix, _, rest = outcome.partition(": ")
    if prefix == "edited" and rest:
        return f"edited; {_WHY.get(rest, rest)}"
    return _WHY.get(outcome, outcome)


def remove_feed(db, actor: Actor, url: str) -> Reply:
    if not actor.can_manage:
        return Reply(NOT_ALLOWED, ok=False, ephemeral=True)
    if not feed_store.remove_feed(db, url.strip()):
        return Reply(f"No feed with URL {url[:200]}.", ok=False, ephemeral=True)
    return Reply(f"Feed removed: {url}")

