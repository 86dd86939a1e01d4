"""A fake Slack on 127.0.0.1 for slack_sdk and slack-bolt to talk to, recording every call.

    async with FakeSlack() as slack:
        client = AsyncWebClient(token="xoxb-test", base_url=slack.base_url)
        slack.add_user("U1", admin=True)
        slack.rate_limit_next("chat.postMessage", retry_after=7)
        ...
        assert slack.calls_to("chat.postMessage")[0].args["channel"] == "C1"

It serves the Web API methods claimwatch uses under `/api/<method>` (arguments are read
from the query string, a form or a JSON body, as slack_sdk sends them), the response URLs
that `respond()` posts to (`slack.response_url()`), file uploads, and a Socket Mode
WebSocket (`apps.connections.open` returns its `ws://` URL; `send_envelope` pushes an
envelope; acknowledgements land in `socket_acks`). Posted messages are kept per channel
with their metadata, so `conversations.history` answers like Slack would. Any method can
be made to fail once with `fail_next` or `rate_limit_next`; a channel can be made to
answer every call with an error (`close_channel`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

TEAM_ID = "T0CLAIM"
BOT_USER = "UBOTCW"
CHANNEL_METHODS = {"chat.postMessage", "chat.postEphemeral", "conversations.history",
                   "files.completeUploadExternal"}


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Scripted:
    status: int
    body: dict
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.responses: list[dict] = []  # what respond() posted to a response_url
        self.uploads: list[bytes] = []
        self.messages: dict[str, list[dict]] = {}  # channel -> messages, oldest first
        self.users: dict[str, dict] = {}
        self.usergroups: list[dict] = []
        self.usergroup_members: dict[str, list[str]] = {}
        self.closed_channels: dict[str, str] = {}
        self.socket_acks: list[dict] = []
        self._scripted: dict[str, list[Scripted]] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._ts = itertools.count(1)
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---------------------------------------------------------------- lifecycle

    async def __aenter__(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{name}", self._respond)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc_info) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{name}"

    # ---------------------------------------------------------------- scripting

    def add_user(self, user_id: str, *, admin: bool = False, owner: bool = False) -> None:
        self.users[user_id] = {"id": user_id, "team_id": TEAM_ID, "name": user_id.lower(),
                               "is_admin": admin, "is_owner": owner}

    def add_usergroup(self, handle: str, members: list[str], *, name: str = "") -> str:
        group_id = f"S{len(self.usergroups) + 1:04d}"
        self.usergroups.append({"id": group_id, "team_id": TEAM_ID, "handle": handle,
                                "name": name or handle})
        self.usergroup_members[group_id] = list(members)
        return group_id

    def fail_next(self, method: str, error: str, *, status: int = 200,
                  headers: dict[str, str] | None = None) -> None:
        self._scripted.setdefault(method, []).append(
            Scripted(status, {"ok": False, "error": error}, headers or {}))

    def rate_limit_next(self, method: str, *, retry_after: int) -> None:
        self.fail_next(method, "ratelimited", status=429,
                       headers={"Retry-After": str(retry_after)})

    def close_channel(self, channel: str, error: str = "channel_not_found") -> None:
        self.closed_channels[channel] = error

    def add_message(self, channel: str, message: dict) -> str:
        """Put a message into a channel as if it had been posted earlier; returns its ts."""
        ts = self._next_ts()
        self.messages.setdefault(channel, []).append({"type": "message", "ts": ts, **message})
        return ts

    # ---------------------------------------------------------------- inspection

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until `condition()` holds after some recorded call (fails after `timeout`)."""
        async def until() -> None:
            while not condition():
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(until(), timeout)

    async def send_envelope(self, envelope: dict) -> None:
        await self.wait_for(lambda: bool(self._sockets))
        for socket in self._sockets:
            await socket.send_json(envelope)

    # ---------------------------------------------------------------- HTTP handlers

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        self._record(Call(method, args, dict(request.headers)))
        if not request.headers.get("Authorization", "").startswith("Bearer x"):
            return web.json_response({"ok": False, "error": "not_authed"})
        scripted = self._scripted.get(method)
        if scripted:
            answer = scripted.pop(0)
            return web.json_response(answer.body, status=answer.status, headers=answer.headers)
        channel = str(args.get("channel") or args.get("channel_id") or "")
        if method in CHANNEL_METHODS and channel in self.closed_channels:
            return web.json_response({"ok": False, "error": self.closed_channels[channel]})
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        try:
            return web.json_response({"ok": True, **handler(args)})
        except _ApiError as error:
            return web.json_response({"ok": False, "error": str(error)})

    async def _respond(self, request: web.Request) -> web.Response:
        payload = await request.json()
        payload["_url_name"] = request.match_info["name"]
        self.responses.append(payload)
        self._record(None)
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads.append(await request.read())
        self._record(None)
        return web.Response(text="OK - uploaded")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"type": "hello", "num_connections": 1,
                                "connection_info": {"app_id": "A0CLAIM"}})
        self._sockets.append(socket)
        self._record(None)
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(message.data))
                self._record(None)
        self._sockets.remove(socket)
        return socket

    def _record(self, call: Call | None) -> None:
        if call is not None:
            self.calls.append(call)
        self._changed.set()

    def _next_ts(self) -> str:
        number = next(self._ts)  # Slack's ts: the post time in seconds, unique per channel
        return f"{int(time.time())}.{number:06d}"

    # ---------------------------------------------------------------- Web API methods

    def _auth_test(self, args: dict) -> dict:
        return {"url": "https://claimwatch-test.slack.com/", "team": "claimwatch test",
                "user": "claimwatch", "team_id": TEAM_ID, "user_id": BOT_USER,
                "bot_id": "B0CLAIM"}

    def _chat_postMessage(self, args: dict) -> dict:
        channel = str(args["channel"])
        message = {"text": args.get("text", ""), "user": BOT_USER,
                   "blocks": _json_field(args.get("blocks")) or []}
        metadata = _json_field(args.get("metadata"))
        if metadata:
            message["metadata"] = metadata
        ts = self.add_message(channel, message)
        return {"channel": channel, "ts": ts, "message": message}

    def _chat_postEphemeral(self, args: dict) -> dict:
        return {"message_ts": self._next_ts()}

    def _conversations_history(self, args: dict) -> dict:
        messages = self.messages.get(str(args["channel"]), [])
        oldest = float(args.get("oldest") or 0)
        with_metadata = _truthy(args.get("include_all_metadata"))
        newest_first = [m for m in reversed(messages) if float(m["ts"]) >= oldest]
        limit = int(args.get("limit") or 100)
        shown = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                 for m in newest_first[:limit]]
        return {"messages": shown, "has_more": len(newest_first) > limit}

    def _users_info(self, args: dict) -> dict:
        user = self.users.get(str(args.get("user")))
        if user is None:
            raise _ApiError("user_not_found")
        return {"user": user}

    def _usergroups_list(self, args: dict) -> dict:
        return {"usergroups": self.usergroups}

    def _usergroups_users_list(self, args: dict) -> dict:
        return {"users": self.usergroup_members.get(str(args.get("usergroup")), [])}

    def _apps_connections_open(self, args: dict) -> dict:
        return {"url": f"ws://127.0.0.1:{self.port}/socket"}

    def _files_getUploadURLExternal(self, args: dict) -> dict:
        file_id = f"F{len(self.uploads) + 1:04d}"
        return {"upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}",
                "file_id": file_id}

    def _files_completeUploadExternal(self, args: dict) -> dict:
        files = _json_field(args.get("files")) or []
        return {"files": [{"id": f["id"], "title": f.get("title", "")} for f in files]}


class _ApiError(Exception):
    pass


async def _arguments(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            args.update(await request.json())
        else:
            args.update(dict(await request.post()))
    return args


def _json_field(value: Any) -> Any:
    """slack_sdk sends structured arguments as JSON text in forms and as objects in JSON."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _truthy(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True")
