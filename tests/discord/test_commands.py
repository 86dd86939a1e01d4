"""Slash commands: raw INTERACTION_CREATE payloads through discord.py's own parsing and
command tree, answered through discord.py's HTTP to the fake Discord API."""

from __future__ import annotations

from datetime import date, timedelta

from aiohttp import web

from bot.delivery import deliver_due
from bot.discord_app.sender import DiscordSender
from handlers.models import Article
from storage.feeds import add_feed, get_feed, list_feeds, pause_feed
from storage.models import Topic
from storage.subscriptions import list_subscriptions
from storage.topics import get_topic, save_topic
from tests.discord.conftest import HANDLED_AT, STORIES, add_story, settings_for
from tests.discord.fake_discord import (
    CHANNEL_ID,
    GUILD_ID,
    MANAGE_GUILD,
    READ_ONLY_PERMISSIONS,
    button_interaction,
    command_interaction,
    forbidden,
    option,
)
from tests.discord.harness import MANAGER_ROLE_ID, with_harness
from tests.feeds.server import FeedServer

EPHEMERAL = 64
MANAGER = READ_ONLY_PERMISSIONS | MANAGE_GUILD


def slash(name, options=None, **kwargs):
    return command_interaction(name, options, command_guild_id=GUILD_ID, **kwargs)


def is_ephemeral(callback) -> bool:
    return bool(callback.json["data"].get("flags", 0) & EPHEMERAL)


def test_commands_are_registered_to_the_configured_guild(discord_db):
    async def scenario(harness):
        return harness.fake.find(lambda r: r.method == "PUT")

    [registration] = with_harness(discord_db, scenario)
    assert registration.path == f"/applications/1100000000000000001/guilds/{GUILD_ID}/commands"
    commands = {command["name"]: command for command in registration.json}
    assert set(commands) == {"claims", "subscribe", "unsubscribe", "subscriptions", "topics",
                             "feeds"}
    topic_option = commands["claims"]["options"][0]
    assert topic_option["name"] == "topic" and topic_option["autocomplete"] is True
    assert {o["name"] for o in commands["feeds"]["options"]} == {
        "add", "list", "remove", "resume", "explain"}
    assert all(command["description"] for command in registration.json)


def test_claims_shows_current_estimates_then_history_with_sources(discord_db):
    for story in STORIES:
        add_story(discord_db, story)

    async def scenario(harness):
        return await harness.command(slash("claims", [option("topic", "DPRK")]))

    callback = with_harness(discord_db, scenario)
    assert callback.query == {"with_response": "1"}
    assert callback.json["type"] == 4 and not is_ephemeral(callback)
    assert callback.json["data"]["allowed_mentions"] == {"parse": []}
    [embed] = callback.json["data"]["embeds"]
    current, history = embed["description"].split("History")
    assert "**about 300**" in current and "**more than 3,000**" in current
    assert [field["name"] for field in embed["fields"]] == [
        "about 300 killed", "more than 3,000 casualties", "about 100 killed"]
    zelenskyy = embed["fields"][1]["value"]
    assert "Zelenskyy" in zelenskyy and "first reported" in zelenskyy
    assert "[Daily Lantern](https://lantern.example/s2)" in zelenskyy
    assert "repeated by 1 other source" in zelenskyy  # s3 repeated it
    assert "components" not in callback.json["data"]  # one page: no buttons


def test_long_histories_page_with_buttons(discord_db):
    start = date(2025, 1, 6)
    for day in range(9):
        add_story(discord_db, Article(
            f"p{day}", f"Update {day}",
            f"South Korea's spy agency said {100 + 50 * day} North Korean soldiers had been "
            "killed in Kursk.",
            start + timedelta(days=day), "Harbour Post", f"https://harbour.example/p{day}"))

    async def scenario(harness):
        first = await harness.command(slash("claims", [option("topic", "dprk")]))
        message = first.answer["resource"]["message"]
        older = message["components"][0]["components"][1]
        click = button_interaction(older["custom_id"], message)
        second = await harness.command(click)
        return first, second

    first, second = with_harness(discord_db, scenario)
    page_one = first.json["data"]
    buttons = page_one["components"][0]["components"]
    assert [b["label"] for b in buttons] == ["◀ Newer", "Older ▶"]
    assert buttons[0].get("disabled") is True and not buttons[1].get("disabled")
    assert page_one["embeds"][0]["footer"]["text"].startswith("Page 1/2")
    assert page_one["embeds"][0]["fields"][0]["name"].startswith("500")  # newest first
    assert second.json["type"] == 7  # UPDATE_MESSAGE: the same message, next page
    page_two = second.json["data"]
    assert page_two["embeds"][0]["footer"]["text"].startswith("Page 2/2")
    assert [f["name"].split()[0] for f in page_two["embeds"][0]["fields"]] == [
        "200", "150", "100"]
    assert page_two["allowed_mentions"] == {"parse": []}


