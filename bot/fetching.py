"""Fetching feed documents over HTTP(S) or from `file://` paths.

One shared aiohttp session per process; conditional requests with the validators stored
per feed; a cap on the body size and a timeout so a huge or slow response costs at most
that much. Errors come back as a `FetchResult` with a one-line `error`, never raised.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

USER_AGENT = "claimwatch/0.1 (+https://github.com/claimwatch/claimwatch; casualty-claim monitor)"
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchResult:
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    error: str = ""
    retry_after: float | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return not self.error and self.status in (200, 304)


class Fetcher:
    def __init__(self, *, max_bytes: int = 10_000_000, timeout: float = 20.0,
                 max_concurrency: int = 50, per_host: int = 4) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.max_concurrency = max_concurrency
        self.per_host = per_host
        self._session = None

    async def fetch(self, url: str, *, etag: str | None = None,
                    last_modified: str | None = None) -> FetchResult:
        scheme = urlparse(url).scheme.lower()
        if scheme == "file":
            return await asyncio.to_thread(read_file_feed, url, self.max_bytes)
        if scheme not in ("http", "https"):
            return FetchResult(0, error=f"unsupported URL scheme {scheme!r}")
        try:
            return await self._fetch_http(url, etag, last_modified)
        except TimeoutError:
            return FetchResult(0, error=f"timed out after {self.timeout:g}s")
        except Exception as error:  # aiohttp raises many kinds; each is a feed error
            return FetchResult(0, error=f"{type(error).__name__}: {error}"[:300])

    async def _fetch_http(self, url: str, etag: str | None,
                          last_modified: str | None) -> FetchResult:

        session = await self._session_for()
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        async with session.get(url, headers=headers, max_redirects=MAX_REDIRECTS) as response:
            validators = {"etag": response.headers.get("ETag"),
                          "last_modified": response.headers.get("Last-Modified")}
            if response.status == 304:
                return FetchResult(304, etag=etag, last_modified=last_modified)
            if response.status >= 400:
                return FetchResult(response.status, error=f"HTTP {response.status}",
                                   retry_after=_retry_after(response.headers))
            body = await _read_capped(response.content, self.max_bytes)
            if body is None:
                return FetchResult(response.status,
                                   error=f"response larger than {self.max_bytes:,} bytes")
            return FetchResult(response.status, body=body, **validators)

    async def _session_for(self):
        import aiohttp

        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.max_concurrency,
                                             limit_per_host=self.per_host)
            timeout = aiohttp.ClientTimeout(total=self.timeout, sock_connect=self.timeout / 2)
            self._session = aiohttp.ClientSession(
                connector=connector, timeout=timeout, headers={"User-Agent": USER_AGENT},
                auto_decompress=True)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


async def _read_capped(stream, max_bytes: int) -> bytes | None:
    chunks, size = [], 0
    async for chunk in stream.iter_chunked(65536):
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _retry_after(headers) -> float | None:
    value = headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def read_file_feed(url: str, max_bytes: int) -> FetchResult:
    """A `file://` feed (allowed from config and the CLI only)."""
    path = Path(unquote(urlparse(url).path))
    try:
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
    except OSError as error:
        return FetchResult(0, error=f"cannot read {path}: {error.strerror or error}")
    if len(body) > max_bytes:
        return FetchResult(0, error=f"file larger than {max_bytes:,} bytes")
    return FetchResult(200, body=body)
