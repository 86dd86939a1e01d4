"""Running claimwatch's Discord client against the fake Discord, one interaction at a time.

The client logs in to the fake (GET /users/@me and the application), registers its
commands there, receives the guild the way the gateway would send it (GUILD_CREATE,
parsed by discord.py), and then gets raw INTERACTION_CREATE payloads through discord.py's
own `parse_interaction_create`, exactly as its gateway reader would hand them over.
"""

from __future__ import annotations

from bot.discord_app.api import use_api_base
from bot.discord_app.client import ClaimwatchBot
from bot.runner import build_fetcher
from tests.discord.conftest import MANAGER_ROLE, run, settings_for
from tests.discord.fake_discord import FakeDiscord, RecordedRequest, guild_create_payload

MANAGER_ROLE_ID = 1600000000000000001


class Harness:
    def __init__(self, fake: FakeDiscord, bot: ClaimwatchBot) -> None:
        self.fake = fake
        self.bot = bot

    @classmethod
    async def start(cls, db, **setting_overrides) -> Harness:
        fake = await FakeDiscord().start()
        settings = settings_for(fake, **setting_overrides)
        use_api_base(settings.discord_api_base)
        bot = ClaimwatchBot(settings, db, fetcher=build_fetcher(settings))
        await bot.login(settings.discord_token)
        bot._connection.parse_guild_create(
            guild_create_payload(roles={MANAGER_ROLE_ID: MANAGER_ROLE}))
        return cls(fake, bot)

    async def close(self) -> None:
        await self.bot.fetcher.close()
        await self.bot.close()
        await self.fake.close()

    def interact(self, payload: dict) -> None:
        """Hand a raw INTERACTION_CREATE payload to discord.py, as its gateway reader does."""
        self.bot._connection.parse_interaction_create(payload)

    async def command(self, payload: dict) -> RecordedRequest:
        """Dispatch `payload` and return the interaction callback the bot sent."""
        self.interact(payload)
        return await self.callback_for(payload)

    async def callback_for(self, payload: dict) -> RecordedRequest:
        prefix = f"/interactions/{payload['id']}/"
        return await self.fake.wait_for(lambda r: r.path.startswith(prefix))

    async def last_webhook_call(self, payload: dict, count: int = 1) -> RecordedRequest:
        """The `count`-th follow-up or edit sent with this interaction's token."""
        token = payload["token"]
        return await self.fake.wait_for(lambda r: token in r.path and "/webhooks/" in r.path,
                                        count=count)


def with_harness(db, scenario, **setting_overrides):
    """Run `scenario(harness)` with a logged-in client and the fake Discord."""

    async def main():
        harness = await Harness.start(db, **setting_overrides)
        try:
            return await scenario(harness)
        finally:
            await harness.close()

    return run(main())
