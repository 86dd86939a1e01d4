"""The Slack adapter (slack-bolt): slash commands, page buttons, and alert delivery.

    stop = await start_slack(settings, db)   # Socket Mode, or HTTP on SLACK_PORT
    ...
    await stop()

Socket Mode is used whenever `SLACK_APP_TOKEN` is set (no public URL needed); otherwise
an aiohttp server on `SLACK_PORT` receives Slack's signed requests at `/slack/events`.
Alerts are posted by `bot/slack_app/sender.py` with the Web API alone. See docs/slack.md.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress

from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
CONNECT_WAIT = 30.0  # seconds start_slack waits for the first Socket Mode connection


async def start_slack(settings: Settings, db, *,
                      host: str = "0.0.0.0") -> Callable[[], Awaitable[None]]:
    """Start listening to Slack without blocking; returns the async function that stops it.

    `host` is the interface the HTTP mode binds (all by default, as a reverse proxy or
    tunnel usually sits in front).
    """
    from bot.slack_app.app import build_app

    if settings.slack_app_token:
        return await _start_socket_mode(build_app(settings, db), settings.slack_app_token)
    if settings.slack_port is None:
        raise SettingsError("Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_PORT (HTTP)")
    if not settings.slack_signing_secret:
        raise SettingsError("SLACK_SIGNING_SECRET is required to receive Slack over HTTP")
    return await _start_http(build_app(settings, db), host, settings.slack_port)


async def _start_socket_mode(app, app_token: str) -> Callable[[], Awaitable[None]]:
    """Connect, waiting at most CONNECT_WAIT seconds: if Slack is unreachable or the token
    is refused, slack_sdk keeps retrying in the background while polling goes on."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(app, app_token)
    connecting = asyncio.ensure_future(handler.connect_async())
    done, _ = await asyncio.wait({connecting}, timeout=CONNECT_WAIT)
    if done:
        connecting.result()
        log.info("Slack: connected in Socket Mode")
    else:
        log.warning("Slack: Socket Mode is not connected yet; still trying in the background")

    async def stop() -> None:
        await handler.close_async()
        connecting.cancel()
        with suppress(asyncio.CancelledError):
            await connecting

    return stop


async def _start_http(app, host: str, port: int) -> Callable[[], Awaitable[None]]:
    from aiohttp import web

    runner = web.AppRunner(app.web_app(path=EVENTS_PATH, port=port))
    await runner.setup()
    await web.TCPSite(runner, host=host, port=port).start()
    log.info("Slack: receiving signed requests on http://%s:%s%s", host, port, EVENTS_PATH)

    async def stop() -> None:
        await runner.cleanup()

    return stop
