"""Pausing with one notice, resuming, OPML, `feeds explain`, edited and syndicated
entries, article pages, and a sweep over feedparser's own test corpus, over loopback."""

from __future__ import annotations

import asyncio
import io
import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console

from bot.console import ConsoleSender
from bot.delivery import deliver_notices
from bot.feed_admin import check_and_add_feed, explain_feed_live, resume
from bot.fetching import Fetcher
from bot.opml import export_opml, import_opml, read_outlines
from bot.poll_workers import WorkPool
from bot.polling import PollOptions, poll_feeds
from handlers.commands import Actor, list_feeds, subscribe
from storage.feeds import add_feed, get_feed
from storage.feeds import list_feeds as stored_feeds
from storage.notices import list_notices
from storage.outbox import list_alerts
from tests.conftest import SHARED
from tests.feeds.server import FeedServer, item, rss, static

START = datetime(2025, 6, 16, 12, tzinfo=UTC)
KILLED_300 = ("South Korea's intelligence service said on Monday that about 300 North Korean "
              "soldiers had been killed in the Kursk region.")
KILLED_600 = ("South Korea's intelligence service said on Thursday that about 600 North Korean "
              "soldiers had been killed in the Kursk region.")


async def poll_at(db, fetcher, hours: float, **options):
    return await poll_feeds(db, fetcher, now=lambda: START + timedelta(hours=hours),
                            options=PollOptions(**options), pool=WorkPool(workers=1))


def test_pause_after_n_failures_tells_each_channel_once_and_resume_works(db_with_topics):
    db = db_with_topics
    subscribe(db, Actor("console", "stdout", can_manage=True), "dprk")
    subscribe(db, Actor("console", "stdout", can_manage=True), "gaza")  # same channel

    async def scenario():
        async with FeedServer() as server:
            server.routes["feed"] = static(b"broken", status=500)
            add_feed(db, server.url("feed"), title="Flaky wire")
            fetcher = Fetcher()
            try:
                for hour in range(0, 30, 6):  # far enough apart to outlast each backoff
                    await poll_at(db, fetcher, hour, pause_after_failures=3)
            finally:
                await fetcher.close()
            return server

    server = run(scenario)
    url = server.url("feed")
    assert len(server.hits("feed")) == 3  # paused feeds are not polled
    feed = get_feed(db, url)
    assert feed.state == "paused" and "3 failures in a row" in feed.last_error
    notices = list_notices(db)
    assert len(notices) == 1 and "claimwatch feeds resume " + url in notices[0].text

    printed = io.StringIO()
    senders = {"console": ConsoleSender(Console(file=printed, width=400))}
    first = asyncio.run(deliver_notices(db, senders, now=lambda: START + timedelta(days=2)))
    second = asyncio.run(deliver_notices(db, senders, now=lambda: START + timedelta(days=2)))
    assert first.sent == 1 and second.sent == 0
    assert "Feed paused: Flaky wire" in printed.getvalue()
    assert "PAUSED" in list_feeds(db).text

    assert resume(db, url).ok
    assert get_feed(db, url).state == "active" and get_feed(db, url).failures == 0


def test_adding_a_paused_feed_again_resumes_it(db):
    async def scenario():
        async with FeedServer() as server:
            server.routes["feed"] = static(rss(item("a", "Fine", KILLED_300)))
            add_feed(db, server.url("feed"))
            db.execute("UPDATE feeds SET state = 'paused'")
            fetcher = Fetcher(allow_private_from_chat=True)
            try:
                return server, await check_and_add_feed(db, fetcher, server.url("feed"),
                                                        added_by="chat")
            finally:
                await fetcher.close()

    server, reply = run(scenario)
    assert reply.ok and "Resumed" in reply.text
    assert get_feed(db, server.url("feed")).state == "active"


