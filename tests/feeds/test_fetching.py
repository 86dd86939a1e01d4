"""Fetching and polling against a real HTTP server on 127.0.0.1: validators, timeouts,
size caps, redirects, rate limits, broken documents and the chat-feed address guard."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime, timedelta

from aiohttp import web

from bot.feed_admin import check_and_add_feed
from bot.fetching import Fetcher
from bot.poll_workers import WorkPool
from bot.polling import PollOptions, failure_delay, poll_feeds
from storage.feeds import add_feed, get_feed
from tests.feeds.server import FeedServer, item, rss, static

CLOCK = lambda: datetime(2025, 6, 16, 12, tzinfo=UTC)  # noqa: E731
STORY = ("South Korea's intelligence service said on Monday that about 300 North Korean "
         "soldiers had been killed in the Kursk region.")


def run(scenario):
    return asyncio.run(scenario())


async def poll(db, fetcher, *, later: timedelta = timedelta(0), **options):
    return await poll_feeds(db, fetcher, now=lambda: CLOCK() + later,
                            options=PollOptions(**options), pool=WorkPool(workers=1))


def test_second_poll_sends_validators_and_records_304(db):
    async def scenario():
        async with FeedServer() as server:
            server.routes["feed"] = static(rss(item("a", "One", STORY)), etag='"v1"')
            add_feed(db, server.url("feed"))
            fetcher = Fetcher()
            try:
                first = await poll(db, fetcher)
                second = await poll(db, fetcher)
            finally:
                await fetcher.close()
            return server, first, second

    server, first, second = run(scenario)
    assert first[0].status == "ok" and first[0].new_articles == 1
    assert second[0].status == "not modified"
    assert server.hits("feed")[1]["If-None-Match"] == '"v1"'
    assert "claimwatch" in server.hits("feed")[0]["User-Agent"]
    assert "gzip" in server.hits("feed")[0]["Accept-Encoding"]
    feed = get_feed(db, server.url("feed"))
    assert feed.etag == '"v1"' and feed.failures == 0 and feed.last_success


def test_gzip_body_is_decoded(db):
    async def scenario():
        async with FeedServer() as server:
            body = gzip.compress(rss(item("a", "Packed", STORY)))
            server.routes["feed"] = static(body, headers={"Content-Encoding": "gzip"})
            fetcher = Fetcher()
            try:
                return await fetcher.fetch(server.url("feed"))
            finally:
                await fetcher.close()

    result = run(scenario)
    assert result.ok and b"Packed" in result.body


def test_slow_server_times_out_and_counts_a_failure(db):
    async def slow(request):
        await asyncio.sleep(1.5)
        return web.Response(body=rss())

    async def scenario():
        async with FeedServer() as server:
            server.routes["slow"] = slow
            add_feed(db, server.url("slow"))
            fetcher = Fetcher(timeout=1)
            try:
                return server, await poll(db, fetcher)
            finally:
                await fetcher.close()

    server, results = run(scenario)
    assert results[0].status == "error" and "timed out" in results[0].error
    feed = get_feed(db, server.url("slow"))
    assert feed.failures == 1 and "timed out" in feed.last_error and feed.next_poll


def test_endless_body_is_cut_at_the_cap_and_what_parsed_is_kept(db):
    async def endless(request):
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)
        await response.write(rss().split(b"</channel>")[0])
        number = 0
        try:
            while True:
                number += 1
                await response.write(item(f"n{number}", f"Entry {number}", "Words. " * 40)
                                     .encode())
        except (ConnectionResetError, RuntimeError):
            return response

    async def scenario():
        async with FeedServer() as server:
            server.routes["endless"] = endless
            add_feed(db, server.url("endless"))
            fetcher = Fetcher(max_bytes=64_000)
            try:
                direct = await fetcher.fetch(server.url("endless"))
                polled = await poll(db, fetcher)
            finally:
                await fetcher.close()
            return server, direct, polled

    server, direct, polled = run(scenario)
    assert direct.truncated and len(direct.body) == 64_000
    assert polled[0].status == "ok" and polled[0].new_articles > 10
    assert "cut at 64,000 bytes" in get_feed(db, server.url("endless")).last_error


def test_redirects_are_followed_up_to_five_and_loops_fail(db):
    def hop(target):
        async def handler(request):
            raise web.HTTPFound(target)
        return handler

    async def scenario():
        async with FeedServer() as server:
            for number in range(0, 6):
                server.routes[f"r{number}"] = hop(f"/r{number + 1}" if number < 5 else "/feed")
            server.routes["feed"] = static(rss(item("a", "Arrived", STORY)))
            server.routes["loop-a"] = hop("/loop-b")
            server.routes["loop-b"] = hop("/loop-a")
            fetcher = Fetcher()
            try:
                five = await fetcher.fetch(server.url("r1"))
                six = await fetcher.fetch(server.url("r0"))
                looped = await fetcher.fetch(server.url("loop-a"))
            finally:
                await fetcher.close()
            return five, six, looped, server

    five, six, looped, server = run(scenario)
    assert five.ok and b"Arrived" in five.body
    assert "too many redirects" in six.error
    assert "too many redirects" in looped.error
    assert len(server.hits("loop-a")) + len(server.hits("loop-b")) == 6


def test_429_retry_after_is_stored_and_respected(db):
    async def scenario():
        async with FeedServer() as server:
            server.routes["busy"] = static(b"slow down", status=429,
                                           headers={"Retry-After": "7200"})
            add_feed(db, server.url("busy"))
            fetcher = Fetcher()
            try:
                first = await poll(db, fetcher)
                again = await poll(db, fetcher)  # like `poll --once` a minute later
            finally:
                await fetcher.close()
            return server, first, again

    server, first, again = run(scenario)
    feed = get_feed(db, server.url("busy"))
    assert first[0].error.startswith("HTTP 429")
    assert feed.next_poll >= (CLOCK() + timedelta(seconds=7200)).isoformat(timespec="seconds")
    assert again == [] and len(server.hits("busy")) == 1


def test_backoff_doubles_with_jitter_and_never_undercuts_retry_after():
    assert failure_delay(300, 1, rand=lambda: 1.0) == 300
    assert failure_delay(300, 3, rand=lambda: 1.0) == 1200
    assert failure_delay(300, 3, rand=lambda: 0.0) == 600
    assert failure_delay(300, 30, rand=lambda: 1.0) == 6 * 3600
    assert failure_delay(300, 1, 5000, rand=lambda: 0.0) == 5000


def test_html_page_instead_of_a_feed_gets_a_clear_error(db):
    page = (b"<!doctype html><html><head><title>News</title><link rel='alternate' "
            b"type='application/rss+xml' href='https://example.invalid/rss'></head>"
            b"<body><p>Welcome</p></body></html>")

    async def scenario():
        async with FeedServer() as server:
            server.routes["page"] = static(page, content_type="text/html")
            add_feed(db, server.url("page"))
            fetcher = Fetcher()
            try:
                await poll(db, fetcher)
            finally:
                await fetcher.close()
            return server

    server = run(scenario)
    error = get_feed(db, server.url("page")).last_error
    assert "HTML page" in error and "https://example.invalid/rss" in error


def test_truncated_xml_yields_the_entries_before_the_cut(db):
    whole = rss(item("a", "First", STORY), item("b", "Second", "Plain words here."),
                item("c", "Third", "More words."))
    cut = whole[: whole.index(b"<title>Third")]

    async def scenario():
        async with FeedServer() as server:
            server.routes["cut"] = static(cut)
            add_feed(db, server.url("cut"))
            fetcher = Fetcher()
            try:
                return server, await poll(db, fetcher)
            finally:
                await fetcher.close()

    server, results = run(scenario)
    assert results[0].status == "ok" and results[0].new_articles >= 2
    assert get_feed(db, server.url("cut")).last_error.startswith("recovered:")


def test_entry_without_guid_or_link_is_stored_once(db):
    body = rss(item("", "No identity", "A plain entry without guid or link."))

    async def scenario():
        async with FeedServer() as server:
            server.routes["bare"] = static(body)
            add_feed(db, server.url("bare"))
            fetcher = Fetcher()
            try:
                return await poll(db, fetcher), await poll(db, fetcher)
            finally:
                await fetcher.close()

    first, second = run(scenario)
    assert first[0].new_articles == 1 and second[0].new_articles == 0
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert db.execute("SELECT entry_key FROM articles").fetchone()[0].split("#")[1].startswith(
        "sha256:")


def test_chat_feed_on_loopback_is_refused_at_connect_time_unless_allowed(db):
    async def scenario():
        async with FeedServer() as server:
            server.routes["feed"] = static(rss(item("a", "Local", STORY)))
            url = server.url("feed")
            guarded = Fetcher()
            trusting = Fetcher(allow_private_from_chat=True)
            try:
                added = await check_and_add_feed(db, guarded, url, added_by="chat")
                add_feed(db, url, added_by="chat")  # as if it resolved publicly when added
                refused = await poll(db, guarded)
                hits_while_refused = len(server.hits("feed"))
                allowed = await poll(db, trusting, later=timedelta(days=1))
                file_refused = await check_and_add_feed(db, guarded, "file:///etc/passwd",
                                                        added_by="chat")
            finally:
                await guarded.close()
                await trusting.close()
            return added, refused, hits_while_refused, allowed, file_refused

    added, refused, hits_while_refused, allowed, file_refused = run(scenario)
    assert not added.ok and "refused to connect to 127.0.0.1" in added.text
    assert refused[0].status == "error" and "refused to connect" in refused[0].error
    assert hits_while_refused == 0
    assert allowed[0].status == "ok" and allowed[0].new_articles == 1
    assert not file_refused.ok and "operator" in file_refused.text


def test_operator_feed_may_use_loopback_and_file_urls(db, tmp_path):
    path = tmp_path / "local.xml"
    path.write_bytes(rss(item("a", "From disk", STORY)))

    async def scenario():
        fetcher = Fetcher()
        try:
            return await check_and_add_feed(db, fetcher, path.as_uri(), added_by="operator")
        finally:
            await fetcher.close()

    reply = run(scenario)
    assert reply.ok and get_feed(db, path.as_uri()).added_by == "operator"


def test_feed_that_disappears_and_comes_back(db):
    body = rss(item("a", "Still here", STORY))

    async def scenario():
        async with FeedServer() as server:
            server.routes["feed"] = static(body)
            add_feed(db, server.url("feed"))
            fetcher = Fetcher()
            try:
                await poll(db, fetcher)
                del server.routes["feed"]
                gone = await poll_feeds(db, fetcher, now=lambda: CLOCK() + timedelta(hours=1),
                                        pool=WorkPool(workers=1))
                failing = get_feed(db, server.url("feed"))
                server.routes["feed"] = static(rss(item("a", "Still here", STORY),
                                                   item("b", "Back again", "Words.")))
                back = await poll_feeds(db, fetcher, now=lambda: CLOCK() + timedelta(days=1),
                                        pool=WorkPool(workers=1))
            finally:
                await fetcher.close()
            return server, gone, failing, back

    server, gone, failing, back = run(scenario)
    assert gone[0].error.startswith("HTTP 404") and failing.failures == 1
    assert back[0].status == "ok" and back[0].new_articles == 1
    feed = get_feed(db, server.url("feed"))
    assert feed.failures == 0 and feed.last_error == "" and feed.state == "active"
