"""The console channel: alerts and command replies rendered for a terminal with rich.

Article text is only ever put into `rich.text.Text` objects, never parsed as markup, so
"[bold]" or escape sequences in a headline print as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from bot.delivery import SendResult
from handlers.alerts import AlertView, human_date
from handlers.commands import ClaimsReply, Reply
from storage.models import OutboxAlert, Subscription

CONSOLE_CHANNEL = "stdout"
# C0/C1 control characters but newline and tab: rich drops some, but not ESC, so an
# article could otherwise move the cursor or clear the operator's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    return _CONTROL.sub("", text)


class ConsoleSender:
    """Delivers console subscriptions by printing each alert as a panel."""

    platform = "console"

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(highlight=False)

    async def send(self, alert: OutboxAlert, view: AlertView) -> SendResult:
        self.console.print(alert_panel(view))
        return SendResult(True, external_id=f"console-{alert.id}")

    async def send_notice(self, subscription: Subscription, text: str) -> SendResult:
        self.console.print(Panel(Text(terminal_safe(text)),
                                 title=Text(f"notice · {subscription.topic}"),
                                 title_align="left", border_style="yellow"))
        return SendResult(True)


def alert_panel(view: AlertView) -> Panel:
    view = replace(view, **{name: terminal_safe(value) for name, value in vars(view).items()
                            if isinstance(value, str)})
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
    if view.evidence:
        body.append("Quote:      ", style="dim")
        body.append(f"“{view.evidence[:300]}”\n", style="italic")
    body.append("Source:     ", style="dim")
    body.append(f"{view.outlet or 'unknown outlet'}, {view.published or 'undated'}\n")
    body.append(view.title[:200] + "\n")
    body.append(view.url, style="underline")
    return Panel(body, title=Text(view.headline), title_align="left", border_style="red")


def render_reply(reply: Reply | ClaimsReply, console: Console) -> None:
    if isinstance(reply, ClaimsReply):
        console.print(claims_table(reply))
        return
    console.print(Text(terminal_safe(reply.text), style="" if reply.ok else "red"))


def claims_table(reply: ClaimsReply) -> Group:
    """Per series: a heading, then each figure (current first) with its claimant and sources."""
    blocks: list = [Text(f"{reply.topic.key} — {reply.topic.name}", style="bold underline")]
    if not reply.series:
        blocks.append(Text("No claims recorded for this topic yet."))
    for view in reply.series:
        blocks.append(Text(f"\n{view.label}", style="bold"))
        for entry in view.history:
            entry = replace(entry, **{name: terminal_safe(value) for name, value in
                                      vars(entry).items() if isinstance(value, str)})
            current = entry.claim_id == view.current.claim_id
            line = Text("  ◀ " if current else "    ", style="bold red" if current else "")
            line.append(entry.figure, style="bold" if current else "")
            if entry.period:
                line.append(f" ({entry.period})")
            line.append(f" — {entry.claimant}, {human_date(entry.stated_on)}")
            line.append(f"\n      {entry.outlet or 'unknown outlet'}", style="dim")
            if entry.repeated_by:
                line.append(f"; repeated by {', '.join(entry.repeated_by)}", style="dim")
            if entry.url:
                line.append(f"\n      {entry.url}", style="dim underline")
            blocks.append(line)
    return Group(*blocks)