def test_an_unknown_topic_is_an_ephemeral_error_with_a_suggestion(discord_db):
    async def scenario(harness):
        return await harness.command(slash("claims", [option("topic", "dprkk")]))

    callback = with_harness(discord_db, scenario)
    assert is_ephemeral(callback)
    content = callback.json["data"]["content"]
    assert "Unknown topic `dprkk`" in content and "Did you mean `dprk`?" in content


def test_a_bad_since_date_is_explained(discord_db):
    async def scenario(harness):
        return await harness.command(slash("claims", [option("topic", "dprk"),
                                                      option("since", "last week")]))

    callback = with_harness(discord_db, scenario)
    assert is_ephemeral(callback)
    assert "`since` is a date like 2024-12-01, not `last week`" in \
        callback.json["data"]["content"]


def test_members_without_manage_server_are_refused_and_told_why(discord_db):
    async def scenario(harness):
        return await harness.command(slash("subscribe", [option("topic", "dprk")]))

    callback = with_harness(discord_db, scenario)
    assert is_ephemeral(callback)
    assert "Only server managers" in callback.json["data"]["content"]
    assert list_subscriptions(discord_db) == []


def test_the_manager_role_may_manage_without_manage_server(discord_db):
    async def scenario(harness):
        return await harness.command(slash("subscribe", [option("topic", "dprk")],
                                           roles=[MANAGER_ROLE_ID]))

    callback = with_harness(discord_db, scenario)
    assert not is_ephemeral(callback)
    assert "now gets an alert" in callback.json["data"]["content"]
    [subscription] = list_subscriptions(discord_db)
    assert (subscription.platform, subscription.workspace, subscription.channel) == (
        "discord", str(GUILD_ID), str(CHANNEL_ID))


def test_subscribe_then_subscriptions_lists_the_topic_and_digest(discord_db):
    async def scenario(harness):
        subscribed = await harness.command(slash(
            "subscribe", [option("topic", "dprk"), option("digest_hour", 7, kind=4)],
            permissions=MANAGER))
        listed = await harness.command(slash("subscriptions"))
        return subscribed, listed

    subscribed, listed = with_harness(discord_db, scenario)
    assert "daily digest at 07:00 UTC" in subscribed.json["data"]["content"]
    assert is_ephemeral(listed)
    assert "`dprk` (daily digest at 07:00 UTC)" in listed.json["data"]["content"]


def test_unsubscribe_stops_alerts(discord_db):
    async def scenario(harness):
        await harness.command(slash("subscribe", [option("topic", "dprk")],
                                    permissions=MANAGER))
        return await harness.command(slash("unsubscribe", [option("topic", "dprk")],
                                           permissions=MANAGER))

    callback = with_harness(discord_db, scenario)
    assert "no longer gets alerts for `dprk`" in callback.json["data"]["content"]
    assert list_subscriptions(discord_db) == []


