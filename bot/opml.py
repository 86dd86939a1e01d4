"""OPML import and export, so users can bring the feed lists they already have.

Imported feeds count as the operator's (the file is on the operator's machine), so they
may point anywhere. Import adds without fetching: the first poll checks each feed, and a
broken one ends up with its error in `feeds list` rather than stopping the import.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from bot.url_safety import OPERATOR, scheme_error
from storage.feeds import add_feed, get_feed, list_feeds


class OpmlError(Exception):
    """The file is not OPML we can read; the message says why."""


@dataclass(frozen=True)
class ImportReport:
    added: list[str]
    existing: list[str]
    refused: list[tuple[str, str]]

    def summary(self) -> str:
        lines = [f"imported {len(self.added)} feeds ({len(self.existing)} already watched, "
                 f"{len(self.refused)} refused)"]
        lines += [f"  refused {url[:200]}: {why}" for url, why in self.refused]
        return "\n".join(lines)


def read_outlines(data: bytes) -> list[tuple[str, str]]:
    """(url, title) for every outline with an xmlUrl, nested folders included."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise OpmlError(f"not an OPML file: {error}") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file: the root element is <{root.tag[:40]}>")
    found = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            title = outline.get("title") or outline.get("text") or ""
            found.append((url, title.strip()))
    return found


def import_opml(db, data: bytes) -> ImportReport:
    added, existing, refused = [], [], []
    for url, title in read_outlines(data):
        problem = scheme_error(url, OPERATOR)
        if problem:
            refused.append((url, problem))
        elif get_feed(db, url):
            existing.append(url)
        else:
            add_feed(db, url, added_by=OPERATOR, title=title[:300])
            added.append(url)
    return ImportReport(added, existing, refused)


def export_opml(db, *, now: datetime | None = None) -> bytes:
    """Every feed as an OPML 2.0 outline (paused ones too: they are still on the list)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "claimwatch feeds"
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(UTC))
    body = ET.SubElement(root, "body")
    for feed in list_feeds(db):
        ET.SubElement(body, "outline", type="rss", text=feed.title or feed.url,
                      title=feed.title or feed.url, xmlUrl=feed.url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
