"""Alert delivery to Discord: discord.py's REST client posting to the fake Discord API."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.delivery import deliver_due
from bot.discord_app.sender import DiscordSender, alert_nonce
from handlers.alerts import alert_view
from handlers.models import Article
from storage import outbox
from storage.subscriptions import list_subscriptions
from tests.discord.conftest import (
    HANDLED_AT,
    STORIES,
    add_story,
    run,
    settings_for,
    subscribe_channel,
)
from tests.discord.fake_discord import (
    CHANNEL_ID,
    FakeDiscord,
    Reply,
    forbidden,
    rate_limited,
    unknown_channel,
)

MESSAGES_PATH = f"/channels/{CHANNEL_ID}/messages"


def deliver(db, fake: FakeDiscord, **setting_overrides):
    async def scenario():
        sender = DiscordSender(settings_for(fake, **setting_overrides))
        try:
            return await deliver_due(db, {"discord": sender}, now=lambda: HANDLED_AT)
        finally:
            await sender.close()

    return scenario()


def with_fake(scenario):
    """Run `scenario(fake)` with a started fake Discord, closing it afterwards."""

    async def main():
        fake = await FakeDiscord().start()
        try:
            return await scenario(fake)
        finally:
            await fake.close()

    return run(main())


def posts(fake: FakeDiscord):
    return fake.find(lambda r: (r.method, r.path) == ("POST", MESSAGES_PATH))


def test_alerts_post_an_embed_per_alert_with_nonce_and_no_mentions(discord_db):
    subscribe_channel(discord_db)
    for story in STORIES:
        add_story(discord_db, story)

    async def scenario(fake):
        report = await deliver(discord_db, fake)
        return report, posts(fake), fake

    report, sent, fake = with_fake(scenario)
    assert report.sent == 3  # the repeat of Zelenskyy's figure (s3) is no new alert
    assert [r.headers["Authorization"] for r in sent] == ["Bot fake-bot-token"] * 3
    assert "more than 3,000" in sent[1].json["embeds"][0]["title"]
    newest = sent[2].json
    embed = newest["embeds"][0]
    assert "about 300" in embed["title"] and "dprk" in embed["title"]
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert "spy agency" in fields["Claimed by"]
    assert "about 100" in fields["Previous estimate"]
    assert "×3" in fields["Change"]  # about 100 -> about 300
    assert "Harbour Post" in fields["Source"] and "27 Dec 2024" in fields["Source"]
    assert embed["url"] == "https://harbour.example/s4"
    assert newest["allowed_mentions"] == {"parse": []}
    alerts = outbox.list_alerts(discord_db)
    assert [r.json["nonce"] for r in sent] == [alert.key for alert in alerts]
    assert all(r.json["enforce_nonce"] is True for r in sent)
    posted_ids = [m["id"] for m in fake.messages[str(CHANNEL_ID)]]
    assert [alert.external_id for alert in alerts] == posted_ids
    assert {alert.status for alert in alerts} == {outbox.SENT}


def test_a_hostile_title_pings_nobody_and_shows_as_plain_text(discord_db):
    subscribe_channel(discord_db)
    add_story(discord_db, Article(
        "h1", "@everyone <@123> <@&456> **bold** claims",
        "Officials in Seoul said on Tuesday that 40 North Korean soldiers were killed.",
        date(2024, 12, 20), "@here News", "https://hostile.example/h1"))

    sent = with_fake(lambda fake: _deliver_and_list(discord_db, fake))
    assert len(sent) == 1
    body = sent[0].json
    assert body["allowed_mentions"] == {"parse": []}
    embed = body["embeds"][0]
    text = embed["description"] + "".join(f["value"] for f in embed["fields"])
    assert "@everyone" not in text and "<@123>" not in text and "<@&456>" not in text
    assert "@\u200beveryone" in text and "<@\u200b&456>" in text
    assert "\\*\\*bold\\*\\*" in text and "**bold**" not in text
    assert "@here News" not in text


async def _deliver_and_list(db, fake):
    await deliver(db, fake)
    return posts(fake)


def test_a_429_is_waited_out_and_the_alert_posted_exactly_once(discord_db):
    subscribe_channel(discord_db)
    add_story(discord_db, STORIES[0])

    async def scenario(fake):
        fake.script("POST", MESSAGES_PATH, rate_limited(0.05), None)
        report = await deliver(discord_db, fake)
        return report, posts(fake), fake.messages.get(str(CHANNEL_ID), [])

    report, attempts, messages = with_fake(scenario)
    assert len(attempts) == 2  # the 429, then discord.py's own retry
    assert attempts[0].json["nonce"] == attempts[1].json["nonce"]
    assert len(messages) == 1
    assert report.sent == 1
    [alert] = outbox.list_alerts(discord_db)
    assert alert.status == outbox.SENT and alert.external_id == messages[0]["id"]


def test_a_forbidden_channel_pauses_the_subscription(discord_db):
    subscribe_channel(discord_db)
    add_story(discord_db, STORIES[0])

    async def scenario(fake):
        fake.script("POST", MESSAGES_PATH, forbidden())
        return await deliver(discord_db, fake)

    report = with_fake(scenario)
    assert report.paused == 1
    [subscription] = list_subscriptions(discord_db)
    assert subscription.paused
    assert f"channel {CHANNEL_ID} is gone or the bot lacks Send Messages" in \
        subscription.paused_reason
    [alert] = outbox.list_alerts(discord_db)
    assert alert.status == outbox.PENDING  # kept, to go out once the channel is fixed


def test_an_unknown_channel_counts_as_gone_too(discord_db):
    subscribe_channel(discord_db)
    add_story(discord_db, STORIES[0])

    async def scenario(fake):
        fake.script("POST", MESSAGES_PATH, unknown_channel())
        return await deliver(discord_db, fake)

    assert with_fake(scenario).paused == 1


def test_a_server_error_is_retried_later_with_backoff(discord_db):
    subscribe_channel(discord_db)
    add_story(discord_db, STORIES[0])

    async def scenario(fake):
        fake.script("POST", MESSAGES_PATH, Reply(503, {"message": "unavailable", "code": 0}))
        return await deliver(discord_db, fake)

    report = with_fake(scenario)
    [alert] = outbox.list_alerts(discord_db)
    assert report.retried == 1 and not list_subscriptions(discord_db)[0].paused
    assert alert.status == outbox.PENDING and alert.attempts == 1
    assert "503" in alert.last_error and alert.next_attempt > alert.created


def test_a_rejected_token_is_an_error_not_a_paused_channel(discord_db):
    subscribe_channel(discord_db)
    add_story(discord_db, STORIES[0])
    add_story(discord_db, STORIES[1])

    async def scenario(fake):
        fake.script("GET", "/users/@me", Reply(401, {"message": "401: Unauthorized",
                                                     "code": 0}))
        report = await deliver(discord_db, fake)
        return report, fake.find(lambda r: r.path == "/users/@me")

    report, logins = with_fake(scenario)
    alerts = outbox.list_alerts(discord_db)
    assert report.retried == 2 and report.paused == 0
    assert all("DISCORD_TOKEN" in alert.last_error for alert in alerts)
    assert len(logins) == 1  # not once per alert


def test_huge_article_text_is_shortened_to_discords_limits(discord_db):
    subscribe_channel(discord_db)
    add_story(discord_db, STORIES[0])
    [alert] = outbox.list_alerts(discord_db)
    huge = replace(alert_view(alert), title="T" * 5000, evidence="word " * 3000,
                   claimant="C" * 3000, outlet="O" * 3000, previous="P" * 3000,
                   subject="S" * 3000, figure="9" * 500)

    async def scenario(fake):
        sender = DiscordSender(settings_for(fake))
        try:
            result = await sender.send(alert, huge)
        finally:
            await sender.close()
        return result, posts(fake)

    result, [request] = with_fake(scenario)
    assert result.ok
    embed = request.json["embeds"][0]
    assert len(embed["title"]) <= 256 and len(embed["description"]) <= 4096
    assert all(len(f["value"]) <= 1024 and len(f["name"]) <= 256 for f in embed["fields"])
    total = len(embed["title"]) + len(embed["description"]) + len(embed["footer"]["text"]) + \
        sum(len(f["name"]) + len(f["value"]) for f in embed["fields"])
    assert total <= 6000


def test_nonces_fit_discords_25_characters():
    assert alert_nonce("cw-1-2") == "cw-1-2"
    long_key = "cw-123456789012-123456789012345"
    nonce = alert_nonce(long_key)
    assert len(nonce) <= 25 and nonce != alert_nonce(long_key + "6")
