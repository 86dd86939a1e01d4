"""Making untrusted text safe to show in Discord, and short enough to be accepted.

Article titles, claimants and quotes come from the open web. Discord would render
"**bold**" as bold and turn "@everyone" or "<@&456>" into mentions, so such text is
escaped before it goes into a message; and every field has a length limit, so text is
shortened to fit instead of having Discord reject the whole message.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import discord

ELLIPSIS = "…"
ZERO_WIDTH_SPACE = "\u200b"
_MENTION = re.compile(r"@(everyone|here|[!&]?\d+)")
_LINE_START_MARKUP = ("#", "-", ">", "*")


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, with an ellipsis when it was cut."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    if cut.endswith("\\"):  # never leave a dangling escape that would eat the ellipsis
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS


def untrusted(text: str, limit: int | None = None) -> str:
    """Article-derived text with markdown and mentions neutralised, optionally shortened.

    Shortening happens before escaping so that an escape is never cut in half; the
    escaped text can then grow, so it is shortened again to the limit.
    """
    flat = " ".join(text.split())
    if limit is not None:
        flat = shorten(flat, limit)
    safe = neutralise_mentions(discord.utils.escape_markdown(flat))
    if safe.startswith(_LINE_START_MARKUP):  # a heading or list marker at a line start
        safe = "\\" + safe
    return shorten(safe, limit) if limit is not None else safe


def neutralise_mentions(text: str) -> str:
    """Break "@everyone", "<@123>", "<@&456>" so they neither ping nor render as mentions.

    `allowed_mentions` already stops pings; this also keeps the text from looking like one.
    """
    return _MENTION.sub("@" + ZERO_WIDTH_SPACE + r"\1", text)


def link(label: str, url: str, limit: int) -> str:
    """A markdown link when `url` is a plain http(s) URL, else just the escaped label."""
    text = untrusted(label, max(limit // 2, 20)).replace("]", "\\]")
    if not is_web_url(url) or len(url) + len(text) + 4 > limit:
        return shorten(text, limit)
    return f"[{text}]({url})"


def is_web_url(url: str) -> bool:
    """Only plain http(s) URLs become links; anything with spaces or brackets stays text."""
    if not url or any(ch in url for ch in " ()<>[]\n"):
        return False
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)
