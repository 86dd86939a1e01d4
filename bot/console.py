"""The console channel: alerts and command replies rendered for a terminal with rich.

Article text is only ever put into `rich.text.Text` objects, never parsed as markup, so
"[bold]" or escape sequences in a headline print as they are.
"""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.delivery import SendResult
from handlers.alerts import AlertView, human_date
from handlers.commands import ClaimsReply, Reply
from storage.models import OutboxAlert, Subscription

CONSOLE_CHANNEL = "stdout"


class ConsoleSender:
    """Delivers console subscriptions by printing each alert as a panel."""

    platform = "console"

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(highlight=False)

    async def send(self, alert: OutboxAlert, view: AlertView) -> SendResult:
        self.console.print(alert_panel(view))
        return SendResult(True, external_id=f"console-{alert.id}")

    async def send_notice(self, subscription: Subscription, text: str) -> SendResult:
        self.console.print(Panel(Text(text), title=Text(f"notice · {subscription.topic}"),
                                 title_align="left", border_style="yellow"))
        return SendResult(True)


def alert_panel(view: AlertView) -> Panel:
    body = Text()
    body.append(f"{view.figure}", style="bold")
    body.append(f" {view.metric}")
    if view.subject:
        body.append(f" — {view.subject}")
    body.append("\n")
    body.append("Claimed by: ", style="dim")
    body.append(view.claimant)
    if view.hedge:
        body.append(f" ({view.hedge})", style="italic")
    body.append(f", {view.stated_on}\n")
    body.append("Previous:   ", style="dim")
    body.append(f"{view.previous} — {view.change}\n" if view.previous else f"{view.change}\n")
    body.append("Source:     ", style="dim")
    body.append(f"{view.outlet or 'unknown outlet'}, {view.published or 'undated'}\n")
    body.append(view.title[:200] + "\n")
    body.append(view.url, style="underline")
    return Panel(body, title=Text(view.headline), title_align="left", border_style="red")


def render_reply(reply: Reply | ClaimsReply, console: Console) -> None:
    if isinstance(reply, ClaimsReply):
        console.print(claims_table(reply))
        return
    console.print(Text(reply.text, style="" if reply.ok else "red"))


def claims_table(reply: ClaimsReply) -> Table:
    table = Table(title=Text(f"{reply.topic.key} — {reply.topic.name}"), show_lines=False,
                  title_justify="left")
    for column in ("series", "figure", "claimant", "stated", "source", "repeated by"):
        table.add_column(column)
    if not reply.series:
        table.add_row("no claims yet", "", "", "", "", "")
    for view in reply.series:
        for index, entry in enumerate(view.history):
            current = entry.claim_id == view.current.claim_id
            label = Text(view.label if index == 0 else "", style="bold")
            figure = Text(entry.figure + (" ◀ current" if current else ""),
                          style="bold" if current else "")
            source = Text(f"{entry.outlet or 'unknown'}\n{entry.url}")
            table.add_row(label, figure, Text(entry.claimant), human_date(entry.stated_on),
                          source, str(max(entry.sources - 1, 0)))
    return table
