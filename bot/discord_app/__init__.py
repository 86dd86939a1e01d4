"""The Discord adapter: slash commands over the gateway, and alerts over the REST API.

    stop = await start_discord(settings, db)   # connects in the background
    ...
    await stop()

`sender.DiscordSender` posts alerts without a gateway connection, so `claimwatch poll
--once` from cron can deliver too. Named `discord_app` so it never shadows `discord`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.settings import Settings

log = logging.getLogger(__name__)

STOP_WAIT = 10.0  # seconds to let the gateway close cleanly before cancelling it


async def start_discord(settings: Settings, db, *,
                        fetcher=None) -> Callable[[], Awaitable[None]]:
    """Log in (failing fast on a bad token), then run the gateway in the background.

    Returns `stop()`, which closes the connection and waits for the gateway task.
    """
    # Imported here so that `bot.discord_app.sender` (cron delivery) loads no command code.
    from bot.discord_app.api import use_api_base
    from bot.discord_app.client import ClaimwatchBot

    use_api_base(settings.discord_api_base)
    bot = ClaimwatchBot(settings, db, fetcher=fetcher)
    try:
        await bot.login(settings.discord_token)
    except BaseException:
        await bot.close()
        raise
    gateway = asyncio.create_task(bot.connect(reconnect=True), name="discord-gateway")
    gateway.add_done_callback(_report_gateway_end)

    async def stop() -> None:
        await bot.close()
        done, _ = await asyncio.wait({gateway}, timeout=STOP_WAIT)
        if not done:
            gateway.cancel()
            await asyncio.gather(gateway, return_exceptions=True)

    return stop


def _report_gateway_end(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the Discord gateway connection ended: %s", task.exception(),
                  exc_info=task.exception())
