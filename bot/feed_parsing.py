"""Feed documents into typed entries, at the edge: feedparser's loose dicts stop here.

A malformed ("bozo") feed still yields whatever feedparser recovered; an entry that
cannot be turned into an article is skipped with a warning and never stops the rest.
Everything that leaves this module is plain text: markup is dropped (scripts, styles and
frames with their content), entities decoded, control characters removed, so hostile
markup in a feed can never reach a chat message as markup.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from dataclasses import dataclass, field
from datetime import date

from handlers.models import Article

log = logging.getLogger(__name__)

# A summary shorter than this, with a link and no full content, is a teaser: the text is
# on the article page (fetched when settings.fetch_article_pages is on).
TEASER_CHARS = 600


class FeedError(Exception):
    """The document is not a feed we can read; the message says why, in one line."""


@dataclass(frozen=True)
class FeedEntry:
    key: str
    article: Article
    summary_only: bool = False


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: list[FeedEntry]
    warning: str = ""
    skipped: list[str] = field(default_factory=list)


def parse_feed(body: bytes, *, url: str = "", outlet: str = "",
               content_type: str = "") -> ParsedFeed:
    """Parse a feed document; raises `FeedError` when nothing feed-like is in it."""
    import feedparser

    if body.lstrip()[:1] == b"{":
        return parse_json_feed(body, url=url, outlet=outlet)
    fast = parse_plain_feed(body, url=url, outlet=outlet)
    if fast is not None:
        return fast
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False,
                              response_headers=headers)
    feed_title = plain_text(parsed.feed.get("title", "")) if parsed.get("feed") else ""
    warning = _bozo_message(parsed) if parsed.get("bozo") else ""
    if not parsed.entries and not parsed.get("version") and (
            _looks_like_html(body, content_type) or not feed_title):
        raise FeedError(_unreadable_reason(body, content_type, warning))
    entries, skipped = [], []
    for index, raw in enumerate(parsed.entries):
        try:
            entries.append(_entry(raw, feed_title or outlet, url))
        except Exception as error:  # one bad entry must not stop the others
            log.warning("skipping entry %d of %s: %s", index, url, error)
            skipped.append(f"entry {index}: {type(error).__name__}: {error}"[:200])
    return ParsedFeed(title=feed_title[:300], entries=entries, warning=warning,
                      skipped=skipped)


def parse_json_feed(body: bytes, *, url: str = "", outlet: str = "") -> ParsedFeed:
    """A JSON Feed (jsonfeed.org, 1.0 and 1.1), mapped onto the same entries."""
    import json

    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise FeedError(f"not a readable feed (invalid JSON: {error})") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
            "https://jsonfeed.org/version/"):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    title = plain_text(str(document.get("title", "") or ""))
    entries, skipped = [], []
    for index, item in enumerate(document.get("items") or []):
        try:
            raw = {"id": item.get("id", ""), "title": item.get("title", ""),
                   "link": item.get("url", ""), "summary": item.get("summary", ""),
                   "content": [{"value": item.get("content_html")
                                or html.escape(item.get("content_text") or "")}],
                   "published_parsed": _iso_time(item.get("date_published")
                                                 or item.get("date_modified"))}
            if not raw["content"][0]["value"]:
                raw["content"] = []
            entries.append(_entry(raw, title or outlet, url))
        except Exception as error:  # one bad item must not stop the others
            skipped.append(f"item {index}: {type(error).__name__}: {error}"[:200])
    return ParsedFeed(title=title[:300], entries=entries, skipped=skipped)


def _iso_time(value):
    from datetime import datetime

    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timetuple()
    except (TypeError, ValueError):
        return None


_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_C1 = re.compile("[\x80-\x9f]")
_PLAIN_ITEM_TAGS = {"title", "link", "guid", "pubDate", "description", _CONTENT, "source",
                    "author", "category", "comments", "enclosure",
                    "{http://purl.org/dc/elements/1.1/}creator",
                    "{http://purl.org/dc/elements/1.1/}date"}


def parse_plain_feed(body: bytes, *, url: str = "", outlet: str = "") -> ParsedFeed | None:
    """A fast path for the common case, well-formed RSS 2.0 with plain items, read with
    ElementTree (C) at a fraction of feedparser's cost. Returns None for anything else
    (Atom, RDF, ill-formed XML, unusual item elements), which feedparser then reads."""
    import xml.etree.ElementTree as ET

    if b"<!DOCTYPE" in body[:2048] or b"<!ENTITY" in body[:4096]:
        return None
    try:
        root = ET.fromstring(body)
    except (ET.ParseError, ValueError, LookupError):  # LookupError: an unknown encoding
        return None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or root.get("version", "") not in (
            "2.0", "0.91", "0.92"):
        return None
    items = channel.findall("item")
    if channel.find("title") is None or any(
            child.tag not in _PLAIN_ITEM_TAGS or len(child) for item in items for child in item):
        return None
    title = plain_text(channel.findtext("title") or "")
    entries = []
    for item in items:
        raw = {"title": item.findtext("title") or "", "link": item.findtext("link") or "",
               "id": item.findtext("guid") or "", "summary": item.findtext("description") or "",
               "content": [{"value": item.findtext(_CONTENT)}] if item.find(_CONTENT)
               is not None else [],
               "published_parsed": _rfc822(item.findtext("pubDate"))
               or _iso_time(item.findtext(_DC_DATE))}
        if _C1.search(f"{raw['title']}{raw['summary']}{raw['content']}"):
            return None  # Windows-1252 mislabelled as Unicode: feedparser knows the repairs
        guid = item.find("guid")
        if not raw["link"] and guid is not None and guid.get("isPermaLink", "true") != "false":
            raw["link"] = raw["id"]
        source = item.find("source")
        if source is not None and source.text:
            raw["source"] = {"title": source.text}
        entries.append(_entry(raw, title or outlet, url))
    return ParsedFeed(title=title[:300], entries=entries)


def _rfc822(value: str | None):
    from email.utils import parsedate_to_datetime

    if not value:
        return None
    try:
        return parsedate_to_datetime(value.strip()).timetuple()
    except (TypeError, ValueError, IndexError):
        return None


def _looks_like_html(body: bytes, content_type: str) -> bool:
    head = body[:4096].lower()
    return b"<html" in head or b"<!doctype html" in head or "text/html" in content_type.lower()


def _unreadable_reason(body: bytes, content_type: str, warning: str) -> str:
    if not body.strip():
        return "not a feed: the response is empty"
    if _looks_like_html(body, content_type):
        found = _alternate_feed_link(body)
        hint = f"; the page links to a feed at {found}" if found else ""
        return f"not a feed: the URL returns an HTML page{hint}"
    return f"not a readable feed ({warning or 'no RSS, Atom or JSON feed found'})"


_ALTERNATE = re.compile(
    rb"<link[^>]+type=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.IGNORECASE)
_HREF = re.compile(rb"href=[\"']([^\"']{1,500})[\"']", re.IGNORECASE)


def _alternate_feed_link(body: bytes) -> str:
    tag = _ALTERNATE.search(body[:200_000])
    href = _HREF.search(tag.group(0)) if tag else None
    return plain_text(href.group(1).decode("utf-8", "replace")) if href else ""


def _entry(raw: dict, outlet: str, feed_url: str) -> FeedEntry:
    title = plain_text(str(raw.get("title", "") or ""))[:500]
    content = ""
    for part in raw.get("content") or []:
        if len(part.get("value", "")) > len(content):
            content = part.get("value", "")
    summary = str(raw.get("summary", "") or "")
    text = html_to_text(content if len(content) >= len(summary) else summary)
    link = str(raw.get("link", "") or "").strip()
    guid = str(raw.get("id", "") or "").strip()
    published = _date(raw.get("published_parsed") or raw.get("updated_parsed"))
    digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
    key = f"guid:{guid}" if guid else (f"link:{link}" if link else f"sha256:{digest}")
    source = raw.get("source") or {}
    source_title = plain_text(str(source.get("title", "") or "")) if source else ""
    article = Article(id=(guid or link or digest[:16])[:500], title=title, text=text,
                      published=published, outlet=(source_title or outlet)[:200],
                      url=link[:2000] if link.lower().startswith(("http://", "https://"))
                      else "")
    teaser = not content and len(text) < TEASER_CHARS and bool(article.url)
    return FeedEntry(key=f"{feed_url}#{key}" if feed_url else key, article=article,
                     summary_only=teaser)


def _date(parsed_time) -> date | None:
    if not parsed_time:
        return None
    try:
        return date(parsed_time.tm_year, parsed_time.tm_mon, parsed_time.tm_mday)
    except (ValueError, AttributeError, TypeError):
        return None


def _bozo_message(parsed) -> str:
    error = parsed.get("bozo_exception")
    message = str(error).strip().splitlines()[0] if error and str(error).strip() else ""
    return f"{type(error).__name__ if error else 'error'}: {message or 'malformed'}"[:300]


_DROPPED = re.compile(
    r"<(script|style|iframe|frame|object|embed|noscript|template|svg|math)\b.*?"
    r"(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[|\]\]>", re.DOTALL)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|pre|hr|dd|dt)\b"
    r"[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z!?][^<>]*(?:>|$)")
_LOOKS_LIKE_MARKUP = re.compile(r"</?[a-zA-Z!?][^<>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                      r"\u2066-\u2069]")


def html_to_text(markup: str) -> str:
    """Plain text with paragraph breaks kept; tags dropped, entities decoded.

    Runs again while the decoded text still looks like markup, so double-escaped HTML
    (`&amp;lt;script&amp;gt;`, common in sloppy feeds) is stripped as well.
    """
    text = markup
    for _ in range(3):
        if "<" in text:
            text = _DROPPED.sub(" ", text)
            text = _COMMENT.sub(" ", text)
            text = _BLOCK.sub("\n", text)
            text = _TAG.sub("", text)
        text = html.unescape(text)
        if not _LOOKS_LIKE_MARKUP.search(text):
            break
    else:
        text = text.replace("<", "‹").replace(">", "›")
    text = _CONTROL.sub("", text)
    text = re.sub(r"[ \t\r\f\v\xa0]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n\n", text)
    return text.strip()


def plain_text(value: str) -> str:
    """A one-line plain-text title or name."""
    text = html_to_text(value) if ("<" in value or "&" in value) else _CONTROL.sub("", value)
    return " ".join(text.split())
