"""Feed documents into typed entries, at the edge: feedparser's loose dicts stop here.

A malformed ("bozo") feed still yields whatever feedparser recovered; an entry that
cannot be turned into an article is skipped with a warning and never stops the rest.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

from handlers.models import Article

log = logging.getLogger(__name__)


class FeedError(Exception):
    """The document is not a feed we can read; the message says why, in one line."""


@dataclass(frozen=True)
class FeedEntry:
    key: str
    article: Article


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: list[FeedEntry]
    warning: str = ""
    skipped: list[str] = field(default_factory=list)


def parse_feed(body: bytes, *, url: str = "", outlet: str = "") -> ParsedFeed:
    """Parse a feed document; raises `FeedError` when nothing feed-like is in it."""
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=False)
    feed_title = _text(parsed.feed.get("title", "")) if parsed.get("feed") else ""
    warning = _bozo_message(parsed) if parsed.get("bozo") else ""
    if not parsed.entries and (parsed.get("bozo") or parsed.get("version", "") == ""):
        reason = warning or "no feed version detected"
        raise FeedError(f"not a readable feed ({reason})")
    entries, skipped = [], []
    for index, raw in enumerate(parsed.entries):
        try:
            entries.append(_entry(raw, feed_title or outlet, url))
        except Exception as error:  # one bad entry must not stop the others
            log.warning("skipping entry %d of %s: %s", index, url, error)
            skipped.append(f"entry {index}: {error}")
    return ParsedFeed(title=feed_title, entries=entries, warning=warning, skipped=skipped)


def _entry(raw: dict, outlet: str, feed_url: str) -> FeedEntry:
    title = _text(raw.get("title", ""))
    body = ""
    for content in raw.get("content") or []:
        if len(content.get("value", "")) > len(body):
            body = content.get("value", "")
    if len(raw.get("summary", "")) > len(body):
        body = raw.get("summary", "")
    text = html_to_text(body)
    link = str(raw.get("link", "") or "")
    guid = str(raw.get("id", "") or "")
    published = _date(raw.get("published_parsed") or raw.get("updated_parsed"))
    digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
    key = f"guid:{guid}" if guid else (f"link:{link}" if link else f"sha256:{digest}")
    source = _text(raw.get("source", {}).get("title", "")) if raw.get("source") else ""
    article = Article(id=guid or link or digest[:16], title=title, text=text,
                      published=published, outlet=source or outlet, url=link)
    return FeedEntry(key=f"{feed_url}#{key}" if feed_url else key, article=article)


def _date(parsed_time) -> date | None:
    if not parsed_time:
        return None
    try:
        return date(parsed_time.tm_year, parsed_time.tm_mon, parsed_time.tm_mday)
    except (ValueError, AttributeError):
        return None


def _bozo_message(parsed) -> str:
    error = parsed.get("bozo_exception")
    message = str(error).splitlines()[0] if error else "malformed"
    return f"{type(error).__name__ if error else 'error'}: {message}"[:300]


def _text(value: str) -> str:
    return html_to_text(value) if "<" in value or "&" in value else value.strip()


class _TextCollector(HTMLParser):
    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}
    _SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text with paragraph breaks kept; tags dropped, entities decoded."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n\n", text)
    return text.strip()
