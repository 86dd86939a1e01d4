"""The long-running service: APScheduler polls, chat adapters listen, one event loop."""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.delivery import deliver_due, deliver_notices, send_digests
from bot.polling import poll_feeds
from bot.runner import build_fetcher, build_senders, close_senders, poll_options, utc_now
from bot.settings import Settings

log = logging.getLogger(__name__)


async def serve(settings: Settings, db, *, chat: bool = True) -> None:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    fetcher = build_fetcher(settings)
    senders = build_senders(settings)
    cycle_lock = asyncio.Lock()

    async def cycle() -> None:
        async with cycle_lock:
            try:
                await poll_feeds(db, fetcher, now=utc_now, options=poll_options(settings),
                                 only_due=True)
                await deliver_due(db, senders, now=utc_now)
                await deliver_notices(db, senders, now=utc_now)
            except Exception:
                log.exception("poll cycle failed; the next one will try again")

    async def digests() -> None:
        async with cycle_lock:
            try:
                await send_digests(db, senders, now=utc_now)
            except Exception:
                log.exception("digest job failed; held alerts wait for the next one")

    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(cycle, "interval", seconds=settings.poll_interval, id="poll",
                      next_run_time=utc_now(), max_instances=1, coalesce=True)
    # Every hour on the hour; each digest subscription gets its own hour's run.
    scheduler.add_job(digests, "cron", minute=0, id="digests", max_instances=1,
                      coalesce=True, misfire_grace_time=900)
    scheduler.start()
    try:
        adapters = await _start_adapters(settings, db) if chat else []
    except StartupError:
        scheduler.shutdown(wait=False)
        await fetcher.close()
        await close_senders(senders)
        raise
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    log.info("claimwatch running: polling every %ss; chat: %s", settings.poll_interval,
             ", ".join(name for name, _ in adapters) or "console only")
    await stop.wait()
    log.info("shutting down")
    scheduler.shutdown(wait=False)
    for _, stopper in adapters:
        await stopper()
    async with cycle_lock:
        await fetcher.close()
        await close_senders(senders)


class StartupError(Exception):
    """A chat adapter could not start (bad token, unreachable API); one line says which."""


_CHECK = {"discord": "DISCORD_TOKEN and DISCORD_API_BASE",
          "slack": "SLACK_BOT_TOKEN, SLACK_APP_TOKEN/SLACK_PORT and SLACK_API_URL"}


async def _start_adapters(settings: Settings, db) -> list[tuple[str, object]]:
    """Start each configured chat adapter; each returns an async stop function."""
    starters = []
    if settings.discord_enabled:
        from bot.discord_app import start_discord

        starters.append(("discord", start_discord))
    if settings.slack_enabled and (settings.slack_app_token or settings.slack_port):
        from bot.slack_app import start_slack

        starters.append(("slack", start_slack))
    started: list[tuple[str, object]] = []
    for name, start in starters:
        try:
            started.append((name, await start(settings, db)))
        except Exception as error:
            log.debug("starting %s failed", name, exc_info=True)
            for _, stopper in started:
                await stopper()
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise StartupError(f"{name} did not start ({type(error).__name__}: {reason}); "
                               f"check {_CHECK[name]} and the network") from None
    return started
