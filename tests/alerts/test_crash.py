"""Kill -9 a real `claimwatch poll --once` mid-delivery, many times: nothing lost or doubled.

The fakes on loopback apply Discord's nonce dedupe and Slack's metadata history. Each run
either stalls one message post (posted or not) and kills the process while the request
is in flight, or kills it after a random delay. Rows a killed run was posting are leased
for a minute; the last pass delivers with the clock past that lease, as a restart would.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from importlib import resources

from bot.delivery import deliver_due
from bot.discord_app.sender import alert_nonce
from bot.feed_parsing import parse_feed
from bot.inputs import read_topics_toml
from bot.runner import build_senders, close_senders
from bot.settings import Settings
from handlers.articles import handle_article
from handlers.commands import Actor, subscribe
from storage import open_database, outbox
from storage.topics import list_topics, save_topic
from tests.alerts.crash_fakes import FakesThread

RUNS = 20
CHANNELS = 3  # per platform: 7 sample alerts each, 42 posts to make
DISCORD_CHANNELS = [f"22345678901234567{n}" for n in range(CHANNELS)]
SLACK_CHANNELS = [f"C0CRASH{n}" for n in range(CHANNELS)]
SAMPLES = resources.files("bot") / "samples"
# The real CLI, with the sending lease at zero: runs here are sequential (the killed one
# is dead), so the next run retries the row it was posting straight away.
CLI = "import bot.delivery; bot.delivery.SENDING_LEASE = 0; from bot.cli import main; main()"


def _queue_sample_alerts(db_path) -> None:
    db = open_database(db_path)
    with resources.as_file(SAMPLES / "topics.toml") as path:
        for topic in read_topics_toml(path):
            save_topic(db, topic)
    for discord_channel, slack_channel in zip(DISCORD_CHANNELS, SLACK_CHANNELS):
        subscribe(db, Actor("discord", discord_channel, "1", can_manage=True), "dprk")
        subscribe(db, Actor("slack", slack_channel, "T0CLAIM", can_manage=True), "dprk")
    for entry in sorted(parse_feed((SAMPLES / "dprk-feed.xml").read_bytes()).entries,
                        key=lambda entry: entry.article.published):
        handle_article(db, entry.article, list_topics(db),
                       now=datetime.now(UTC) - timedelta(minutes=5), entry_key=entry.key)
    db.close()


def _environment(fakes, tmp_path, platform: str) -> dict[str, str]:
    """The run's environment with only `platform` configured, so each platform's crash
    path is exercised (delivery goes platform by platform, Discord first)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DISCORD_", "SLACK_", "CLAIMWATCH_"))}
    env.update({"CLAIMWATCH_DB": str(tmp_path / "t.db"), "CLAIMWATCH_LOG_LEVEL": "ERROR"})
    if platform == "discord":
        env.update({"DISCORD_TOKEN": "fake.discord.token",
                    "DISCORD_API_BASE": fakes.discord.api_base})
    else:
        env.update({"SLACK_BOT_TOKEN": "xoxb-fake", "SLACK_API_URL": fakes.slack.base_url})
    return env


def _one_run(fakes, env, cwd, rng: random.Random, platform: str) -> str:
    """Start a delivery, kill it mid-way; returns how it ended."""
    stalls = []
    if rng.random() < 0.8:
        stalls = [fakes.discord.stall if platform == "discord" else fakes.slack.stall]
        for stall in stalls:
            fakes.arm(stall, let_through=rng.randint(0, 2), keep_first=rng.random() < 0.6)
    process = subprocess.Popen([sys.executable, "-c", CLI, "poll", "--once"], env=env,
                               cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if stalls:
            deadline = time.monotonic() + 30
            while not any(stall.stalled.is_set() for stall in stalls) \
                    and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            stalled = any(stall.stalled.is_set() for stall in stalls)
            outcome = "killed in flight" if stalled else "finished"
        else:
            time.sleep(rng.uniform(0.3, 1.5))
            outcome = "killed at random" if process.poll() is None else "finished"
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return outcome
    finally:
        for armed in (fakes.discord.stall, fakes.slack.stall):
            armed.disarm(fakes.loop)


def _restart_after_lease(tmp_path, fakes) -> None:
    db = open_database(tmp_path / "t.db")
    settings = Settings(db_path=str(tmp_path / "t.db"), discord_token="fake.discord.token",
                        discord_api_base=fakes.discord.api_base, slack_bot_token="xoxb-fake",
                        slack_api_url=fakes.slack.base_url)

    async def deliver():
        senders = build_senders(settings)
        try:
            later = datetime.now(UTC) + timedelta(minutes=2)
            return await deliver_due(db, senders, now=lambda: later)
        finally:
            await close_senders(senders)

    asyncio.run(deliver())
    db.close()


def test_kill_nine_mid_delivery_loses_and_doubles_nothing(tmp_path):
    _queue_sample_alerts(tmp_path / "t.db")
    rng = random.Random(6)
    platforms = ["discord", "slack"] * (RUNS // 2)
    with FakesThread() as fakes:
        outcomes = [_one_run(fakes, _environment(fakes, tmp_path, platform), tmp_path, rng,
                             platform) for platform in platforms]
        _restart_after_lease(tmp_path, fakes)
        db = open_database(tmp_path / "t.db")
        alerts = outbox.list_alerts(db)
        discord_nonces = [m.get("nonce") for m in fakes.discord.alert_messages()]
        slack_keys = fakes.slack.alert_keys()

    for platform in ("discord", "slack"):
        mine = [o for o, p in zip(outcomes, platforms) if p == platform]
        assert mine.count("killed in flight") >= RUNS // 6, (platform, outcomes)
    discord_keys = [a.key for a in alerts if a.subscription.platform == "discord"]
    slack_expected = [a.key for a in alerts if a.subscription.platform == "slack"]
    assert len(discord_keys) == len(slack_expected) == 7 * CHANNELS
    lost = [key for key in discord_keys if alert_nonce(key) not in discord_nonces]
    lost += [key for key in slack_expected if key not in slack_keys]
    doubled = [key for key in discord_keys if discord_nonces.count(alert_nonce(key)) > 1]
    doubled += [key for key in slack_expected if slack_keys.count(key) > 1]
    print(f"\n{RUNS} runs: {outcomes.count('killed in flight')} killed in flight, "
          f"{outcomes.count('killed at random')} at random; "
          f"{sum(a.attempts > 1 for a in alerts)} alerts tried more than once; "
          f"lost {len(lost)}, doubled {len(doubled)}")
    assert (lost, doubled) == ([], [])
    assert len(discord_nonces) == len(slack_keys) == 7 * CHANNELS
    assert {alert.status for alert in alerts} == {outbox.SENT}
