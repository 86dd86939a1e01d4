"""The slash commands. Each one reads the interaction, calls one handler, shows the reply.

The database, settings and feed fetcher come from the client (`interaction.client`, a
`ClaimwatchBot`); handlers are short and synchronous, so they run right here on the event
loop, which is the thread that owns the database.

To add a subcommand (e.g. `/feeds explain`), decorate a function with
`@feeds.command(...)` below; `register_commands` adds the groups to the tree.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord_app.permissions import actor_for
from bot.discord_app.replies import finish_deferred, send_claims, send_reply
from bot.feed_admin import check_and_add_feed, explain_feed_live, resume
from handlers import commands as handle
from handlers.models import METRICS
from storage.topics import list_topics

if TYPE_CHECKING:
    from bot.discord_app.client import ClaimwatchBot

log = logging.getLogger(__name__)

AUTOCOMPLETE_LIMIT = 25  # Discord shows at most 25 choices


def _bot(interaction: discord.Interaction) -> ClaimwatchBot:
    return interaction.client  # type: ignore[return-value]


def _actor(interaction: discord.Interaction) -> handle.Actor:
    return actor_for(interaction, _bot(interaction).settings.discord_manager_role)


async def topic_autocomplete(interaction: discord.Interaction,
                             current: str) -> list[app_commands.Choice[str]]:
    """Topics whose key or name contains what has been typed so far."""
    typed = current.strip().lower()
    choices = [app_commands.Choice(name=f"{topic.key} — {topic.name}"[:100], value=topic.key)
               for topic in list_topics(_bot(interaction).db)
               if typed in topic.key.lower() or typed in topic.name.lower()]
    return choices[:AUTOCOMPLETE_LIMIT]


@app_commands.command(name="claims", description="History of casualty estimates for a topic")
@app_commands.describe(topic="Topic key, e.g. dprk", metric="Only this kind of figure",
                       since="Only estimates stated on or after this date (YYYY-MM-DD)",
                       chart="Attach a chart of the estimates over time")
@app_commands.choices(metric=[app_commands.Choice(name=m, value=m) for m in METRICS])
@app_commands.autocomplete(topic=topic_autocomplete)
async def claims(interaction: discord.Interaction, topic: str, metric: str | None = None,
                 since: str | None = None, chart: bool = False) -> None:
    if since and not _is_iso_date(since):
        await send_reply(interaction, handle.Reply(
            f"`since` is a date like 2024-12-01, not `{since[:30]}`.", ok=False,
            ephemeral=True))
        return
    reply = handle.claims_history(_bot(interaction).db, topic, metric=metric, since=since)
    if not isinstance(reply, handle.ClaimsReply):
        await send_reply(interaction, reply)
        return
    png = None
    if chart and reply.series:
        await interaction.response.defer(thinking=True)  # drawing may take a second or two
        png = await _chart(reply)
    await send_claims(interaction, reply, png)


async def _chart(reply: handle.ClaimsReply) -> bytes | None:
    """The PNG, drawn off the event loop; None (and a log line) if drawing fails."""
    from bot.charts import render_claims_chart  # matplotlib only when a chart is asked for

    try:
        return await asyncio.to_thread(render_claims_chart, reply)
    except Exception:
        log.exception("could not draw the chart for %s", reply.topic.key)
        return None


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


@app_commands.command(name="subscribe", description="Alert this channel when a topic's "
                                                    "estimates change")
@app_commands.describe(topic="Topic key, e.g. dprk",
                       digest_hour="Instead of each alert, one daily digest at this hour (UTC)")
@app_commands.autocomplete(topic=topic_autocomplete)
@app_commands.guild_only()
async def subscribe(interaction: discord.Interaction, topic: str,
                    digest_hour: app_commands.Range[int, 0, 23] | None = None) -> None:
    reply = handle.subscribe(_bot(interaction).db, _actor(interaction), topic,
                             digest_hour=digest_hour)
    await send_reply(interaction, reply)


@app_commands.command(name="unsubscribe", description="Stop alerts for a topic in this channel")
@app_commands.describe(topic="Topic key, e.g. dprk")
@app_commands.autocomplete(topic=topic_autocomplete)
@app_commands.guild_only()
async def unsubscribe(interaction: discord.Interaction, topic: str) -> None:
    reply = handle.unsubscribe(_bot(interaction).db, _actor(interaction), topic)
    await send_reply(interaction, reply)


@app_commands.command(name="subscriptions", description="Topics this channel follows")
@app_commands.guild_only()
async def subscriptions(interaction: discord.Interaction) -> None:
    reply = handle.list_channel_subscriptions(_bot(interaction).db, _actor(interaction))
    await send_reply(interaction, reply)


topics = app_commands.Group(name="topics", description="The topics claims are filed under",
                            guild_only=True)


@topics.command(name="list", description="Every topic and its aliases")
async def topics_list(interaction: discord.Interaction) -> None:
    await send_reply(interaction, handle.list_topics(_bot(interaction).db))


@topics.command(name="add", description="Add or change a topic")
@app_commands.describe(key="Short key people type, e.g. dprk",
                       aliases="Comma-separated words that mark a claim as this topic",
                       name="Display name (defaults to the key)")
async def topics_add(interaction: discord.Interaction, key: str, aliases: str,
                     name: str | None = None) -> None:
    reply = handle.add_topic(_bot(interaction).db, _actor(interaction), key, aliases,
                             name or "")
    await send_reply(interaction, reply)


@topics.command(name="remove", description="Remove a topic and its subscriptions")
@app_commands.describe(key="Topic key")
@app_commands.autocomplete(key=topic_autocomplete)
async def topics_remove(interaction: discord.Interaction, key: str) -> None:
    reply = handle.remove_topic(_bot(interaction).db, _actor(interaction), key)
    await send_reply(interaction, reply)


async def _refused(interaction: discord.Interaction) -> bool:
    """Answer (privately) and return True when the member may not change settings."""
    refusal = handle.management_refusal(_actor(interaction))
    if refusal is not None:
        await send_reply(interaction, refusal)
    return refusal is not None


feeds = app_commands.Group(name="feeds", description="The news feeds claimwatch watches",
                           guild_only=True)


@feeds.command(name="add", description="Check a feed once, then watch it")
@app_commands.describe(url="RSS, Atom or JSON Feed URL")
async def feeds_add(interaction: discord.Interaction, url: str) -> None:
    if await _refused(interaction):
        return
    await interaction.response.defer(thinking=True)  # fetching may take longer than 3 s
    bot = _bot(interaction)
    reply = await check_and_add_feed(bot.db, bot.fetcher, url, added_by="chat")
    await finish_deferred(interaction, reply)


@feeds.command(name="list", description="Every feed, its state and last success")
async def feeds_list(interaction: discord.Interaction) -> None:
    await send_reply(interaction, handle.list_feeds(_bot(interaction).db))


@feeds.command(name="remove", description="Stop watching a feed")
@app_commands.describe(url="The feed URL as listed by /feeds list")
async def feeds_remove(interaction: discord.Interaction, url: str) -> None:
    reply = handle.remove_feed(_bot(interaction).db, _actor(interaction), url)
    await send_reply(interaction, reply)


@feeds.command(name="resume", description="Watch a paused feed again")
@app_commands.describe(url="The feed URL as listed by /feeds list")
async def feeds_resume(interaction: discord.Interaction, url: str) -> None:
    if await _refused(interaction):
        return
    await send_reply(interaction, resume(_bot(interaction).db, url))


@feeds.command(name="explain", description="Why a feed's recent entries did or did not alert")
@app_commands.describe(url="The feed URL as listed by /feeds list")
async def feeds_explain(interaction: discord.Interaction, url: str) -> None:
    await interaction.response.defer(thinking=True, ephemeral=True)  # fetches the feed once
    bot = _bot(interaction)
    reply = await explain_feed_live(bot.db, bot.fetcher, url)
    await finish_deferred(interaction, reply, deferred_ephemeral=True)


ALL_COMMANDS = (claims, subscribe, unsubscribe, subscriptions, topics, feeds)


def register_commands(tree: app_commands.CommandTree) -> None:
    for command in ALL_COMMANDS:
        tree.add_command(command)
