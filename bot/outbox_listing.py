"""`claimwatch alerts`: the outbox as rows a person or a script can read."""

from __future__ import annotations

from handlers.alerts import describe_claim
from storage.outbox import list_alerts


def outbox_rows(db) -> list[dict]:
    """Oldest first; each row says what was decided, for whom, and whether it went out."""
    rows = []
    for alert in list_alerts(db):
        claim, sub = alert.claim, alert.subscription
        workspace = f"{sub.workspace}/" if sub.workspace else ""
        rows.append({
            "id": alert.id,
            "key": alert.key,
            "topic": claim.topic,
            "metric": claim.metric,
            "figure": claim.figure,
            "low": claim.low,
            "high": claim.high,
            "qualifier": claim.qualifier,
            "period": claim.period,
            "claimant": claim.claimant,
            "stated_on": claim.made_on,
            "article_id": claim.article_id,
            "outlet": claim.outlet,
            "url": claim.url,
            "destination": f"{sub.platform}:{workspace}{sub.channel}",
            "status": alert.status if not sub.paused else f"{alert.status} (subscription paused)",
            "attempts": alert.attempts,
            "last_error": alert.last_error,
            "previous": describe_claim(alert.previous) if alert.previous else None,
        })
    return rows


def print_outbox(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="alerts (oldest first)", title_justify="left")
    for column in ("#", "topic", "metric", "figure", "claimant", "previous", "to", "status"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["id"]), row["topic"], row["metric"], Text(row["figure"]),
                      Text(row["claimant"] or "unattributed"), Text(row["previous"] or "—"),
                      row["destination"], row["status"])
    Console(highlight=False).print(table)
