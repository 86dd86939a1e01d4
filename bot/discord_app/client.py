"""The discord.py client behind the slash commands: gateway, command tree, error handler.

An `AutoShardedClient`, so the gateway address comes from `GET /gateway/bot` on the
configured API base (one shard for a small bot; more when Discord asks for them).
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.discord_app.api import MAX_RATELIMIT_WAIT, NO_MENTIONS
from bot.discord_app.commands import register_commands
from bot.runner import build_fetcher  # the one place settings become a Fetcher
from bot.settings import Settings

log = logging.getLogger(__name__)

FAILED = "Something went wrong on our side; it has been logged. Please try again later."


class ClaimwatchTree(app_commands.CommandTree):
    """One error handler for every command: the user gets one message, the log the trace."""

    async def on_error(self, interaction: discord.Interaction,
                       error: app_commands.AppCommandError) -> None:
        name = interaction.command.qualified_name if interaction.command else "?"
        log.error("Discord command /%s failed", name, exc_info=error)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(FAILED, ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(FAILED, ephemeral=True,
                                                        allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.warning("could not tell the user that /%s failed", name)


class ClaimwatchBot(discord.AutoShardedClient):
    """Holds what commands need: the database, the settings and a feed fetcher."""

    def __init__(self, settings: Settings, db, *, fetcher=None) -> None:
        super().__init__(intents=discord.Intents(guilds=True), allowed_mentions=NO_MENTIONS,
                         max_ratelimit_timeout=MAX_RATELIMIT_WAIT)
        self.settings = settings
        self.db = db
        self._owns_fetcher = fetcher is None
        self.fetcher = fetcher if fetcher is not None else build_fetcher(settings)
        self.tree = ClaimwatchTree(self)
        register_commands(self.tree)

    async def setup_hook(self) -> None:
        """Runs once at login: publish the commands (to one guild, or globally)."""
        await self.sync_commands()

    async def sync_commands(self) -> None:
        guild_id = self.settings.discord_guild_id
        guild = discord.Object(id=guild_id) if guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)  # guild commands appear at once
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.HTTPException as error:
            log.error("could not register slash commands (%s %s); those registered "
                      "before keep working", error.status, error.text)
            return
        where = f"guild {guild_id}" if guild_id else "all guilds (global, may take an hour)"
        log.info("registered %d slash commands for %s", len(synced), where)

    async def close(self) -> None:
        await super().close()
        if self._owns_fetcher:
            await self.fetcher.close()
