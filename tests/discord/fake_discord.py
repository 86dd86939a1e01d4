"""A fake Discord on 127.0.0.1: the REST API and the gateway, recording what the bot sends.

discord.py runs its own code against it: point `Route.BASE` at `fake.api_base` and the
gateway answer (`GET /gateway/bot`) already names `fake.gateway_url`. Everything the bot
posts is kept in `fake.requests`; tests assert on those, never on discord.py internals.

    fake = FakeDiscord()
    await fake.start()
    fake.script("POST", "/channels/42/messages", rate_limited(0.01), None)  # a 429, then normal
    ...
    request = await fake.wait_for(lambda r: r.path.endswith("/callback"))

Shapes follow Discord's API v10 documentation, with the details discord.py 2.7 relies on:
JSON answers carry `Content-Type: application/json` exactly; a 429 carries `Via` (as
Cloudflare-fronted answers do) plus `Retry-After` and a `retry_after` body; an interaction
callback (sent with `with_response=1`) is answered `{"interaction": ..., "resource": ...}`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

APPLICATION_ID = 1100000000000000001
BOT_USER_ID = APPLICATION_ID
GUILD_ID = 1200000000000000001
CHANNEL_ID = 1300000000000000001
MEMBER_ID = 1400000000000000001
EVERYONE_ROLE_ID = GUILD_ID
MANAGE_GUILD = 1 << 5
SEND_MESSAGES = 1 << 11
VIEW_CHANNEL = 1 << 10
READ_ONLY_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | (1 << 16)  # + read message history
TIMESTAMP = "2025-01-06T12:00:00.000000+00:00"

_snowflakes = itertools.count(1500000000000000001)


def snowflake() -> str:
    return str(next(_snowflakes))


@dataclass(frozen=True)
class Reply:
    """A scripted answer: status, JSON body (None for an empty 204) and extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    headers: dict[str, str]
    json: Any  # the JSON body, or the `payload_json` part of a multipart body
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (filename, content)
    answer: Any = None  # the JSON the fake answered with


def rate_limited(retry_after: float, *, bucket: str = "f00dfeed") -> Reply:
    """A per-route 429 the way Discord sends it."""
    return Reply(
        429,
        {"message": "You are being rate limited.", "retry_after": retry_after,
         "global": False, "code": 0},
        {"Retry-After": str(max(1, round(retry_after))), "X-RateLimit-Limit": "5",
         "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": f"{retry_after:.3f}",
         "X-RateLimit-Bucket": bucket, "X-RateLimit-Scope": "user", "Via": "1.1 google"},
    )


def forbidden() -> Reply:
    return Reply(403, {"message": "Missing Access", "code": 50001})


def unknown_channel() -> Reply:
    return Reply(404, {"message": "Unknown Channel", "code": 10003})


def bot_user() -> dict:
    return {"id": str(BOT_USER_ID), "username": "claimwatch", "discriminator": "0",
            "global_name": None, "avatar": None, "bot": True, "flags": 0,
            "verified": True, "mfa_enabled": False}


def human_user(user_id: int = MEMBER_ID, name: str = "analyst") -> dict:
    return {"id": str(user_id), "username": name, "discriminator": "0",
            "global_name": name.title(), "avatar": None, "public_flags": 0}


def message_payload(channel_id: int | str, *, content: str = "", embeds: list | None = None,
                    components: list | None = None, flags: int = 0,
                    nonce: str | None = None, message_id: str | None = None) -> dict:
    message = {
        "id": message_id or snowflake(), "channel_id": str(channel_id), "type": 0,
        "author": bot_user(), "content": content or "", "timestamp": TIMESTAMP,
        "edited_timestamp": None, "tts": False, "mention_everyone": False, "mentions": [],
        "mention_roles": [], "attachments": [], "embeds": embeds or [], "pinned": False,
        "components": components or [], "flags": flags,
    }
    if nonce is not None:
        message["nonce"] = nonce
    return message


