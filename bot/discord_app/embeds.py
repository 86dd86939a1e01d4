"""Rendering alerts and `/claims` answers as Discord embeds, always within Discord's limits.

Every piece of article-derived text goes through `text.untrusted` (markdown and mentions
neutralised), and every embed through `fit_embed`, which shortens rather than letting
Discord reject a message with a 400.
"""

from __future__ import annotations

import discord

from bot.discord_app.text import is_web_url, link, shorten, untrusted
from handlers.alerts import AlertView, human_date
from handlers.commands import ClaimsReply, HistoryEntry, SeriesView
from handlers.pagination import Page, page_of

# Discord's documented embed limits.
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
TOTAL_LIMIT = 6000
URL_LIMIT = 2048

ALERT_COLOUR = discord.Colour(0xC0392B)
HISTORY_COLOUR = discord.Colour(0x2C3E50)
HISTORY_PER_PAGE = 6
CURRENT_LINES_LIMIT = 1500  # room left for the history fields below
BLANK = "\u200b"  # Discord rejects empty field names and values


def alert_embed(view: AlertView) -> discord.Embed:
    """One alert: the new figure in the title, who said it, what it changes, where from."""
    embed = discord.Embed(title=untrusted(view.headline, TITLE_LIMIT), colour=ALERT_COLOUR,
                          description=_alert_description(view))
    if is_web_url(view.url) and len(view.url) <= URL_LIMIT:
        embed.url = view.url
    claimant = untrusted(view.claimant, 300)
    if view.hedge:
        claimant += f" *({untrusted(view.hedge, 100)})*"
    embed.add_field(name="Claimed by", value=f"{claimant}, {view.stated_on}", inline=False)
    embed.add_field(name="Previous estimate",
                    value=untrusted(view.previous, 500) or "none: first estimate", inline=True)
    embed.add_field(name="Change", value=untrusted(view.change, 200), inline=True)
    source = link(view.outlet or "source", view.url, 600)
    embed.add_field(name="Source", value=f"{source}, {view.published or 'undated'}",
                    inline=False)
    embed.set_footer(text=f"claimwatch · {view.topic} · {view.metric}")
    return fit_embed(embed)


def _alert_description(view: AlertView) -> str:
    parts = []
    if view.subject:
        parts.append(untrusted(f"{view.figure} {view.metric}: {view.subject}", 300))
    if view.title:
        parts.append(f"**{untrusted(view.title, 400)}**")
    if view.evidence:
        parts.append("> " + untrusted(view.evidence, 1500))
    return "\n".join(parts) or BLANK


def claims_page(reply: ClaimsReply, number: int) -> tuple[discord.Embed, Page[HistoryEntry]]:
    """Page `number` of a `/claims` answer: current estimate per series, then history."""
    page = page_of(reply.entries(), number, HISTORY_PER_PAGE)
    topic = reply.topic
    embed = discord.Embed(title=untrusted(f"{topic.key} — {topic.name}", TITLE_LIMIT),
                          colour=HISTORY_COLOUR, description=_current_lines(reply.series))
    for entry in page.items:
        embed.add_field(name=_entry_title(entry), value=_entry_details(entry), inline=False)
    embed.set_footer(text=f"Page {page.number}/{page.count} · {reply.total_claims} "
                          "estimates, newest first")
    return fit_embed(embed), page


def _current_lines(series: list[SeriesView]) -> str:
    if not series:
        return "No estimates recorded for this topic yet."
    lines = ["**Current estimate per series**"]
    for view in series:
        current = view.current
        lines.append(f"• {untrusted(view.label, 120)}: **{untrusted(current.figure, 80)}** "
                     f"({untrusted(current.claimant, 80)}, {human_date(current.stated_on)})")
    lines.append("**History, newest first**")
    return shorten("\n".join(lines), CURRENT_LINES_LIMIT)


def _entry_title(entry: HistoryEntry) -> str:
    period = f" ({entry.period})" if entry.period else ""
    return untrusted(f"{entry.figure} {entry.metric}{period}", FIELD_NAME_LIMIT)


def _entry_details(entry: HistoryEntry) -> str:
    claimant = untrusted(entry.claimant, 200)
    if entry.hedge:
        claimant += f" *({untrusted(entry.hedge, 80)})*"
    repeats = max(entry.sources - 1, 0)
    repeated = f"repeated by {repeats} other source{'s' if repeats != 1 else ''}"
    source = link(entry.outlet or "source", entry.url, 500)
    return (f"{claimant} · first reported {human_date(entry.stated_on)}\n"
            f"{source} · {repeated}")


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Shorten whatever exceeds Discord's limits (never fails, never drops the title)."""
    if embed.title:
        embed.title = shorten(embed.title, TITLE_LIMIT)
    if embed.description:
        embed.description = shorten(embed.description, DESCRIPTION_LIMIT)
    if embed.footer.text:
        embed.set_footer(text=shorten(embed.footer.text, FOOTER_LIMIT))
    fields = embed.fields[:FIELD_COUNT_LIMIT]
    embed.clear_fields()
    for field in fields:
        embed.add_field(name=shorten(field.name or BLANK, FIELD_NAME_LIMIT),
                        value=shorten(field.value or BLANK, FIELD_VALUE_LIMIT),
                        inline=bool(field.inline))
    while len(embed) > TOTAL_LIMIT:
        excess = len(embed) - TOTAL_LIMIT
        description = embed.description or ""
        if len(description) > 200:
            embed.description = shorten(description, max(200, len(description) - excess))
        elif embed.fields:
            embed.remove_field(len(embed.fields) - 1)
        else:
            embed.set_footer(text=None)
            embed.title = shorten(embed.title or "", TITLE_LIMIT // 2)
            embed.description = shorten(description, 100)
    return embed
