"""Showing the neutral replies from `handlers.commands` as Discord interaction responses.

A `Reply` becomes a message (ephemeral when the handler says so); a `ClaimsReply` becomes
an embed with the current estimate per series and one page of history, with buttons for
the other pages. Nobody is ever pinged, whatever the text says.
"""

from __future__ import annotations

import io

import discord

from bot.discord_app.api import NO_MENTIONS
from bot.discord_app.embeds import DESCRIPTION_LIMIT, claims_page
from bot.discord_app.text import neutralise_mentions, shorten
from handlers.commands import ClaimsReply, Reply
from handlers.pagination import Page

CONTENT_LIMIT = 2000
CHART_FILENAME = "claims.png"
PAGER_TIMEOUT = 30 * 60  # seconds a /claims answer keeps its page buttons


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """Answer the interaction with `reply`, as text or, when too long, as an embed."""
    await interaction.response.send_message(ephemeral=reply.ephemeral,
                                            allowed_mentions=NO_MENTIONS, **_reply_body(reply))


async def finish_deferred(interaction: discord.Interaction, reply: Reply) -> None:
    """Replace the "thinking…" message of a deferred interaction with `reply`.

    The deferral was public; an ephemeral reply (an error, say) must not be, so the
    placeholder is deleted and the reply sent as an ephemeral follow-up instead.
    """
    if reply.ephemeral:
        await interaction.delete_original_response()
        await interaction.followup.send(ephemeral=True, allowed_mentions=NO_MENTIONS,
                                        **_reply_body(reply))
    else:
        await interaction.edit_original_response(allowed_mentions=NO_MENTIONS,
                                                 **_reply_body(reply))


def _reply_body(reply: Reply) -> dict:
    text = neutralise_mentions(reply.text)
    if len(text) <= CONTENT_LIMIT:
        return {"content": text}
    return {"embed": discord.Embed(description=shorten(text, DESCRIPTION_LIMIT))}


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
