"""A scriptable feed server on 127.0.0.1 for the feed tests: routes are plain functions
of the request, and every request is recorded (path and headers)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class FeedServer:
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[tuple[str, dict]] = field(default_factory=list)
    base: str = ""
    _runner: web.AppRunner | None = None

    async def __aenter__(self) -> FeedServer:
        app = web.Application()
        app.router.add_route("GET", "/{path:.*}", self._dispatch)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc) -> None:
        await self._runner.cleanup()

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def hits(self, path: str) -> list[dict]:
        return [headers for seen, headers in self.requests if seen == "/" + path.lstrip("/")]

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.path, dict(request.headers)))
        handler = self.routes.get(request.path.lstrip("/"))
        if handler is None:
            return web.Response(status=404, text="not here")
        return await handler(request)


def rss(*items: str, title: str = "Test wire") -> bytes:
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>{title}</title><link>http://example.invalid/</link>"
            f"<description>test</description>{''.join(items)}</channel></rss>").encode()


def item(guid: str, title: str, text: str, *, date: str = "Mon, 02 Jun 2025 10:00:00 GMT",
         link: str | None = None) -> str:
    link_tag = f"<link>{link}</link>" if link else ""
    guid_tag = f"<guid isPermaLink='false'>{guid}</guid>" if guid else ""
    return (f"<item>{guid_tag}{link_tag}<title>{title}</title><pubDate>{date}</pubDate>"
            f"<description><![CDATA[{text}]]></description></item>")


def static(body: bytes, *, content_type: str = "application/rss+xml", etag: str | None = None,
           status: int = 200, headers: dict | None = None) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        if etag and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        extra = dict(headers or {})
        if etag:
            extra["ETag"] = etag
        return web.Response(status=status, body=body, content_type=content_type,
                            headers=extra)

    return handler
