"""Reading who is asking: the neutral `Actor` for an interaction.

Only the *reading* happens here (does the member have Manage Server, or the role named in
`DISCORD_MANAGER_ROLE`?); whether that allows a command is decided in `handlers/`.
Role names come from discord.py's guild cache, which the Guilds intent fills from
GUILD_CREATE and keeps current as roles are renamed.
"""

from __future__ import annotations

import discord

from handlers.commands import Actor

PLATFORM = "discord"


def actor_for(interaction: discord.Interaction, manager_role: str) -> Actor:
    return Actor(platform=PLATFORM, workspace=str(interaction.guild_id or ""),
                 channel=str(interaction.channel_id or ""), user=str(interaction.user.id),
                 can_manage=can_manage(interaction, manager_role))


def can_manage(interaction: discord.Interaction, manager_role: str) -> bool:
    """Manage Server (or Administrator) in this channel, or the configured manager role."""
    if interaction.guild_id is None:  # a DM: there is no server to manage
        return False
    permissions = interaction.permissions  # resolved by Discord, overwrites included
    if permissions.administrator or permissions.manage_guild:
        return True
    member = interaction.user
    if not manager_role or not isinstance(member, discord.Member):
        return False
    wanted = manager_role.strip().casefold()
    return any(role.name.casefold() == wanted for role in member.roles)
