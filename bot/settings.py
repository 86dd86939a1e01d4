"""Settings, read once from the environment and an optional `.env` file.

The environment wins over `.env`. A platform whose token is absent is simply off; with
no tokens at all claimwatch runs with the console channel only. A malformed value stops
start-up with one line naming the variable (`SettingsError`), never a traceback.
Secrets are kept out of `repr()` so they cannot reach a log by accident.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

DEFAULT_DB = "claimwatch.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(Exception):
    """A setting is missing or malformed; the message names the variable."""


def _secret() -> str:
    return field(default="", repr=False)


@dataclass(frozen=True)
class Settings:
    db_path: str = DEFAULT_DB
    poll_interval: int = 300
    log_level: str = "INFO"
    # Feed fetching
    max_feed_bytes: int = 10_000_000
    fetch_timeout: float = 20.0
    max_concurrency: int = 50
    per_host_concurrency: int = 4
    pause_after_failures: int = 10
    allow_private_feeds_from_chat: bool = False
    fetch_article_pages: bool = False
    # Discord
    discord_token: str = _secret()
    discord_guild_id: int | None = None
    discord_manager_role: str = ""
    discord_api_base: str = "https://discord.com/api/v10"
    # Slack
    slack_bot_token: str = _secret()
    slack_app_token: str = _secret()
    slack_signing_secret: str = _secret()
    slack_port: int | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_admin_group: str = ""

    @property
    def discord_enabled(self) -> bool:
        return bool(self.discord_token)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token)


# variable name -> (field, parser)
_VARIABLES = {
    "CLAIMWATCH_DB": "db_path",
    "CLAIMWATCH_POLL_INTERVAL": "poll_interval",
    "CLAIMWATCH_LOG_LEVEL": "log_level",
    "CLAIMWATCH_MAX_FEED_BYTES": "max_feed_bytes",
    "CLAIMWATCH_FETCH_TIMEOUT": "fetch_timeout",
    "CLAIMWATCH_MAX_CONCURRENCY": "max_concurrency",
    "CLAIMWATCH_PER_HOST_CONCURRENCY": "per_host_concurrency",
    "CLAIMWATCH_PAUSE_AFTER_FAILURES": "pause_after_failures",
    "CLAIMWATCH_ALLOW_PRIVATE_FEEDS_FROM_CHAT": "allow_private_feeds_from_chat",
    "CLAIMWATCH_FETCH_ARTICLE_PAGES": "fetch_article_pages",
    "DISCORD_TOKEN": "discord_token",
    "DISCORD_GUILD_ID": "discord_guild_id",
    "DISCORD_MANAGER_ROLE": "discord_manager_role",
    "DISCORD_API_BASE": "discord_api_base",
    "SLACK_BOT_TOKEN": "slack_bot_token",
    "SLACK_APP_TOKEN": "slack_app_token",
    "SLACK_SIGNING_SECRET": "slack_signing_secret",
    "SLACK_PORT": "slack_port",
    "SLACK_API_URL": "slack_api_url",
    "SLACK_ADMIN_GROUP": "slack_admin_group",
}

_MINIMUMS = {"poll_interval": 10, "max_feed_bytes": 1024, "fetch_timeout": 1,
             "max_concurrency": 1, "per_host_concurrency": 1, "pause_after_failures": 1}


def load_settings(environ: Mapping[str, str] | None = None,
                  env_file: str | Path | None = ".env") -> Settings:
    """Settings from `.env` (if present) overlaid with the environment."""
    values: dict[str, str] = {}
    if env_file and Path(env_file).is_file():
        from dotenv import dotenv_values

        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    types = {f.name: f.type for f in fields(Settings)}
    parsed = {}
    for variable, name in _VARIABLES.items():
        raw = values.get(variable, "").strip()
        if raw:
            parsed[name] = _parse(variable, name, raw, types[name])
    return Settings(**parsed)


def _parse(variable: str, name: str, raw: str, kind: str) -> object:
    if "bool" in kind:
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{variable} must be true or false, not {raw[:40]!r}")
    if "int" in kind or "float" in kind:
        number_type = float if "float" in kind else int
        try:
            value = number_type(raw)
        except ValueError:
            raise SettingsError(f"{variable} must be a number, not {raw[:40]!r}") from None
        if value < _MINIMUMS.get(name, 0):
            raise SettingsError(f"{variable} must be at least {_MINIMUMS.get(name, 0)}")
        return value
    if name == "log_level":
        if raw.upper() not in LOG_LEVELS:
            raise SettingsError(f"{variable} must be one of {', '.join(LOG_LEVELS)}")
        return raw.upper()
    if name.endswith(("api_base", "api_url")) and not raw.startswith(("http://", "https://")):
        raise SettingsError(f"{variable} must be an http(s) URL")
    return raw