def test_topics_add_list_and_remove(discord_db):
    async def scenario(harness):
        added = await harness.command(slash(
            "topics", [option("key", "sudan"), option("aliases", "Sudan, El Fasher, @everyone")],
            subcommand="add", permissions=MANAGER))
        listed = await harness.command(slash("topics", subcommand="list"))
        removed = await harness.command(slash("topics", [option("key", "quake")],
                                              subcommand="remove", permissions=MANAGER))
        return added, listed, removed

    added, listed, removed = with_harness(discord_db, scenario)
    assert "Topic `sudan` saved" in added.json["data"]["content"]
    assert added.json["data"]["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in added.json["data"]["content"]  # shown, but as plain text
    assert get_topic(discord_db, "sudan").aliases == ("Sudan", "El Fasher", "@everyone")
    assert "`sudan`" in listed.json["data"]["content"] and is_ephemeral(listed)
    assert "Topic `quake` removed" in removed.json["data"]["content"]
    assert get_topic(discord_db, "quake") is None


def test_topic_changes_are_refused_for_readers(discord_db):
    async def scenario(harness):
        return await harness.command(slash("topics", [option("key", "dprk")],
                                           subcommand="remove"))

    callback = with_harness(discord_db, scenario)
    assert is_ephemeral(callback) and "Only server managers" in callback.json["data"]["content"]
    assert get_topic(discord_db, "dprk") is not None


def test_topic_names_autocomplete(discord_db):
    async def scenario(harness):
        return await harness.command(slash("claims", [option("topic", "qu", focused=True)],
                                           interaction_type=4))

    callback = with_harness(discord_db, scenario)
    assert callback.json["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    assert callback.json["data"]["choices"] == [{"name": "quake — Earthquakes",
                                                 "value": "quake"}]


FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Post world desk</title>
<link>https://harbour.example/</link><description>test feed</description>
<item><title>Quake toll rises</title><link>https://harbour.example/q1</link>
<guid>q1</guid><pubDate>Mon, 06 Jan 2025 08:00:00 +0000</pubDate>
<description>Rescuers said at least 120 people were killed in the earthquake.</description>
</item></channel></rss>"""


async def feed(request: web.Request) -> web.Response:
    return web.Response(body=FEED, content_type="application/rss+xml")


def test_feeds_add_checks_the_feed_then_list_and_remove(discord_db):
    async def scenario(harness):
        async with FeedServer(routes={"feed.xml": feed}) as server:
            url = server.url("feed.xml")
            payload = slash("feeds", [option("url", url)], subcommand="add",
                            permissions=MANAGER)
            deferred = await harness.command(payload)
            answer = await harness.last_webhook_call(payload)
            listed = await harness.command(slash("feeds", subcommand="list"))
            removed = await harness.command(slash("feeds", [option("url", url)],
                                                  subcommand="remove", permissions=MANAGER))
        return url, deferred, answer, listed, removed

    url, deferred, answer, listed, removed = with_harness(discord_db, scenario)
    assert deferred.json["type"] == 5  # "thinking…" while the feed is fetched
    assert answer.method == "PATCH" and answer.path.endswith("/messages/@original")
    assert f"Watching {url} (Harbour Post world desk): 1 entries" in answer.json["content"]
    assert answer.json["allowed_mentions"] == {"parse": []}
    assert url in listed.json["data"]["content"]
    assert f"Feed removed: {url}" in removed.json["data"]["content"]
    assert list_feeds(discord_db) == []


def test_feeds_resume_and_explain(discord_db):
    async def scenario(harness):
        async with FeedServer(routes={"feed.xml": feed}) as server:
            url = server.url("feed.xml")
            pause_feed(discord_db, add_feed(discord_db, url).id, reason="HTTP 503 ten times")
            refused = await harness.command(slash("feeds", [option("url", url)],
                                                  subcommand="resume"))
            resumed = await harness.command(slash("feeds", [option("url", url)],
                                                  subcommand="resume", permissions=MANAGER))
            payload = slash("feeds", [option("url", url)], subcommand="explain")
            deferred = await harness.command(payload)
            explained = await harness.last_webhook_call(payload)
        return url, refused, resumed, deferred, explained

    url, refused, resumed, deferred, explained = with_harness(discord_db, scenario)
    assert refused.json["data"]["flags"] & EPHEMERAL
    assert f"Resumed {url}" in resumed.json["data"]["content"]
    assert get_feed(discord_db, url).state == "active"
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] & EPHEMERAL
    assert "Quake toll rises" in explained.json["content"]


def test_a_feed_that_is_not_a_feed_is_refused_privately(discord_db):
    async def scenario(harness):
        payload = slash("feeds", [option("url", harness.fake.api_base + "/nothing-here")],
                        subcommand="add", permissions=MANAGER)
        await harness.command(payload)
        deleted = await harness.last_webhook_call(payload)
        followup = await harness.last_webhook_call(payload, count=2)
        return deleted, followup

    deleted, followup = with_harness(discord_db, scenario)
    assert deleted.method == "DELETE"  # the public "thinking…" placeholder goes away
    assert followup.method == "POST" and followup.json["flags"] & EPHEMERAL
    assert "Could not add" in followup.json["content"]
    assert list_feeds(discord_db) == []


def test_feeds_add_is_refused_for_readers_before_fetching(discord_db):
    async def scenario(harness):
        return await harness.command(slash("feeds", [option("url", "http://198.51.100.7/x")],
                                           subcommand="add"))

    callback = with_harness(discord_db, scenario)
    assert callback.json["type"] == 4 and is_ephemeral(callback)
    assert "Only server managers" in callback.json["data"]["content"]


def test_a_forbidden_channel_shows_as_paused_in_subscriptions(discord_db):
    async def scenario(harness):
        await harness.command(slash("subscribe", [option("topic", "dprk")],
                                    permissions=MANAGER))
        add_story(discord_db, STORIES[0])
        harness.fake.script("POST", f"/channels/{CHANNEL_ID}/messages", forbidden())
        sender = DiscordSender(settings_for(harness.fake))
        try:
            report = await deliver_due(discord_db, {"discord": sender}, now=lambda: HANDLED_AT)
        finally:
            await sender.close()
        listed = await harness.command(slash("subscriptions"))
        return report, listed

    report, listed = with_harness(discord_db, scenario)
    assert report.paused == 1
    content = listed.json["data"]["content"]
    assert "`dprk` — PAUSED" in content
    assert f"channel {CHANNEL_ID} is gone or the bot lacks Send Messages" in content


def test_without_a_guild_id_commands_are_registered_globally(discord_db):
    async def scenario(harness):
        return harness.fake.find(lambda r: r.method == "PUT")

    [registration] = with_harness(discord_db, scenario, discord_guild_id=None)
    assert registration.path == "/applications/1100000000000000001/commands"
    assert len(registration.json) == 6


def test_a_failing_command_gets_one_polite_ephemeral_answer(discord_db, caplog):
    async def scenario(harness):
        discord_db.close()  # every query now raises, as a broken database would
        return await harness.command(slash("topics", subcommand="list"))

    callback = with_harness(discord_db, scenario)
    assert is_ephemeral(callback)
    assert "Something went wrong on our side" in callback.json["data"]["content"]
    assert "Discord command /topics list failed" in caplog.text


def test_a_reply_longer_than_a_message_continues_in_follow_ups(discord_db):
    for number in range(40):
        save_topic(discord_db, Topic(f"topic-{number:02d}", "A rather long topic name " * 3,
                                     ("first alias", "second alias", "third alias")))

    async def scenario(harness):
        payload = slash("topics", subcommand="list")
        return await harness.command(payload), await harness.last_webhook_call(payload)

    callback, followup = with_harness(discord_db, scenario)
    [first] = callback.json["data"]["embeds"]
    [second] = followup.json["embeds"]
    assert callback.json["data"].get("content") is None and is_ephemeral(callback)
    assert followup.json["flags"] & EPHEMERAL
    assert "`dprk`" in first["description"] and "topic-39" in second["description"]
    assert len(first["description"]) <= 4096 and len(second["description"]) <= 4096


def test_claims_can_attach_a_chart(discord_db):
    for story in STORIES:
        add_story(discord_db, story)

    async def scenario(harness):
        payload = slash("claims", [option("topic", "dprk"), option("chart", True, kind=5)])
        deferred = await harness.command(payload)
        return deferred, await harness.last_webhook_call(payload)

    deferred, followup = with_harness(discord_db, scenario)
    assert deferred.json["type"] == 5
    assert followup.method == "POST" and followup.query.get("wait") == "1"
    [embed] = followup.json["embeds"]
    assert embed["image"]["url"] == "attachment://claims.png"
    assert "**about 300**" in embed["description"]
    [(filename, content)] = followup.files
    assert filename == "claims.png" and content.startswith(b"\x89PNG")
    assert followup.json["allowed_mentions"] == {"parse": []}


def test_claims_can_be_narrowed_to_one_metric(discord_db):
    for story in STORIES:
        add_story(discord_db, story)

    async def scenario(harness):
        return await harness.command(slash("claims", [option("topic", "dprk"),
                                                      option("metric", "killed")]))

    callback = with_harness(discord_db, scenario)
    [embed] = callback.json["data"]["embeds"]
    assert [f["name"] for f in embed["fields"]] == ["about 300 killed", "about 100 killed"]
    assert "more than 3,000" not in embed["description"]