def test_feeds_list_shows_state_last_success_error_and_next_poll(db):
    feed = add_feed(db, "http://example.invalid/rss")
    db.execute("UPDATE feeds SET last_success = '2025-06-16T12:00:00+00:00', "
               "next_poll = '2025-06-16T12:05:00+00:00', last_error = 'HTTP 503', "
               "failures = 2 WHERE id = ?", [feed.id])
    text = list_feeds(db).text
    assert "active" in text and "last success 2025-06-16 12:00 UTC" in text
    assert "next poll 2025-06-16 12:05 UTC" in text
    assert "last error (2 failures in a row): HTTP 503" in text


def test_opml_round_trip_keeps_every_feed(db):
    outline = (b"<?xml version='1.0'?><opml version='1.0'><head><title>mine</title></head>"
               b"<body><outline text='World'><outline text='Wire A' type='rss' "
               b"xmlUrl='https://a.example/rss'/><outline text='Wire B' type='rss' "
               b"xmlUrl='http://b.example/atom.xml'/></outline>"
               b"<outline text='Bad' xmlUrl='gopher://c.example/'/></body></opml>")
    report = import_opml(db, outline)
    assert report.added == ["https://a.example/rss", "http://b.example/atom.xml"]
    assert [url for url, _ in report.refused] == ["gopher://c.example/"]
    assert import_opml(db, outline).existing == report.added

    exported = export_opml(db)
    assert [url for url, _ in read_outlines(exported)] == report.added
    assert ("https://a.example/rss", "Wire A") in read_outlines(exported)
    assert all(feed.added_by == "operator" for feed in stored_feeds(db))


def test_explain_says_why_each_entry_did_or_did_not_alert(db_with_topics):
    db = db_with_topics
    subscribe(db, Actor("console", "stdout", can_manage=True), "dprk")
    first = rss(item("a", "Losses reported", KILLED_300),
                item("b", "Council budget", "The council approved the roads budget."))
    later = rss(item("a", "Losses reported", KILLED_300),
                item("b2", "Council budget", "The council approved the roads budget."),
                item("c", "Losses rise", KILLED_600, date="Thu, 05 Jun 2025 10:00:00 GMT"),
                item("d", "Weather", "Sunny skies all week."))

    async def scenario():
        async with FeedServer() as server:
            server.routes["feed"] = static(first)
            add_feed(db, server.url("feed"))
            fetcher = Fetcher()
            try:
                await poll_at(db, fetcher, 0)
                server.routes["feed"] = static(later)
                before = await explain_feed_live(db, fetcher, server.url("feed"))
                await poll_at(db, fetcher, 1)
                after = await explain_feed_live(db, fetcher, server.url("feed"))
            finally:
                await fetcher.close()
            return before, after

    before, after = run(scenario)
    lines = dict(line[2:].split(": ", 1) for line in before.text.splitlines()[1:])
    assert lines["Losses reported"].startswith("recorded without alerting")
    assert lines["Council budget"].startswith("seen before")  # same text, new guid
    assert lines["Losses rise"].startswith("new")
    after_lines = dict(line[2:].split(": ", 1) for line in after.text.splitlines()[1:])
    assert after_lines["Losses rise"].startswith("alerted")
    assert after_lines["Weather"].startswith("no claim found")


