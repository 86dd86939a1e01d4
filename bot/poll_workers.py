"""The CPU-heavy steps of a poll (parsing, page text, claim extraction), off the event loop.

A poll cycle with a few changed feeds does this work inline: starting processes would cost
more than it saves. Once a cycle has handed over more than `warm_after` units of work
(entries to extract: a first poll of many feeds, a burst of news), worker processes
start in the background and take the following jobs, so parsing and extraction use
every core while the event loop keeps fetching and the one SQLite connection writes.
The jobs are plain functions of plain data, so inline and worker results are the same.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Sequence

from bot.feed_parsing import ParsedFeed, parse_feed
from handlers.models import Article, Claim, Topic

log = logging.getLogger(__name__)

PRELOAD = ["bot.feed_parsing", "handlers.articles", "handlers.extraction", "feedparser"]


def parse_job(body: bytes, url: str, outlet: str,
              content_type: str) -> tuple[ParsedFeed, list[str]]:
    """Parse one feed document, with each entry's content fingerprint (raises `FeedError`
    when it is not a usable feed)."""
    from handlers.articles import fingerprint

    parsed = parse_feed(body, url=url, outlet=outlet, content_type=content_type)
    return parsed, [fingerprint(entry.article) for entry in parsed.entries]


def extract_job(articles: Sequence[Article], topics: Sequence[Topic],
                pages: Sequence[bytes | None]) -> list[tuple[Article, list[Claim]]]:
    """Claims for each article; an article page, when given, replaces a teaser's text."""
    from dataclasses import replace

    from handlers.extraction import extract_claims

    done = []
    for article, page in zip(articles, pages):
        if page:
            text = page_text(page, article.url)
            if len(text) > len(article.text):
                article = replace(article, text=text)
        has_text = bool(article.text.strip() or article.title.strip())
        try:
            claims = extract_claims(article, topics) if has_text else []
        except Exception:  # one article the engine trips on must not lose the feed
            log.exception("claim extraction failed for %s", article.url or article.id)
            claims = []
        done.append((article, claims))
    return done


def page_text(page: bytes, url: str) -> str:
    """The main text of an article page (trafilatura), as plain text; "" if none."""
    import trafilatura

    from bot.feed_parsing import html_to_text

    try:
        text = trafilatura.extract(page, url=url or None, include_comments=False,
                                   include_tables=False, favor_precision=True) or ""
    except Exception as error:  # a page trafilatura cannot read is a page without text
        log.info("no main text in %s: %s", url, error)
        return ""
    return html_to_text(text)


def _warm() -> int:
    import bot.feed_parsing  # noqa: F401
    import handlers.articles  # noqa: F401

    return os.getpid()


class WorkPool:
    """Runs jobs inline until the cycle proves busy, then in `workers` processes."""

    def __init__(self, workers: int | None = None, *, warm_after: int = 400) -> None:
        self.workers = (os.cpu_count() or 1) if workers is None else workers
        self.warm_after = warm_after
        self._work = 0
        self._executor = None
        self._ready = False

    async def run(self, job: Callable, *args, weight: int = 1):
        """`job(*args)`, in a worker once they are up; `weight` is its share of the work."""
        self._work += weight
        if self._ready:
            from concurrent.futures.process import BrokenProcessPool

            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(self._executor, job, *args)
            except BrokenProcessPool:  # a worker died (e.g. out of memory): carry on inline
                log.error("worker processes failed; parsing on the main process instead")
                self._ready, self.workers = False, 1
        if self.workers > 1 and self._executor is None and self._work > self.warm_after:
            self._start()
        return job(*args)

    def _start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
        loop = asyncio.get_running_loop()
        warming = [asyncio.wrap_future(self._executor.submit(_warm))
                   for _ in range(self.workers)]

        def ready(_future) -> None:
            self._ready = all(f.done() and not f.exception() for f in warming)

        for future in warming:
            future.add_done_callback(ready)
        log.debug("starting %d worker processes (%s)", self.workers, loop)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            self._ready = False
