"""Bolt listeners: `/claims`, `/claimwatch`, the page buttons, and the one error handler.

Each listener acknowledges first (Slack allows 3 seconds), then reads what it needs from
Slack (permissions), calls one function in `handlers/commands.py` with an `Actor`, and
answers through `respond()` (the request's response_url). Nothing below decides who may
do what or what the answer is.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import feed_admin
from bot.settings import Settings
from bot.slack_app import blocks
from bot.slack_app.parsing import HELP, ClaimwatchCommand, parse_claims, parse_claimwatch
from bot.slack_app.permissions import user_can_manage
from handlers import commands
from handlers.commands import Actor, ClaimsReply, Reply

log = logging.getLogger(__name__)

ERROR_TEXT = ("Sorry, claimwatch could not answer that just now; the error has been logged. "
              "Try again in a minute.")
CLAIMS_USAGE = "Usage: `/claims TOPIC [METRIC] [chart]`, e.g. `/claims dprk killed`."


@dataclass(frozen=True)
class SlackServices:
    """What the listeners need from the rest of claimwatch."""

    settings: Settings
    db: object
    make_fetcher: Callable[[], object]
    render_chart: Callable[[ClaimsReply], bytes] | None = None


def register(app: AsyncApp, services: SlackServices) -> None:
    app.command("/claims")(_claims_listener(services))
    app.command("/claimwatch")(_claimwatch_listener(services))
    app.action(re.compile(f"^{blocks.PAGE_ACTION_PREFIX}"))(_page_listener(services))
    app.error(on_error)


def _claims_listener(services: SlackServices) -> Callable[..., Awaitable[None]]:
    async def claims_command(ack, command: dict, respond, client: AsyncWebClient) -> None:
        await ack()
        query = parse_claims(command.get("text", ""))
        if query is None:
            await respond(**blocks.reply_message(Reply(CLAIMS_USAGE, ok=False, ephemeral=True)))
            return
        reply = commands.claims_history(services.db, query.topic, metric=query.metric)
        if isinstance(reply, Reply):
            await respond(**blocks.reply_message(reply))
            return
        await respond(**blocks.claims_message(reply, metric=query.metric),
                      unfurl_links=False, unfurl_media=False)
        if query.chart:
            await _upload_chart(services, client, respond, command, reply)

    return claims_command


def _claimwatch_listener(services: SlackServices) -> Callable[..., Awaitable[None]]:
    async def claimwatch_command(ack, command: dict, respond, client: AsyncWebClient) -> None:
        await ack()
        request = parse_claimwatch(command.get("text", ""))
        can_manage = False
        if request.managing and not request.usage:
            can_manage = await user_can_manage(client, command.get("user_id", ""),
                                               services.settings.slack_admin_group)
        actor = Actor(platform="slack", workspace=command.get("team_id", ""),
                      channel=command.get("channel_id", ""), user=command.get("user_id", ""),
                      can_manage=can_manage)
        reply = await run_claimwatch(services, request, actor)
        await respond(**blocks.reply_message(reply))

    return claimwatch_command


async def run_claimwatch(services: SlackServices, request: ClaimwatchCommand,
                         actor: Actor) -> Reply:
    """Call the handler for one parsed `/claimwatch` request."""
    db = services.db
    if request.usage:
        return Reply(request.usage + "\n\n" + HELP, ok=False, ephemeral=True)
    simple = {
        "help": lambda: Reply(HELP, ephemeral=True),
        "subscribe": lambda: commands.subscribe(db, actor, request.argument,
                                                digest_hour=request.digest_hour),
        "unsubscribe": lambda: commands.unsubscribe(db, actor, request.argument),
        "subscriptions": lambda: commands.list_channel_subscriptions(db, actor),
        "topics list": lambda: commands.list_topics(db),
        "topics add": lambda: commands.add_topic(db, actor, request.argument, request.aliases),
        "topics remove": lambda: commands.remove_topic(db, actor, request.argument),
        "feeds list": lambda: commands.list_feeds(db),
        "feeds remove": lambda: commands.remove_feed(db, actor, request.argument),
    }
    if request.action in simple:
        return simple[request.action]()
    if request.action in ("feeds add", "feeds resume"):
        refusal = commands.management_refusal(actor)
        if refusal:
            return refusal
    if request.action == "feeds resume":
        return feed_admin.resume(db, request.argument)
    if request.action in ("feeds add", "feeds explain"):
        return await _with_fetcher(services, request.action, request.argument)
    return Reply(HELP, ephemeral=True)


async def _with_fetcher(services: SlackServices, action: str, url: str) -> Reply:
    """`feeds add` and `feeds explain` fetch the feed once (acknowledged long before)."""
    fetcher = services.make_fetcher()
    try:
        if action == "feeds add":
            return await feed_admin.check_and_add_feed(services.db, fetcher, url,
                                                       added_by="chat")
        return await feed_admin.explain_feed_live(services.db, fetcher, url)
    finally:
        await fetcher.close()


def _page_listener(services: SlackServices) -> Callable[..., Awaitable[None]]:
    async def page_button(ack, action: dict, respond) -> None:
        await ack()
        wanted = blocks.parse_page_value(action.get("value", ""))
        if wanted is None:
            return
        topic, metric, page = wanted
        reply = commands.claims_history(services.db, topic, metric=metric)
        if isinstance(reply, Reply):  # e.g. the topic was removed since
            await respond(**blocks.reply_message(reply), replace_original=False)
            return
        await respond(**blocks.claims_message(reply, page=page, metric=metric),
                      replace_original=True, unfurl_links=False, unfurl_media=False)

    return page_button


async def _upload_chart(services: SlackServices, client: AsyncWebClient, respond,
                        command: dict, reply: ClaimsReply) -> None:
    """Post the history as a PNG in the channel (the bot must be a member to upload there)."""
    if services.render_chart is None:
        await respond_chart_unavailable(respond)
        return
    png = await asyncio.to_thread(services.render_chart, reply)  # matplotlib takes a moment
    try:
        await client.files_upload_v2(
            channel=command.get("channel_id", ""), content=png,
            filename=f"claims-{reply.topic.key}.png",
            title=blocks.shorten(f"{reply.topic.key} — estimates over time", 200))
    except SlackApiError as error:
        code = error.response.get("error", "error")
        log.warning("chart upload failed: %s", code)
        await respond(**blocks.reply_message(Reply(
            f"Could not post the chart here ({code}); invite the bot to this channel first.",
            ok=False, ephemeral=True)), replace_original=False)


async def respond_chart_unavailable(respond) -> None:
    await respond(**blocks.reply_message(Reply("Charts are not available in this installation.",
                                               ok=False, ephemeral=True)),
                  replace_original=False)


async def on_error(error: Exception, body: dict, respond) -> None:
    """The one place a failed listener ends: a traceback in the log, one message to the user."""
    what = body.get("command") or body.get("type") or "request"
    log.error("Slack %s failed (team %s)", what, body.get("team_id") or
              (body.get("team") or {}).get("id"), exc_info=(type(error), error,
                                                             error.__traceback__))
    if respond is None:
        return
    try:
        await respond(text=ERROR_TEXT, response_type="ephemeral", replace_original=False)
    except Exception:  # the response_url may be gone too; the log already has the cause
        log.warning("could not tell the user about the failure", exc_info=True)
