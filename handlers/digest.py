"""Daily digests: one message per digest subscription summarising the day's changes.

A subscription made with `subscribe(..., digest_hour=H)` gets no immediate alerts: the
article handler queues its alerts as held outbox rows, and once a day, at H:00 UTC,
`bot/delivery.py::send_digests` posts the `DigestView` built here and marks the rows
digested. A held row is never dropped: rows a missed digest did not carry go out in the
next one.

    for subscription, view in due_digests(db, now=now):
        text = digest_text(view)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.alerts import AlertView, alert_view
from storage import outbox
from storage.database import to_text
from storage.models import Subscription
from storage.subscriptions import list_subscriptions
from storage.topics import get_topic

MAX_DIGEST_CHARS = 1900  # fits a Discord message and a Slack section
EARLIEST = "0000"


@dataclass(frozen=True)
class DigestView:
    """What one digest says, independent of where it is posted."""

    key: str
    topic: str
    topic_name: str
    window_end: str
    changes: list[AlertView]
    alert_ids: list[int]


def due_digests(db, *, now: datetime) -> list[tuple[Subscription, DigestView]]:
    """The digests whose hour it is (UTC), each with every change held for it."""
    due = []
    for subscription in list_subscriptions(db):
        if subscription.mode != "digest" or subscription.paused:
            continue
        if subscription.digest_hour != now.hour:
            continue
        due.append((subscription, digest_view(db, subscription, now=now)))
    return due


def digest_view(db, subscription: Subscription, *, now: datetime) -> DigestView:
    """Every held change for `subscription`, oldest first (older ones a missed digest left
    behind included, so nothing is lost)."""
    held = [alert for alert in outbox.held_alerts(db, subscription.id, since=EARLIEST)
            if alert.created <= to_text(now)]
    topic = get_topic(db, subscription.topic)
    return DigestView(
        key=f"digest-{subscription.id}-{now:%Y-%m-%d}",
        topic=subscription.topic,
        topic_name=topic.name if topic else subscription.topic,
        window_end=f"{now:%-d %b %Y %H:%M} UTC",
        changes=[alert_view(alert) for alert in held],
        alert_ids=[alert.id for alert in held],
    )


def digest_text(view: DigestView) -> str:
    """Plain text, one line per change, shortened to fit every platform."""
    head = f"Daily digest · {view.topic} ({view.topic_name}) · 24 h to {view.window_end}"
    if not view.changes:
        return f"{head}\nNo estimate changed. (`/claims {view.topic}` shows the history.)"
    count = len(view.changes)
    lines = [head, f"{count} change{'s' if count != 1 else ''}:"]
    used = sum(len(line) + 1 for line in lines)
    for index, change in enumerate(view.changes):
        line = _change_line(change)
        rest = count - index
        if used + len(line) + 1 > MAX_DIGEST_CHARS - 60:
            lines.append(f"… and {rest} more: `/claims {view.topic}` shows them all.")
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)


def _change_line(change: AlertView) -> str:
    window = f" ({change.period})" if change.period else ""
    where = f" — {change.outlet}" if change.outlet else ""
    link = f" {change.url}" if change.url else ""
    return _short(f"• {change.metric}{window}: {change.comparison}{where}{link}", 400)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
