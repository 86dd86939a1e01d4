"""Alert delivery through slack_sdk's AsyncWebClient to the fake Slack, via `deliver_due`."""

from __future__ import annotations

import json
import socket
from datetime import timedelta

from bot.delivery import deliver_due
from bot.settings import Settings
from bot.slack_app.sender import SlackSender
from handlers.alerts import alert_view
from storage import outbox
from storage.database import to_text
from storage.subscriptions import list_subscriptions, subscribe
from tests.slack.conftest import (
    CHANNEL,
    HANDLED_AT,
    STORIES,
    add_stories,
    run,
    slack_harness,
    slack_settings,
)
from tests.slack.fake_slack import TEAM_ID, FakeSlack

LEASE_END = to_text(HANDLED_AT + timedelta(seconds=60))
AFTER_LEASE = HANDLED_AT + timedelta(seconds=61)


def subscribe_channel(db, channel: str = CHANNEL):
    subscription, _ = subscribe(db, platform="slack", workspace=TEAM_ID, channel=channel,
                                topic="dprk")
    return subscription


async def deliver(db, fake: FakeSlack, *, at=HANDLED_AT):
    sender = SlackSender(slack_settings(fake))
    try:
        return await deliver_due(db, {"slack": sender}, now=lambda: at)
    finally:
        await sender.close()


def test_each_alert_is_posted_with_blocks_metadata_and_no_unfurling(slack_db):
    subscribe_channel(slack_db)
    add_stories(slack_db, STORIES[:2])

    async def scenario():
        async with FakeSlack() as fake:
            report = await deliver(slack_db, fake)
            return report, fake

    report, fake = run(scenario())
    assert report.sent == 2
    posts = fake.calls_to("chat.postMessage")
    assert [p.args["channel"] for p in posts] == [CHANNEL, CHANNEL]
    first = posts[0].args
    assert first["unfurl_links"] is False and first["unfurl_media"] is False
    assert first["metadata"] == {"event_type": "claimwatch_alert",
                                 "event_payload": {"alert_key": outbox.list_alerts(
                                     slack_db)[0].key}}
    body = first["blocks"][1]["text"]["text"]
    assert "*about 100* killed" in body and "*Claimed by:* South Korea" in body
    assert "<https://harbour.example/k1|Harbour Post>" in body
    assert posts[0].headers["Authorization"] == "Bearer xoxb-test-token"
    stored = {a.key: a.external_id for a in outbox.list_alerts(slack_db)}
    assert sorted(stored.values()) == sorted(m["ts"] for m in fake.messages[CHANNEL])


def test_hostile_article_text_is_escaped_in_the_posted_alert(slack_db):
    subscribe_channel(slack_db)
    add_stories(slack_db, [STORIES[0]])
    add_stories(slack_db, [STORIES[3]])  # "<!channel> ... <@U123> <!here>"

    async def scenario():
        async with FakeSlack() as fake:
            await deliver(slack_db, fake)
            return fake.calls_to("chat.postMessage")[-1].args

    posted = run(scenario())
    everything = json.dumps(posted, ensure_ascii=False)
    for ping in ("<!channel>", "<!here>", "<!everyone>", "<@U123>"):
        assert ping not in everything
    assert "&lt;!channel&gt; Spy agency triples its count &amp; &lt;@U123&gt;" in everything
    assert "*Previous:* about 100" in posted["blocks"][1]["text"]["text"]
    assert all(block["text"].get("verbatim") is True
               for block in posted["blocks"] if block["type"] == "section")


def test_a_rate_limit_waits_for_retry_after_then_posts_once(slack_db):
    subscribe_channel(slack_db)
    add_stories(slack_db, [STORIES[0]])

    async def scenario():
        async with FakeSlack() as fake:
            fake.rate_limit_next("chat.postMessage", retry_after=7)
            limited = await deliver(slack_db, fake)
            [alert] = outbox.list_alerts(slack_db)
            too_early = await deliver(slack_db, fake, at=HANDLED_AT + timedelta(seconds=5))
            tries_before_due = len(fake.calls_to("chat.postMessage"))
            later = await deliver(slack_db, fake, at=HANDLED_AT + timedelta(seconds=8))
            return limited, alert, too_early, tries_before_due, later, fake

    limited, alert, too_early, tries_before_due, later, fake = run(scenario())
    assert limited.retried == 1 and limited.sent == 0
    assert alert.next_attempt == "2025-01-20T09:00:07+00:00" and alert.attempts == 0
    assert too_early.sent == 0 and tries_before_due == 1  # Retry-After was honoured
    assert later.sent == 1 and len(fake.calls_to("chat.postMessage")) == 2
    assert len(fake.messages[CHANNEL]) == 1  # exactly one post reached the channel
    assert outbox.list_alerts(slack_db)[0].status == outbox.SENT


