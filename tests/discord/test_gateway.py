"""Public entry points only: `start_discord` logs in, finds the gateway through the API,
identifies, receives a slash command over the websocket and answers it."""

from __future__ import annotations

from bot.discord_app import start_discord
from storage.subscriptions import list_subscriptions
from tests.discord.conftest import MANAGER_ROLE, run, settings_for
from tests.discord.fake_discord import (
    GUILD_ID,
    FakeDiscord,
    command_interaction,
    guild_create_payload,
    option,
)
from tests.discord.harness import MANAGER_ROLE_ID

GUILDS_INTENT = 1


def test_a_command_typed_in_discord_is_answered_over_the_gateway(discord_db):
    async def scenario():
        fake = await FakeDiscord().start()
        fake.ready_guilds = [guild_create_payload(roles={MANAGER_ROLE_ID: MANAGER_ROLE})]
        stop = await start_discord(settings_for(fake), discord_db)
        try:
            # A manager by role only: the role's name is known from GUILD_CREATE.
            payload = command_interaction("subscribe", [option("topic", "dprk")],
                                          roles=[MANAGER_ROLE_ID], command_guild_id=GUILD_ID)
            fake.dispatch("INTERACTION_CREATE", payload)
            callback = await fake.wait_for(
                lambda r: r.path.startswith(f"/interactions/{payload['id']}/"))
        finally:
            await stop()
        await fake.close()
        return fake, callback

    fake, callback = run(scenario())
    paths = [request.path for request in fake.requests]
    assert paths[:2] == ["/users/@me", "/oauth2/applications/@me"]
    assert "/gateway/bot" in paths
    assert any(r.method == "PUT" and r.path.endswith(f"/guilds/{GUILD_ID}/commands")
               for r in fake.requests)
    [identify] = fake.identified
    assert identify["token"] == "fake-bot-token"
    assert identify["intents"] == GUILDS_INTENT  # no privileged intents needed
    assert callback.query == {"with_response": "1"}
    assert callback.json["type"] == 4
    assert "now gets an alert" in callback.json["data"]["content"]
    assert callback.json["data"]["allowed_mentions"] == {"parse": []}
    assert [s.topic for s in list_subscriptions(discord_db)] == ["dprk"]
    assert fake.disconnects == 1  # stop() closed the gateway connection


def test_a_bad_token_fails_at_start(discord_db):
    from discord import LoginFailure

    from tests.discord.fake_discord import Reply

    async def scenario():
        fake = await FakeDiscord().start()
        fake.script("GET", "/users/@me", Reply(401, {"message": "401: Unauthorized",
                                                     "code": 0}))
        try:
            await start_discord(settings_for(fake), discord_db)
        except LoginFailure:
            return "refused"
        finally:
            await fake.close()
        return "started"

    assert run(scenario()) == "refused"
