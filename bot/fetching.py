"""Fetching feed documents and article pages over HTTP(S) or from `file://` paths.

Polite and bounded: conditional requests with the validators stored per feed, gzip, a
clear User-Agent, a global and a per-host concurrency limit, a timeout for the whole
fetch, a cap on the (decompressed) body and at most five redirects, followed here so
each hop is checked. Feeds added from chat go through a second connector whose sockets
refuse non-public addresses (see `bot.url_safety`). Errors come back as a `FetchResult`
with a one-line `error`, never raised.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bot.url_safety import (
    CHAT,
    OPERATOR,
    UnsafeAddressError,
    public_only_socket,
    scheme_error,
)

USER_AGENT = "claimwatch/0.1 (+https://github.com/claimwatch/claimwatch; casualty-claim monitor)"
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")


@dataclass(frozen=True)
class FetchResult:
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    error: str = ""
    retry_after: float | None = None
    content_type: str = ""
    final_url: str = ""
    truncated: bool = False

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return not self.error and self.status in (200, 304)


class Fetcher:
    """One per process; holds the shared session(s). Call `close()` when done."""

    def __init__(self, *, max_bytes: int = 10_000_000, timeout: float = 20.0,
                 max_concurrency: int = 50, per_host: int = 4,
                 allow_private_from_chat: bool = False, user_agent: str = USER_AGENT) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.max_concurrency = max_concurrency
        self.per_host = per_host
        self.allow_private_from_chat = allow_private_from_chat
        self.user_agent = user_agent
        self._sessions: dict[bool, object] = {}
        self._global: asyncio.Semaphore | None = None
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.per_host))

    async def fetch(self, url: str, *, etag: str | None = None,
                    last_modified: str | None = None, added_by: str = OPERATOR,
                    accept: str = FEED_ACCEPT) -> FetchResult:
        """Fetch `url` (conditionally when validators are given); never raises."""
        refused = scheme_error(url, added_by)
        if refused:
            return FetchResult(0, error=refused)
        if urlparse(url).scheme.lower() == "file":
            return await asyncio.to_thread(read_file_feed, url, self.max_bytes)
        guarded = added_by == CHAT and not self.allow_private_from_chat
        try:
            async with asyncio.timeout(self.timeout):
                return await self._follow(url, etag, last_modified, guarded, accept)
        except TimeoutError:
            return FetchResult(0, error=f"timed out after {self.timeout:g}s")
        except Exception as error:  # aiohttp raises many kinds; each is a feed error
            return FetchResult(0, error=_one_line(error))

    async def _follow(self, url: str, etag: str | None, last_modified: str | None,
                      guarded: bool, accept: str) -> FetchResult:
        """GET with redirects followed here: each hop must be http(s) and is re-checked."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _hop in range(MAX_REDIRECTS + 1):
            result, location = await self._get(url, headers, guarded)
            if location is None:
                return result
            url = urljoin(url, location)
            if urlparse(url).scheme.lower() not in ("http", "https"):
                return FetchResult(0, error=f"redirect to a non-http URL refused: {url[:200]}")
        return FetchResult(0, error=f"too many redirects (more than {MAX_REDIRECTS})")

    async def _get(self, url: str, headers: dict, guarded: bool) -> tuple[FetchResult,
                                                                           str | None]:
        session = self._session(guarded)
        async with self._limits(url), session.get(url, headers=headers,
                                                  allow_redirects=False) as response:
            location = response.headers.get("Location")
            if response.status in REDIRECTS and location:
                return FetchResult(response.status), location
            if response.status == 304:
                return FetchResult(304, etag=headers.get("If-None-Match"),
                                   last_modified=headers.get("If-Modified-Since"),
                                   final_url=url), None
            if response.status >= 400:
                return FetchResult(response.status, error=f"HTTP {response.status} "
                                   f"{response.reason or ''}".strip(), final_url=url,
                                   retry_after=retry_after_seconds(
                                       response.headers.get("Retry-After"))), None
            body, truncated = await read_capped(response.content, self.max_bytes)
            return FetchResult(response.status, body=body, truncated=truncated,
                               etag=response.headers.get("ETag"),
                               last_modified=response.headers.get("Last-Modified"),
                               content_type=response.headers.get("Content-Type", ""),
                               final_url=url), None

    def _limits(self, url: str):
        """Hold a per-host slot, then a global one, for the duration of one request.

        The host slot comes first so requests queued behind a busy host do not hold
        global slots that other hosts could use.
        """
        if self._global is None:
            self._global = asyncio.Semaphore(self.max_concurrency)
        return _Both(self._hosts[urlparse(url).netloc.lower()], self._global)

    def _session(self, guarded: bool):
        import aiohttp

        session = self._sessions.get(guarded)
        if session is None or session.closed:
            connector = aiohttp.TCPConnector(
                limit=self.max_concurrency, limit_per_host=self.per_host,
                socket_factory=public_only_socket if guarded else None)
            timeout = aiohttp.ClientTimeout(total=self.timeout, sock_connect=self.timeout / 2,
                                            sock_read=self.timeout)
            session = aiohttp.ClientSession(
                connector=connector, timeout=timeout, auto_decompress=True,
                headers={"User-Agent": self.user_agent})
            self._sessions[guarded] = session
        return session

    async def close(self) -> None:
        for session in self._sessions.values():
            await session.close()
        self._sessions.clear()


class _Both:
    def __init__(self, *semaphores: asyncio.Semaphore) -> None:
        self.semaphores = semaphores

    async def __aenter__(self) -> None:
        for semaphore in self.semaphores:
            await semaphore.acquire()

    async def __aexit__(self, *exc) -> None:
        for semaphore in reversed(self.semaphores):
            semaphore.release()


async def read_capped(stream, max_bytes: int) -> tuple[bytes, bool]:
    """At most `max_bytes` of the body, and whether it was cut there."""
    chunks, size = [], 0
    async for chunk in stream.iter_chunked(65536):
        room = max_bytes - size
        if len(chunk) > room:
            chunks.append(chunk[:room])
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _one_line(error: Exception) -> str:
    refused = getattr(error, "os_error", None)
    if isinstance(refused, UnsafeAddressError):
        return str(refused)
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__


def read_file_feed(url: str, max_bytes: int) -> FetchResult:
    """A `file://` feed (allowed from config and the CLI only)."""
    path = Path(unquote(urlparse(url).path))
    try:
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
    except OSError as error:
        return FetchResult(0, error=f"cannot read {path}: {error.strerror or error}")
    return FetchResult(200, body=body[:max_bytes], truncated=len(body) > max_bytes,
                       final_url=url)