def test_a_channel_that_is_gone_pauses_the_subscription_and_says_why(slack_db):
    subscribe_channel(slack_db)
    add_stories(slack_db, [STORIES[0]])

    async def scenario():
        async with slack_harness(slack_db) as slack:
            slack.fake.close_channel(CHANNEL, "channel_not_found")
            report = await deliver(slack_db, slack.fake)
            again = await deliver(slack_db, slack.fake, at=HANDLED_AT + timedelta(hours=1))
            await slack.command("/claimwatch", "subscriptions")
            return report, again, slack.last_response(), slack.fake

    report, again, listing, fake = run(scenario())
    assert report.paused == 1 and again.sent == 0
    assert len(fake.calls_to("chat.postMessage")) == 1  # paused: not tried again
    [subscription] = list_subscriptions(slack_db)
    assert subscription.paused and "channel_not_found" in subscription.paused_reason
    assert "PAUSED" in listing["text"] and "channel_not_found" in listing["text"]
    assert outbox.list_alerts(slack_db)[0].status == outbox.PENDING  # kept for later


def test_not_in_channel_is_gone_too_but_other_errors_are_retried(slack_db):
    subscribe_channel(slack_db)
    add_stories(slack_db, [STORIES[0]])

    async def scenario():
        async with FakeSlack() as fake:
            fake.fail_next("chat.postMessage", "invalid_blocks")
            first = await deliver(slack_db, fake)
            first_error = outbox.list_alerts(slack_db)[0].last_error
            fake.fail_next("chat.postMessage", "not_in_channel")
            second = await deliver(slack_db, fake, at=HANDLED_AT + timedelta(hours=1))
            return first, first_error, second

    first, first_error, second = run(scenario())
    assert first.retried == 1 and first.paused == 0
    assert first_error == "Slack said invalid_blocks"
    assert second.paused == 1
    assert "invite it" in list_subscriptions(slack_db)[0].paused_reason


def test_an_alert_posted_before_a_crash_is_not_posted_again(slack_db):
    subscribe_channel(slack_db)
    add_stories(slack_db, [STORIES[0]])

    async def scenario():
        async with FakeSlack() as fake:
            [alert] = outbox.list_alerts(slack_db)
            assert outbox.mark_sending(slack_db, alert, lease_until=LEASE_END)
            sender = SlackSender(slack_settings(fake))
            first = await sender.send(alert, alert_view(alert))  # posted; then the crash
            report = await deliver(slack_db, fake, at=AFTER_LEASE)
            return first, report, fake

    first, report, fake = run(scenario())
    assert report.sent == 1
    assert len(fake.messages[CHANNEL]) == 1 and len(fake.calls_to("chat.postMessage")) == 1
    [history_call] = fake.calls_to("conversations.history")
    assert history_call.args["include_all_metadata"] in ("1", "true", True)
    assert outbox.list_alerts(slack_db)[0].external_id == first.external_id


def test_a_retried_alert_that_never_reached_slack_is_posted(slack_db):
    subscribe_channel(slack_db)
    add_stories(slack_db, [STORIES[0]])

    async def scenario():
        async with FakeSlack() as fake:
            fake.add_message(CHANNEL, {"text": "someone else's alert", "metadata": {
                "event_type": "claimwatch_alert", "event_payload": {"alert_key": "cw-9-9"}}})
            [alert] = outbox.list_alerts(slack_db)
            assert outbox.mark_sending(slack_db, alert, lease_until=LEASE_END)
            report = await deliver(slack_db, fake, at=AFTER_LEASE)  # crashed before posting
            return report, fake

    report, fake = run(scenario())
    assert report.sent == 1
    assert len(fake.calls_to("chat.postMessage")) == 1 and len(fake.messages[CHANNEL]) == 2


def test_notices_are_escaped_plain_messages(slack_db):
    subscription = subscribe_channel(slack_db)

    async def scenario():
        async with FakeSlack() as fake:
            result = await SlackSender(slack_settings(fake)).send_notice(
                subscription, "Feed <!here> paused after 10 failures & more")
            return result, fake.calls_to("chat.postMessage")[0].args

    result, posted = run(scenario())
    assert result.ok and result.external_id
    assert posted["text"] == "Feed &lt;!here&gt; paused after 10 failures &amp; more"
    assert "metadata" not in posted


def test_urls_in_a_notice_become_links_and_the_rest_stays_escaped(slack_db):
    subscription = subscribe_channel(slack_db)
    text = "Daily digest · dprk\n• killed: about 300 — Night <b>Desk</b> https://n.example/k?a=1&b=2"

    async def scenario():
        async with FakeSlack() as fake:
            await SlackSender(slack_settings(fake)).send_notice(subscription, text)
            return fake.calls_to("chat.postMessage")[0].args["blocks"][0]["text"]["text"]

    shown = run(scenario())
    assert shown.endswith("Night &lt;b&gt;Desk&lt;/b&gt; <https://n.example/k?a=1&amp;b=2|"
                          "https://n.example/k?a=1&amp;b=2>")


def test_an_unreachable_slack_is_an_ordinary_retried_failure(slack_db):
    subscribe_channel(slack_db)
    add_stories(slack_db, [STORIES[0]])
    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    async def scenario():
        sender = SlackSender(Settings(slack_bot_token="xoxb-test",
                                      slack_api_url=f"http://127.0.0.1:{closed_port}/api/"))
        return await deliver_due(slack_db, {"slack": sender}, now=lambda: HANDLED_AT)

    report = run(scenario())
    assert report.retried == 1 and report.paused == 0
    assert outbox.list_alerts(slack_db)[0].last_error.startswith("cannot reach Slack")
