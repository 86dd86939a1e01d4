"""The console adapter prints article text as text: no markup, no terminal control."""

import io

from rich.console import Console

from bot.console import alert_panel, render_reply
from handlers.alerts import AlertView
from handlers.commands import Reply

HOSTILE = "Toll \x1b[2J\x1b[31mrises [bold red]to 9[/bold red] @everyone \x07"


def _printed(renderable) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=200, force_terminal=False).print(renderable)
    return buffer.getvalue()


def test_an_alert_from_a_hostile_article_prints_as_plain_text():
    view = AlertView(key="cw-1-1", topic="quake", metric="killed", figure="9",
                     subject="people", claimant=HOSTILE, period="", hedge="",
                     stated_on="1 Jan 2025", outlet=HOSTILE, published="1 Jan 2025",
                     url="https://news.example/1", title=HOSTILE, evidence=HOSTILE,
                     previous="", change="first estimate")

    printed = _printed(alert_panel(view))

    assert "\x1b" not in printed and "\x07" not in printed
    assert "[bold red]to 9[/bold red] @everyone" in printed


def test_replies_are_cleaned_too():
    buffer = io.StringIO()
    render_reply(Reply(HOSTILE), Console(file=buffer, width=200, force_terminal=False))
    assert "\x1b" not in buffer.getvalue() and "rises [bold red]" in buffer.getvalue()
