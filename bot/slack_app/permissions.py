"""Reading whether a Slack user may change settings; the policy itself is in handlers/.

A user may manage when Slack says they are a workspace admin or owner (`users.info`), or
when they belong to the user group named by `SLACK_ADMIN_GROUP` (its handle, with or
without `@`, or its display name).
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)


async def user_can_manage(client: AsyncWebClient, user_id: str, admin_group: str) -> bool:
    info = await client.users_info(user=user_id)
    user = info.get("user") or {}
    if user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"):
        return True
    if not admin_group.strip():
        return False
    return await _in_user_group(client, user_id, admin_group)


async def _in_user_group(client: AsyncWebClient, user_id: str, admin_group: str) -> bool:
    wanted = admin_group.strip().lstrip("@").lower()
    try:
        groups = (await client.usergroups_list()).get("usergroups") or []
        group = next((g for g in groups if wanted in (str(g.get("handle", "")).lower(),
                                                       str(g.get("name", "")).lower())), None)
        if group is None:
            log.warning("Slack user group %r (SLACK_ADMIN_GROUP) was not found", admin_group)
            return False
        members = await client.usergroups_users_list(usergroup=group["id"])
    except SlackApiError as error:
        # Most often missing_scope (usergroups:read): say so once per command, refuse.
        log.warning("cannot read Slack user groups: %s", error.response.get("error"))
        return False
    return user_id in (members.get("users") or [])