def guild_create_payload(*, guild_id: int = GUILD_ID,
                         roles: dict[int, str] | None = None) -> dict:
    """The GUILD_CREATE the gateway sends for a guild, with its roles (id -> name)."""
    role_list = [{"id": str(guild_id), "name": "@everyone", "permissions": str(
        READ_ONLY_PERMISSIONS), "position": 0, "color": 0, "hoist": False, "managed": False,
        "mentionable": False, "flags": 0}]
    for position, (role_id, name) in enumerate((roles or {}).items(), start=1):
        role_list.append({"id": str(role_id), "name": name, "permissions": "0",
                          "position": position, "color": 0, "hoist": False,
                          "managed": False, "mentionable": False, "flags": 0})
    return {
        "id": str(guild_id), "name": "Situation Room", "icon": None, "owner_id": "1",
        "roles": role_list, "emojis": [], "stickers": [], "features": [],
        "member_count": 3, "large": False, "unavailable": False,
        "joined_at": TIMESTAMP, "members": [], "channels": [
            {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(guild_id), "name": "alerts",
             "position": 0, "permission_overwrites": [], "nsfw": False, "topic": None,
             "parent_id": None, "last_message_id": None, "rate_limit_per_user": 0}],
        "threads": [], "voice_states": [], "presences": [], "stage_instances": [],
        "guild_scheduled_events": [], "soundboard_sounds": [], "verification_level": 0,
        "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
        "nsfw_level": 0, "premium_tier": 0, "preferred_locale": "en-US", "system_channel_id":
        None, "afk_channel_id": None, "afk_timeout": 300, "application_id": None,
        "system_channel_flags": 0, "premium_subscription_count": 0, "max_members": 250000,
        "vanity_url_code": None, "description": None, "banner": None, "splash": None,
        "discovery_splash": None, "rules_channel_id": None, "public_updates_channel_id": None,
    }


def option(name: str, value: Any, *, kind: int = 3, focused: bool = False) -> dict:
    """One command option as Discord sends it (3 string, 4 integer, 5 boolean)."""
    data = {"name": name, "type": kind, "value": value}
    if focused:
        data["focused"] = True
    return data


def command_interaction(name: str, options: list[dict] | None = None, *,
                        subcommand: str | None = None, permissions: int = READ_ONLY_PERMISSIONS,
                        roles: list[int] | None = None, interaction_type: int = 2,
                        guild_id: int = GUILD_ID, channel_id: int = CHANNEL_ID,
                        user_id: int = MEMBER_ID, command_guild_id: int | None = None) -> dict:
    """The INTERACTION_CREATE payload for a slash command typed by a guild member.

    `interaction_type` 4 makes it an autocomplete request instead.
    """
    options = options or []
    if subcommand:
        options = [{"name": subcommand, "type": 1, "options": options}]
    data = {"id": snowflake(), "name": name, "type": 1, "options": options}
    if command_guild_id is not None:
        data["guild_id"] = str(command_guild_id)
    return _interaction(interaction_type, data, permissions=permissions, roles=roles or [],
                        guild_id=guild_id, channel_id=channel_id, user_id=user_id)


def button_interaction(custom_id: str, message: dict, *,
                       permissions: int = READ_ONLY_PERMISSIONS, user_id: int = MEMBER_ID) -> dict:
    """The INTERACTION_CREATE payload for a click on a button of `message`."""
    data = {"custom_id": custom_id, "component_type": 2}
    payload = _interaction(3, data, permissions=permissions, roles=[], guild_id=GUILD_ID,
                           channel_id=int(message["channel_id"]), user_id=user_id)
    payload["message"] = message
    return payload


def _interaction(kind: int, data: dict, *, permissions: int, roles: list[int], guild_id: int,
                 channel_id: int, user_id: int) -> dict:
    return {
        "id": snowflake(), "application_id": str(APPLICATION_ID), "type": kind, "data": data,
        "guild_id": str(guild_id),
        "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
        "channel_id": str(channel_id),
        "channel": {"id": str(channel_id), "type": 0, "guild_id": str(guild_id),
                    "name": "alerts", "position": 0, "permission_overwrites": [],
                    "nsfw": False, "parent_id": None, "rate_limit_per_user": 0,
                    "permissions": str(permissions)},
        "member": {"user": human_user(user_id), "roles": [str(r) for r in roles],
                   "permissions": str(permissions), "joined_at": TIMESTAMP, "deaf": False,
                   "mute": False, "flags": 0, "pending": False, "nick": None, "avatar": None,
                   "premium_since": None, "communication_disabled_until": None},
        "token": f"interaction-token-{snowflake()}", "version": 1,
        "app_permissions": str(READ_ONLY_PERMISSIONS | (1 << 14)),  # + embed links
        "locale": "en-US", "guild_locale": "en-US", "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild_id)}, "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    }


