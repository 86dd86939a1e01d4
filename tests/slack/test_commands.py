"""Slash commands and page buttons, signed and dispatched through slack-bolt itself."""

from __future__ import annotations

import json
import logging
import time
from datetime import date

from slack_bolt.request.async_request import AsyncBoltRequest

from bot.slack_app.blocks import NEXT_PAGE_ACTION
from bot.slack_app.listeners import ERROR_TEXT
from handlers.commands import NOT_ALLOWED
from handlers.models import Article
from storage.subscriptions import channel_subscriptions
from storage.topics import get_topic
from tests.slack.conftest import (
    CHANNEL,
    add_stories,
    run,
    sign,
    slack_harness,
    slash_command_body,
)
from tests.slack.fake_slack import TEAM_ID


def all_text(message: dict) -> str:
    return json.dumps(message.get("blocks", []), ensure_ascii=False) + message.get("text", "")


def test_a_bad_signature_is_refused_with_401_and_nothing_runs(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            body = slash_command_body(slack.fake, "/claims", "dprk")
            forged = sign(body, secret="not-the-secret")
            response = await slack.app.async_dispatch(AsyncBoltRequest(body=body,
                                                                       headers=forged))
            return response, slack.fake

    response, fake = run(scenario())
    assert response.status == 401
    assert fake.responses == [] and fake.calls_to("auth.test") == []


def test_a_stale_signature_is_refused_even_when_correctly_computed(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            body = slash_command_body(slack.fake, "/claims", "dprk")
            old = sign(body, timestamp=int(time.time()) - 600)  # Slack allows 5 minutes
            response = await slack.app.async_dispatch(AsyncBoltRequest(body=body, headers=old))
            return response, slack.fake.responses

    response, responses = run(scenario())
    assert response.status == 401 and responses == []


def test_claims_answers_with_current_estimates_then_history_newest_first(slack_db):
    add_stories(slack_db)

    async def scenario():
        async with slack_harness(slack_db) as slack:
            response = await slack.command("/claims", "North Korea")
            return response, slack.last_response(), slack.fake

    response, message, fake = run(scenario())
    assert response.status == 200
    assert len(fake.calls_to("auth.test")) == 1  # Bolt checks the token on first use
    assert message["response_type"] == "in_channel"
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert sections[0].startswith("*Current estimates*")
    assert "*about 300*" in sections[0] and "*more than 3,000*" in sections[0]
    history = sections[1:]
    assert [s.split("*")[1] for s in history] == ["about 300", "more than 3,000", "about 100"]
    zelenskyy = history[1]
    assert "First reported 23 Dec 2024" in zelenskyy
    assert "<https://lantern.example/k2|Daily Lantern>" in zelenskyy
    assert "repeated by 1 other source" in zelenskyy and "Evening Wire" in zelenskyy
    assert "repeated by 0 other sources" in history[2]


def test_article_text_in_claims_is_escaped_so_it_cannot_ping(slack_db):
    add_stories(slack_db)

    async def scenario():
        async with slack_harness(slack_db) as slack:
            await slack.command("/claims", "dprk killed")
            return slack.last_response()

    text = all_text(run(scenario()))
    assert "Night &lt;b&gt;Desk&lt;/b&gt;" in text
    assert "https://night.example/k4?a=1&amp;b=2" in text
    for ping in ("<!channel>", "<!here>", "<!everyone>", "<@U123>"):
        assert ping not in text


def test_an_unknown_topic_gets_an_ephemeral_hint(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            await slack.command("/claims", "dprkk")
            return slack.last_response()

    message = run(scenario())
    assert message["response_type"] == "ephemeral"
    assert "Unknown topic `dprkk`" in message["text"] and "Did you mean `dprk`" in message["text"]


def test_pagination_buttons_page_through_the_history(slack_db):
    add_stories(slack_db, [_numbered_story(day) for day in range(1, 13)])

    async def scenario():
        async with slack_harness(slack_db) as slack:
            await slack.command("/claims", "dprk")
            first = slack.last_response()
            older = next(b for b in first["blocks"] if b["type"] == "actions")["elements"][0]
            response = await slack.click(older["action_id"], older["value"])
            return first, older, response, slack.last_response()

    first, older, response, second = run(scenario())
    assert older["action_id"] == NEXT_PAGE_ACTION
    assert response.status == 200
    assert second["replace_original"] is True and second["_url_name"] == "page"
    assert "Page 1 of 2" in all_text(first) and "Page 2 of 2" in all_text(second)
    first_figures = _history_figures(first)
    second_figures = _history_figures(second)
    assert len(first_figures) == 8 and len(second_figures) == 4
    assert not set(first_figures) & set(second_figures)
    buttons = next(b for b in second["blocks"] if b["type"] == "actions")["elements"]
    assert [b["text"]["text"] for b in buttons] == ["◀ Newer"]


def test_a_reader_may_not_subscribe_and_is_told_privately(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            await slack.command("/claimwatch", "subscribe dprk", user="U0READER")
            return slack.last_response(), slack.fake

    message, fake = run(scenario())
    assert message["response_type"] == "ephemeral"
    assert NOT_ALLOWED in message["text"]
    assert channel_subscriptions(slack_db, platform="slack", workspace=TEAM_ID,
                                 channel=CHANNEL) == []
    assert fake.calls_to("users.info")[0].args["user"] == "U0READER"
    assert fake.calls_to("usergroups.users.list")  # the admin group was checked too


def test_a_member_of_the_admin_group_subscribes_with_a_digest_hour(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            await slack.command("/claimwatch", "subscribe North Korea digest 7", user="U0EDITOR")
            return slack.last_response()

    message = run(scenario())
    assert message["response_type"] == "in_channel"
    assert "daily digest at 07:00 UTC" in message["text"]
    [subscription] = channel_subscriptions(slack_db, platform="slack", workspace=TEAM_ID,
                                           channel=CHANNEL)
    assert (subscription.topic, subscription.mode, subscription.digest_hour) == ("dprk",
                                                                                "digest", 7)


def test_a_workspace_admin_adds_and_lists_topics(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            await slack.command("/claimwatch", "topics add sudan Sudan, El Fasher, RSF")
            added = slack.last_response()
            await slack.command("/claimwatch", "topics list", user="U0READER")
            return added, slack.last_response(), slack.fake

    added, listed, fake = run(scenario())
    assert "Topic `sudan` saved" in added["text"]
    assert get_topic(slack_db, "sudan").aliases == ("Sudan", "El Fasher", "RSF")
    assert "`sudan`" in listed["text"] and listed["response_type"] == "ephemeral"
    assert fake.calls_to("usergroups.list") == []  # listing needs no permission reading


def test_help_and_malformed_commands_explain_the_scheme(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            await slack.command("/claimwatch", "")
            help_reply = slack.last_response()
            await slack.command("/claimwatch", "subscribe dprk digest noon")
            return help_reply, slack.last_response(), slack.fake

    help_reply, malformed, fake = run(scenario())
    assert "/claimwatch subscribe TOPIC [digest HOUR]" in help_reply["text"]
    assert malformed["response_type"] == "ephemeral" and "HOUR 0-23" in malformed["text"]
    assert fake.calls_to("users.info") == []  # nothing to check for a malformed command


def test_a_failing_listener_gets_one_consistent_message_and_a_logged_traceback(slack_db,
                                                                               caplog):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            slack.fake.fail_next("users.info", "fatal_error")
            await slack.command("/claimwatch", "unsubscribe dprk")
            return slack.last_response()

    with caplog.at_level(logging.ERROR, logger="bot.slack_app.listeners"):
        message = run(scenario())
    assert message["text"] == ERROR_TEXT and message["response_type"] == "ephemeral"
    [record] = [r for r in caplog.records if r.name == "bot.slack_app.listeners"]
    assert record.exc_info and "fatal_error" in str(record.exc_info[1])
    assert "Slack /claimwatch failed" in record.getMessage()


def _numbered_story(day: int) -> Article:
    return Article(f"n{day}", f"Update {day} on North Korean losses",
                   f"South Korea's spy agency said that about {day * 100 + 50} North Korean "
                   f"soldiers had been killed in Kursk.",
                   date(2025, 2, day), "Harbour Post", f"https://harbour.example/n{day}")


def _history_figures(message: dict) -> list[str]:
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    return [s.split("*")[1] for s in sections[1:]]


def test_claims_chart_is_uploaded_to_the_channel_as_a_png(slack_db):
    add_stories(slack_db)

    async def scenario():
        async with slack_harness(slack_db) as slack:
            await slack.command("/claims", "dprk chart")
            return slack.fake

    fake = run(scenario())
    assert fake.responses[0]["response_type"] == "in_channel"  # the history comes first
    [requested] = fake.calls_to("files.getUploadURLExternal")
    assert requested.args["filename"] == "claims-dprk.png"
    [upload] = fake.uploads
    assert b"\x89PNG\r\n\x1a\n" in upload
    [completed] = fake.calls_to("files.completeUploadExternal")
    assert completed.args["channel_id"] == CHANNEL


def test_a_chart_that_cannot_be_posted_is_explained_privately(slack_db):
    add_stories(slack_db)

    async def scenario():
        async with slack_harness(slack_db) as slack:
            slack.fake.close_channel(CHANNEL, "not_in_channel")
            await slack.command("/claims", "dprk chart")
            return slack.last_response()

    message = run(scenario())
    assert message["response_type"] == "ephemeral" and "not_in_channel" in message["text"]


def test_feeds_add_checks_the_feed_and_is_refused_to_readers(slack_db):
    from aiohttp import web

    from bot.demo import SAMPLES
    from storage.feeds import list_feeds

    feed_requests = []

    async def feed(request):
        feed_requests.append(request.path)
        return web.Response(body=(SAMPLES / "dprk-feed.xml").read_bytes(),
                            content_type="application/rss+xml")

    async def scenario():
        server = web.Application()
        server.router.add_get("/feed.xml", feed)
        runner = web.AppRunner(server)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/feed.xml"
        try:
            async with slack_harness(slack_db) as slack:
                await slack.command("/claimwatch", f"feeds add {url}", user="U0READER")
                refused = slack.last_response()
                requests_when_refused = len(feed_requests)
                await slack.command("/claimwatch", f"feeds add <{url}>", user="U0ADMIN")
                return refused, requests_when_refused, slack.last_response(), url
        finally:
            await runner.cleanup()

    refused, requests_when_refused, added, url = run(scenario())
    assert NOT_ALLOWED in refused["text"] and requests_when_refused == 0
    assert added["text"].startswith(f"Watching {url}")
    assert [f.url for f in list_feeds(slack_db)] == [url]


def test_feeds_resume_needs_permission_and_explain_answers_anyone(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            answers = []
            for user, text in (("U0READER", "feeds resume https://gone.example/rss"),
                               ("U0ADMIN", "feeds resume https://gone.example/rss"),
                               ("U0READER", "feeds explain https://gone.example/rss")):
                await slack.command("/claimwatch", text, user=user)
                answers.append(slack.last_response()["text"])
            return answers

    refused, resumed, explained = run(scenario())
    assert NOT_ALLOWED in refused
    assert resumed == explained == "No feed with URL https://gone.example/rss."