def test_edited_entry_alerts_only_for_a_new_figure_and_syndication_corroborates(
        db_with_topics):
    db = db_with_topics
    subscribe(db, Actor("console", "stdout", can_manage=True), "dprk")
    original = rss(item("a", "Losses reported", KILLED_300), title="Wire One")
    retitled = rss(item("a", "Losses reported (updated)", KILLED_300), title="Wire One")
    new_figure = rss(item("a", "Losses reported (updated)", KILLED_600,
                          date="Thu, 05 Jun 2025 10:00:00 GMT"), title="Wire One")
    syndicated = rss(item("x", "Losses reported", KILLED_300), title="Wire Two")

    async def scenario():
        async with FeedServer() as server:
            server.routes["one"] = static(original)
            add_feed(db, server.url("one"))
            fetcher = Fetcher()
            try:
                await poll_at(db, fetcher, 0)
                server.routes["one"] = static(retitled)
                edited = await poll_at(db, fetcher, 1)
                server.routes["one"] = static(new_figure)
                grown = await poll_at(db, fetcher, 2)
                server.routes["two"] = static(syndicated)
                add_feed(db, server.url("two"))
                db.execute("UPDATE feeds SET initialized = 1")
                copied = await poll_at(db, fetcher, 3)
            finally:
                await fetcher.close()
            return edited, grown, copied

    edited, grown, copied = run(scenario)
    assert edited[0].alerts == 0 and edited[0].outcomes[0].startswith("edited")
    assert grown[0].alerts == 1
    assert [alert.claim.low for alert in list_alerts(db)] == [600]
    two = next(result for result in copied if result.feed.title == "" and result.entries)
    assert two.new_articles == 1 and two.alerts == 0
    sources = db.execute("SELECT count(*) FROM claim_sources cs JOIN claims c ON "
                         "c.id = cs.claim_id WHERE c.low = 300").fetchone()[0]
    assert sources == 2  # the syndicated copy corroborates the 300
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_teaser_entries_get_their_article_page_text(db_with_topics):
    db = db_with_topics
    page = (f"<html><head><title>Losses</title></head><body><nav>Home | World</nav>"
            f"<article><h1>Losses reported</h1><p>{KILLED_300}</p><p>Officials gave no "
            f"further detail about the fighting, which has continued for weeks along the "
            f"border region according to several accounts.</p></article>"
            f"<footer>Contact us</footer></body></html>").encode()

    async def scenario():
        async with FeedServer() as server:
            server.routes["story"] = static(page, content_type="text/html")
            server.routes["feed"] = static(rss(item("a", "Losses reported", "Read more.",
                                                    link=server.url("story"))))
            add_feed(db, server.url("feed"))
            fetcher = Fetcher()
            try:
                return await poll_at(db, fetcher, 0, fetch_article_pages=True)
            finally:
                await fetcher.close()

    results = run(scenario)
    assert results[0].new_articles == 1
    assert db.execute("SELECT claims_found FROM articles").fetchone()[0] >= 1


CORPUS = SHARED / "feeds-corpus"
MARKUP = re.compile(r"</?[a-zA-Z!?][^<>]*>|onerror\s*=|javascript:", re.IGNORECASE)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/feeds-corpus is not here")
def test_corpus_sweep_polls_every_document_without_losing_a_neighbour(db, caplog):
    from aiohttp import web

    from bot.feed_parsing import FeedError, parse_feed

    documents = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".xml", ".json"))
    by_path = {f"c/{index}": path for index, path in enumerate(documents)}

    async def serve(request):
        path = by_path[request.path.lstrip("/")]
        kind = "application/json" if path.suffix == ".json" else "application/xml"
        return web.Response(body=path.read_bytes(), content_type=kind)

    canary = rss(item("canary", "Canary", "A plain entry that must survive its neighbours."))

    async def scenario():
        async with FeedServer() as server:
            for route in by_path:
                server.routes[route] = serve
                add_feed(db, server.url(route))
            server.routes["canary"] = static(canary)
            add_feed(db, server.url("canary"))
            fetcher = Fetcher(max_concurrency=64, per_host=64)
            try:
                return server, await poll_at(db, fetcher, 0)
            finally:
                await fetcher.close()

    caplog.set_level(logging.ERROR)
    server, results = run(scenario)
    assert len(results) == len(documents) + 1
    assert not [r.error for r in results if r.error.startswith("internal error")]
    canary_feed = get_feed(db, server.url("canary"))
    assert canary_feed.last_success and canary_feed.last_error == ""
    for feed in stored_feeds(db):
        assert feed.last_success or (feed.last_error and "\n" not in feed.last_error), feed.url
    titles = [row[0] for row in db.execute("SELECT title FROM articles UNION ALL "
                                           "SELECT title FROM feeds")]
    assert not [title for title in titles if MARKUP.search(title)]
    for path in documents:  # the article text itself, as a chat message would carry it
        try:
            parsed = parse_feed(path.read_bytes(), url="x")
        except FeedError:
            continue
        for entry in parsed.entries:
            text = f"{entry.article.title}\n{entry.article.text}\n{entry.article.outlet}"
            assert not MARKUP.search(text), path


def run(scenario):
    return asyncio.run(scenario())
