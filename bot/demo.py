"""`claimwatch demo`: the real pipeline on the bundled sample feed, in a few seconds.

The sample feed is replayed as a publisher would grow it: the demo writes a feed file
with no items (the first poll records the feed), then adds one item at a time and polls
after each, so every alert is decided and delivered exactly as in production.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from bot.console import render_reply
from bot.inputs import read_topics_toml
from bot.runner import poll_once
from bot.settings import Settings
from handlers.commands import Actor, claims_history, subscribe
from storage import open_database
from storage.feeds import add_feed
from storage.topics import save_topic

SAMPLES = resources.files("bot") / "samples"


def sample_feed_items() -> tuple[ET.Element, list[ET.Element]]:
    tree = ET.fromstring((SAMPLES / "dprk-feed.xml").read_bytes())
    channel = tree.find("channel")
    items = channel.findall("item")
    for item in items:
        channel.remove(item)
    return tree, items


def run_demo(db_path: Path, *, fresh: bool = True, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db = open_database(db_path)
    with resources.as_file(SAMPLES / "topics.toml") as topics_path:
        for topic in read_topics_toml(topics_path):
            save_topic(db, topic)
    subscribe(db, Actor("console", "stdout", can_manage=True), "dprk")
    settings = Settings(db_path=str(db_path))
    root, items = sample_feed_items()
    with tempfile.TemporaryDirectory(prefix="claimwatch-demo-") as folder:
        feed_file = Path(folder) / "sample-feed.xml"
        feed_file.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
        add_feed(db, feed_file.as_uri(), title="claimwatch sample wire")
        console.print(Rule("claimwatch demo: North Korean losses in Kursk, Dec 2024 - Jun 2025"))
        poll_once(settings, db)  # first poll: the empty feed is recorded, nothing alerts
        channel = root.find("channel")
        for item in items:
            channel.append(item)
            feed_file.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
            published = parsedate_to_datetime(item.findtext("pubDate")).strftime("%-d %b %Y")
            console.print(Text(f"\n▶ new in the feed: {item.findtext('title')} "
                               f"({item.findtext('source')}, {published})", style="cyan"))
            summary = poll_once(settings, db)
            console.print(Text(summary.splitlines()[0], style="dim"))
    console.print(Rule("claimwatch claims dprk"))
    render_reply(claims_history(db, "dprk"), console)
    console.print(Text(f"\nDatabase kept at {db_path}; try: claimwatch claims dprk --db {db_path}",
                       style="dim"))