class FakeDiscord:
    """Discord's REST API under `/api/v10` and a gateway websocket at `/gateway`."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.messages: dict[str, list[dict]] = {}  # channel id -> messages posted
        self.identified: list[dict] = []  # IDENTIFY payloads received
        self.disconnects = 0  # gateway connections that have ended
        self.dispatch_queue: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()
        self.ready_guilds: list[dict] = []
        self._scripts: dict[tuple[str, str], deque[Reply | None]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._api)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def script(self, method: str, path: str, *replies: Reply | None) -> None:
        """Answer the next requests to `path` with `replies` in turn (None: answer normally)."""
        self._scripts.setdefault((method, path), deque()).extend(replies)

    def dispatch(self, event: str, data: dict) -> None:
        """Send a gateway DISPATCH to the connected (or next connecting) bot."""
        self.dispatch_queue.put_nowait((event, data))

    def find(self, predicate: Callable[[RecordedRequest], bool]) -> list[RecordedRequest]:
        return [request for request in self.requests if predicate(request)]

    def callbacks(self) -> list[RecordedRequest]:
        """Interaction responses, oldest first."""
        return self.find(lambda r: r.path.endswith("/callback"))

    async def wait_for(self, predicate: Callable[[RecordedRequest], bool], *, count: int = 1,
                       timeout: float = 10.0) -> RecordedRequest:
        """The `count`-th recorded request matching `predicate`, waiting for it if need be.

        The timeout only keeps a broken test from hanging; nothing is asserted on time.
        """
        async def arrived() -> RecordedRequest:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.find(predicate)) >= count)
                return self.find(predicate)[count - 1]

        return await asyncio.wait_for(arrived(), timeout)

    # --- REST --------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        recorded = await self._record(request, path)
        scripted = self._scripts.get((request.method, path))
        reply = scripted.popleft() if scripted else None
        if reply is None:
            reply = self._default_answer(recorded)
        elif reply.status < 300 and request.method == "POST" and "/messages" in path:
            self._keep_message(recorded, reply.body)
        recorded.answer = reply.body
        async with self._changed:
            self._changed.notify_all()
        return _respond(reply)

    async def _record(self, request: web.Request, path: str) -> RecordedRequest:
        body: Any = None
        files: list[tuple[str, bytes]] = []
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                content = await part.read()
                if part.name == "payload_json":
                    body = json.loads(content)
                else:
                    files.append((part.filename or "", bytes(content)))
        elif request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if raw else None
        recorded = RecordedRequest(request.method, path, dict(request.query),
                                   dict(request.headers), body, files)
        self.requests.append(recorded)
        return recorded

    def _default_answer(self, request: RecordedRequest) -> Reply:
        method, path, body = request.method, request.path, request.json or {}
        if (method, path) == ("GET", "/users/@me"):
            return Reply(200, bot_user())
        if (method, path) == ("GET", "/oauth2/applications/@me"):
            return Reply(200, _application())
        if (method, path) == ("GET", "/gateway/bot"):
            return Reply(200, {"url": self.gateway_url, "shards": 1, "session_start_limit": {
                "total": 1000, "remaining": 999, "reset_after": 14400000,
                "max_concurrency": 1}})
        if method == "PUT" and path.endswith("/commands"):
            return Reply(200, [_registered(command, path) for command in body])
        if method == "POST" and path.startswith("/channels/") and path.endswith("/messages"):
            return Reply(200, self._keep_message(request, None))
        if method == "POST" and path.endswith("/callback"):
            return Reply(200, _callback_answer(path, body))
        if path.endswith("/messages/@original") and method == "PATCH":
            return Reply(200, message_payload(CHANNEL_ID, content=body.get("content") or "",
                                              embeds=body.get("embeds")))
        if path.endswith("/messages/@original") and method == "DELETE":
            return Reply(204)
        if method == "POST" and path.startswith("/webhooks/"):
            return Reply(200, message_payload(CHANNEL_ID, content=body.get("content") or "",
                                              embeds=body.get("embeds"),
                                              flags=body.get("flags", 0)))
        return Reply(404, {"message": "404: Not Found", "code": 0})

    def _keep_message(self, request: RecordedRequest, answer: dict | None) -> dict:
        channel_id = request.path.split("/")[2]
        body = request.json or {}
        message = answer or message_payload(channel_id, content=body.get("content") or "",
                                            embeds=body.get("embeds"), nonce=body.get("nonce"))
        self.messages.setdefault(channel_id, []).append(message)
        return message

    # --- gateway -----------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 45000}, "s": None,
                                "t": None})
        pump: asyncio.Task | None = None
        sequence = itertools.count(1)
        try:
            async for frame in socket:
                if frame.type != WSMsgType.TEXT:
                    break
                message = json.loads(frame.data)
                if message["op"] == 1:  # heartbeat
                    await socket.send_json({"op": 11, "d": None, "s": None, "t": None})
                elif message["op"] == 2 and pump is None:  # identify
                    self.identified.append(message["d"])
                    await self._send_ready(socket, sequence)
                    pump = asyncio.create_task(self._pump(socket, sequence))
        finally:
            if pump is not None:
                pump.cancel()
            self.disconnects += 1
        return socket

    async def _send_ready(self, socket: web.WebSocketResponse, sequence) -> None:
        ready = {"v": 10, "user": bot_user(), "session_id": "fake-session",
                 "resume_gateway_url": self.gateway_url, "shard": [0, 1],
                 "guilds": [{"id": guild["id"], "unavailable": True}
                            for guild in self.ready_guilds],
                 "application": {"id": str(APPLICATION_ID), "flags": 0}}
        await socket.send_json({"op": 0, "t": "READY", "s": next(sequence), "d": ready})
        for guild in self.ready_guilds:
            await socket.send_json({"op": 0, "t": "GUILD_CREATE", "s": next(sequence),
                                    "d": guild})

    async def _pump(self, socket: web.WebSocketResponse, sequence) -> None:
        while True:
            event, data = await self.dispatch_queue.get()
            await socket.send_json({"op": 0, "t": event, "s": next(sequence), "d": data})


def _respond(reply: Reply) -> web.Response:
    if reply.status == 204 or reply.body is None:
        return web.Response(status=reply.status, headers=reply.headers)
    headers = {"Content-Type": "application/json", **reply.headers}
    return web.Response(status=reply.status, body=json.dumps(reply.body).encode(),
                        headers=headers)


def _application() -> dict:
    return {"id": str(APPLICATION_ID), "name": "claimwatch", "icon": None,
            "description": "", "bot_public": False, "bot_require_code_grant": False,
            "owner": human_user(1, "owner"), "verify_key": "00" * 32, "flags": 0,
            "summary": "", "team": None, "interactions_endpoint_url": None}


def _registered(command: dict, path: str) -> dict:
    registered = {"id": snowflake(), "application_id": str(APPLICATION_ID), "version": "1",
                  "default_member_permissions": None, "dm_permission": True, "nsfw": False,
                  "type": 1, "options": [], "description": "", **command}
    if "/guilds/" in path:
        registered["guild_id"] = path.split("/")[4]
    return registered


def _callback_answer(path: str, body: dict) -> dict:
    """What Discord answers an interaction callback sent `with_response=1`."""
    interaction_id = path.split("/")[2]
    kind = body.get("type")
    data = body.get("data") or {}
    answer: dict[str, Any] = {"interaction": {
        "id": interaction_id, "type": 2, "activity_instance_id": None,
        "response_message_loading": kind == 5,
        "response_message_ephemeral": bool(data.get("flags", 0) & 64)}}
    if kind in (4, 5, 7):
        message = message_payload(CHANNEL_ID, content=data.get("content") or "",
                                  embeds=data.get("embeds"), components=data.get("components"),
                                  flags=data.get("flags", 0))
        answer["interaction"]["response_message_id"] = message["id"]
        answer["resource"] = {"type": kind, "message": message}
    return answer
