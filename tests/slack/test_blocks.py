"""Block Kit rendering and command parsing: plain data in, plain data out (no Slack)."""

from __future__ import annotations

import json
import re

import pytest

from bot.slack_app.blocks import (
    HEADER_LIMIT,
    MAX_BLOCKS,
    SECTION_LIMIT,
    alert_message,
    claims_message,
    escape,
    fit,
    link,
    parse_page_value,
    reply_message,
)
from bot.slack_app.parsing import ClaimsQuery, parse_claims, parse_claimwatch
from handlers.alerts import AlertView
from handlers.commands import ClaimsReply, HistoryEntry, Reply, SeriesView
from storage.models import Topic

HUGE = "<!channel> " + "x" * 6000 + " & <@U123>"


def entry(number: int, text: str = "") -> HistoryEntry:
    return HistoryEntry(figure=f"about {number}{text}", metric="killed",
                        claimant=f"Ministry {text}", stated_on=f"2025-01-{number % 28 + 1:02d}",
                        outlet=f"Outlet {text}", url=f"https://example.org/{number}?q={text}",
                        title=text, sources=2, period="", hedge=text, claim_id=number)


def huge_reply(series: int = 30, per_series: int = 10) -> ClaimsReply:
    views = []
    for s in range(series):
        history = [entry(s * 100 + n, HUGE) for n in range(per_series)]
        views.append(SeriesView(label=f"killed — group {s} {HUGE}", metric="killed",
                                current=history[0], history=history))
    return ClaimsReply(topic=Topic("dprk", "North Korea " + HUGE), series=views,
                       total_claims=series * per_series)


def texts(message: dict) -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message["blocks"])
    return found


def test_escape_neutralises_every_slack_control_sequence():
    assert escape("<!here> & <@U1|bob>") == "&lt;!here&gt; &amp; &lt;@U1|bob&gt;"


@pytest.mark.parametrize("url, expected", [
    ("https://a.example/x?y=1&z=2", "<https://a.example/x?y=1&amp;z=2|Outlet>"),
    ("https://a.example/a|b>c d", "<https://a.example/a%7Cb%3Ec%20d|Outlet>"),
    ("javascript:alert(1)", "Outlet"),
    ("", "Outlet"),
])
def test_links_are_only_made_from_http_urls_and_cannot_break_out(url, expected):
    assert link(url, "Outlet") == expected


def test_fit_never_leaves_half_an_entity_or_half_a_link():
    assert fit("a" * 10 + "&amp;b", 13) == "a" * 10 + "…"
    assert fit("a" * 5 + "<https://x.example|x>", 12) == "a" * 5 + "…"
    assert fit("short", 100) == "short"


def test_a_huge_history_stays_within_block_kit_limits():
    message = claims_message(huge_reply(), page=3)
    assert len(message["blocks"]) <= MAX_BLOCKS
    assert all(len(text) <= SECTION_LIMIT for text in texts(message))
    assert len(message["blocks"][0]["text"]["text"]) <= HEADER_LIMIT
    assert "<!channel>" not in json.dumps(message) and "<@U123>" not in json.dumps(message)
    assert re.search(r"…and \d+ more series", message["blocks"][1]["text"]["text"])
    buttons = message["blocks"][-1]["elements"]
    assert [parse_page_value(b["value"]) for b in buttons] == [("dprk", None, 2),
                                                               ("dprk", None, 4)]


def test_a_huge_alert_stays_within_limits_and_cannot_ping():
    view = AlertView(key="cw-1-1", topic="dprk", metric="killed", figure=HUGE, subject=HUGE,
                     claimant=HUGE, period=HUGE, hedge=HUGE, stated_on="1 Jan 2025",
                     outlet=HUGE, published="2 Jan 2025", url="https://x.example/" + HUGE,
                     title=HUGE, evidence=HUGE, previous=HUGE, change="up ×3")
    message = alert_message(view)
    assert all(len(text) <= SECTION_LIMIT for text in texts(message))
    assert len(message["text"]) <= SECTION_LIMIT
    assert len(message["blocks"][0]["text"]["text"]) <= HEADER_LIMIT
    for ping in ("<!channel>", "<@U123>"):
        assert ping not in json.dumps(message)
    assert message["metadata"]["event_payload"] == {"alert_key": "cw-1-1"}


def test_replies_keep_their_privacy_and_escape_what_users_typed():
    private = reply_message(Reply("Unknown topic `<!here>`.", ok=False, ephemeral=True))
    public = reply_message(Reply("This channel now gets alerts."))
    assert private["response_type"] == "ephemeral" and public["response_type"] == "in_channel"
    assert private["text"] == "Unknown topic `&lt;!here&gt;`."


def test_malformed_page_values_are_ignored():
    assert parse_page_value("not json") is None
    assert parse_page_value('{"topic": "dprk"}') is None
    assert parse_page_value('{"topic": "dprk", "metric": "killed", "page": 2}') == (
        "dprk", "killed", 2)


@pytest.mark.parametrize("text, expected", [
    ("dprk", ClaimsQuery("dprk")),
    ("North Korea killed", ClaimsQuery("North Korea", "killed")),
    ("dprk wounded chart", ClaimsQuery("dprk", "wounded", chart=True)),
    ("killed", ClaimsQuery("killed")),  # a lone word is a topic, not a metric
    ("   ", None),
])
def test_claims_text(text, expected):
    assert parse_claims(text) == expected


@pytest.mark.parametrize("text, action, argument, extra", [
    ("", "help", "", None),
    ("subscribe North Korea", "subscribe", "North Korea", None),
    ("subscribe dprk digest 7", "subscribe", "dprk", 7),
    ("unsubscribe dprk", "unsubscribe", "dprk", None),
    ("subscriptions", "subscriptions", "", None),
    ("topics", "topics list", "", None),
    ("topics add sudan Sudan, RSF", "topics add", "sudan", "Sudan, RSF"),
    ("topics remove sudan", "topics remove", "sudan", None),
    ("feeds add <https://f.example/rss|f.example/rss>", "feeds add", "https://f.example/rss",
     None),
    ("feeds remove https://f.example/rss", "feeds remove", "https://f.example/rss", None),
])
def test_claimwatch_text(text, action, argument, extra):
    command = parse_claimwatch(text)
    assert (command.action, command.argument, command.usage) == (action, argument, "")
    if extra is not None:
        assert extra in (command.digest_hour, command.aliases)


@pytest.mark.parametrize("text", ["subscribe", "subscribe dprk digest noon", "topics add x",
                                  "feeds add", "frobnicate"])
def test_malformed_claimwatch_text_carries_a_usage_line(text):
    assert parse_claimwatch(text).usage
