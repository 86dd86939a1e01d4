"""The Discord and Slack fakes, with the platforms' dedupe rules and a stall to kill during.

`DedupingDiscord` answers a message POST whose `nonce` it has seen in that channel in the
last few minutes, with `enforce_nonce`, with the message it already created (Discord's
rule). Slack's fake already keeps metadata and answers `conversations.history` with it.
Both can be armed to stall the next message post (after letting `let_through` posts
pass), either after keeping the message (the platform posted, the answer never came
back) or before (nothing posted): the test kills the delivering process meanwhile.
"""

from __future__ import annotations

import asyncio
import threading
import time

from aiohttp import web

from tests.discord.fake_discord import FakeDiscord, Reply, _respond
from tests.slack.fake_slack import FakeSlack

NONCE_WINDOW = 300.0  # seconds; Discord keeps enforced nonces "for a few minutes"
POST_DELAY = 0.04  # seconds each post takes, so a delivery run is long enough to interrupt


class Stall:
    """One armed stall: which post to hold, whether it is kept first, and the signals."""

    def __init__(self) -> None:
        self.armed = False
        self.let_through = 0
        self.keep_first = True
        self.stalled = threading.Event()
        self.release: asyncio.Event | None = None

    def arm(self, *, let_through: int, keep_first: bool, loop) -> None:
        self.let_through, self.keep_first = let_through, keep_first
        self.stalled.clear()
        self.release = asyncio.Event()
        self.armed = True

    def disarm(self, loop) -> None:
        self.armed = False
        if self.release is not None:
            loop.call_soon_threadsafe(self.release.set)

    def should_stall(self) -> bool:
        if not self.armed:
            return False
        if self.let_through > 0:
            self.let_through -= 1
            return False
        self.armed = False
        return True

    async def hold(self) -> None:
        self.stalled.set()
        assert self.release is not None
        await self.release.wait()


class DedupingDiscord(FakeDiscord):
    def __init__(self) -> None:
        super().__init__()
        self.stall = Stall()
        self._nonces: dict[tuple[str, str], tuple[float, dict]] = {}

    async def _api(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        if request.method != "POST" or not path.endswith("/messages"):
            return await super()._api(request)
        recorded = await self._record(request, path)
        await asyncio.sleep(POST_DELAY)
        body = recorded.json or {}
        channel = path.split("/")[2]
        nonce = body.get("nonce")
        known = self._nonces.get((channel, str(nonce)))
        stalling = self.stall.should_stall()
        if stalling and not self.stall.keep_first:
            await self.stall.hold()
            return _respond(Reply(500, {"message": "stalled", "code": 0}))
        if nonce and body.get("enforce_nonce") and known and \
                time.monotonic() - known[0] < NONCE_WINDOW:
            message = known[1]
        else:
            message = self._keep_message(recorded, None)
            if nonce:
                self._nonces[(channel, str(nonce))] = (time.monotonic(), message)
        recorded.answer = message
        if stalling:
            await self.stall.hold()
        return _respond(Reply(200, message))

    def alert_messages(self) -> list[dict]:
        return [message for messages in self.messages.values() for message in messages]


class StallingSlack(FakeSlack):
    def __init__(self) -> None:
        super().__init__()
        self.stall = Stall()

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] != "chat.postMessage":
            return await super()._api(request)
        await asyncio.sleep(POST_DELAY)
        if not self.stall.should_stall():
            return await super()._api(request)
        if self.stall.keep_first:
            answer = await super()._api(request)
            await self.stall.hold()
            return answer
        await self.stall.hold()
        return web.json_response({"ok": False, "error": "internal_error"})

    def alert_keys(self) -> list[str]:
        keys = []
        for messages in self.messages.values():
            for message in messages:
                payload = (message.get("metadata") or {}).get("event_payload") or {}
                if payload.get("alert_key"):
                    keys.append(payload["alert_key"])
        return keys


class FakesThread:
    """Both fakes served from one event loop in a background thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> FakesThread:
        self._thread.start()
        self.discord = self.run(self._start_discord())
        self.slack = self.run(self._start_slack())
        return self

    def __exit__(self, *exc_info) -> None:
        for stall in (self.discord.stall, self.slack.stall):
            stall.disarm(self.loop)
        self.run(self.discord.close())
        self.run(self.slack.__aexit__(None, None, None))
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    async def _start_discord(self) -> DedupingDiscord:
        return await DedupingDiscord().start()

    async def _start_slack(self) -> StallingSlack:
        slack = StallingSlack()
        await slack.__aenter__()
        return slack

    def arm(self, stall: Stall, *, let_through: int, keep_first: bool) -> None:
        self.loop.call_soon_threadsafe(
            lambda: stall.arm(let_through=let_through, keep_first=keep_first, loop=self.loop))


__all__ = ["DedupingDiscord", "FakesThread", "Reply", "StallingSlack"]
