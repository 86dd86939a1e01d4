import re
from pathlib import Path

import pytest

from bot.settings import _VARIABLES, Settings, SettingsError, load_settings
from tests.cli import claimwatch

ROOT = Path(__file__).resolve().parents[2]


def test_env_example_lists_every_setting_and_loads():
    text = (ROOT / ".env.example").read_text()
    keys = set(re.findall(r"^([A-Z_]+)=", text, flags=re.M))
    assert keys == set(_VARIABLES)
    settings = load_settings(environ={}, env_file=ROOT / ".env.example")
    assert settings.poll_interval == 300 and not settings.discord_enabled


def test_environment_overrides_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("CLAIMWATCH_POLL_INTERVAL=60\nDISCORD_TOKEN=from-file\n")
    settings = load_settings(environ={"CLAIMWATCH_POLL_INTERVAL": "120"}, env_file=env_file)
    assert settings.poll_interval == 120 and settings.discord_token == "from-file"


@pytest.mark.parametrize("variable, value", [
    ("CLAIMWATCH_POLL_INTERVAL", "soon"), ("CLAIMWATCH_POLL_INTERVAL", "1"),
    ("CLAIMWATCH_LOG_LEVEL", "LOUD"), ("DISCORD_GUILD_ID", "abc"),
    ("CLAIMWATCH_ALLOW_PRIVATE_FEEDS_FROM_CHAT", "maybe"), ("SLACK_API_URL", "slack.com"),
])
def test_a_malformed_setting_names_its_variable(variable, value):
    with pytest.raises(SettingsError, match=variable):
        load_settings(environ={variable: value}, env_file=None)


def test_the_cli_reports_a_bad_setting_in_one_line(tmp_path):
    result = claimwatch("topics", "list", cwd=tmp_path,
                        env={"CLAIMWATCH_POLL_INTERVAL": "often"})
    assert result.returncode != 0
    assert "CLAIMWATCH_POLL_INTERVAL must be a number" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_secrets_stay_out_of_repr():
    settings = Settings(discord_token="very-secret-token", slack_bot_token="xoxb-secret")
    assert "very-secret-token" not in repr(settings) and "xoxb-secret" not in repr(settings)
