"""Showing the neutral replies from `handlers.commands` as Discord interaction responses.

A `Reply` becomes a message (ephemeral when the handler says so); a `ClaimsReply` becomes
an embed with the current estimate per series and one page of history, with buttons for
the other pages. Nobody is ever pinged, whatever the text says.
"""

from __future__ import annotations

import io

import discord

from bot.discord_app.api import NO_MENTIONS
from bot.discord_app.embeds import claims_page
from bot.discord_app.text import neutralise_mentions, shorten
from handlers.commands import ClaimsReply, Reply
from handlers.pagination import Page

CONTENT_LIMIT = 2000
CHUNK_LIMIT = 4000  # under the 4096 of an embed description
MAX_MESSAGES = 5  # a reply longer than this many embeds is cut, saying so
CHART_FILENAME = "claims.png"
PAGER_TIMEOUT = 30 * 60  # seconds a /claims answer keeps its page buttons


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """Answer the interaction with `reply`; a long one continues in follow-up messages."""
    first, *rest = _message_bodies(reply.text)
    await interaction.response.send_message(ephemeral=reply.ephemeral,
                                            allowed_mentions=NO_MENTIONS, **first)
    await _follow_up(interaction, rest, ephemeral=reply.ephemeral)


async def finish_deferred(interaction: discord.Interaction, reply: Reply, *,
                          deferred_ephemeral: bool = False) -> None:
    """Replace the "thinking…" message of a deferred interaction with `reply`.

    When the deferral was public, an ephemeral reply (an error, say) must not be, so the
    placeholder is deleted and the reply sent as ephemeral follow-ups instead.
    """
    bodies = _message_bodies(reply.text)
    if reply.ephemeral and not deferred_ephemeral:
        await interaction.delete_original_response()
    else:
        first, *bodies = bodies
        await interaction.edit_original_response(allowed_mentions=NO_MENTIONS, **first)
    await _follow_up(interaction, bodies, ephemeral=reply.ephemeral)


async def _follow_up(interaction: discord.Interaction, bodies: list[dict], *,
                     ephemeral: bool) -> None:
    for body in bodies:
        await interaction.followup.send(ephemeral=ephemeral, allowed_mentions=NO_MENTIONS,
                                        **body)


def _message_bodies(text: str) -> list[dict]:
    """Text as message bodies: plain content when short, else one embed per chunk."""
    text = neutralise_mentions(text)
    if len(text) <= CONTENT_LIMIT:
        return [{"content": text}]
    chunks = _line_chunks(text, CHUNK_LIMIT)
    if len(chunks) > MAX_MESSAGES:
        chunks = chunks[:MAX_MESSAGES]
        chunks[-1] = shorten(chunks[-1] + "\n…and more, not shown.", CHUNK_LIMIT)
    return [{"embed": discord.Embed(description=chunk)} for chunk in chunks]


def _line_chunks(text: str, size: int) -> list[str]:
    """Split at line ends into pieces of at most `size` characters (long lines shortened)."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines():
        line = shorten(line, size)
        if current and len(current) + 1 + len(line) > size:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    return chunks + [current] if current else chunks


async def send_claims(interaction: discord.Interaction, reply: ClaimsReply,
                      chart: bytes | None = None) -> None:
    """The first page of a `/claims` answer (after a deferral when a chart was drawn)."""
    pager = ClaimsPager(reply, with_chart=chart is not None)
    message: dict = {"embed": pager.embed, "allowed_mentions": NO_MENTIONS}
    if pager.page.count > 1:
        message["view"] = pager
    if chart is not None:
        message["file"] = discord.File(io.BytesIO(chart), filename=CHART_FILENAME)
    if interaction.response.is_done():
        await interaction.followup.send(**message)
    else:
        await interaction.response.send_message(**message)


class ClaimsPager(discord.ui.View):
    """Newer/Older buttons that swap the page of history shown in the embed."""

    def __init__(self, reply: ClaimsReply, *, with_chart: bool = False) -> None:
        super().__init__(timeout=PAGER_TIMEOUT)
        self.reply = reply
        self.with_chart = with_chart
        self.embed, self.page = self._render(1)

    @discord.ui.button(label="◀ Newer", style=discord.ButtonStyle.secondary)
    async def newer(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self._show(interaction, self.page.number - 1)

    @discord.ui.button(label="Older ▶", style=discord.ButtonStyle.secondary)
    async def older(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self._show(interaction, self.page.number + 1)

    async def _show(self, interaction: discord.Interaction, number: int) -> None:
        self.embed, self.page = self._render(number)
        await interaction.response.edit_message(embed=self.embed, view=self,
                                                allowed_mentions=NO_MENTIONS)

    def _render(self, number: int) -> tuple[discord.Embed, Page]:
        embed, page = claims_page(self.reply, number)
        if self.with_chart:
            embed.set_image(url=f"attachment://{CHART_FILENAME}")
        self.newer.disabled = not page.has_previous
        self.older.disabled = not page.has_next
        return embed, page
