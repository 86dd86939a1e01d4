"""The app manifest creates what the code listens for, with the scopes its calls need."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.slack.conftest import run, slack_harness

MANIFEST = Path(__file__).resolve().parents[2] / "slack-manifest.yaml"
NEEDED_SCOPES = {"commands", "chat:write", "channels:history", "groups:history", "users:read",
                 "usergroups:read", "files:write"}


@pytest.fixture
def manifest() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_every_declared_command_is_answered_and_others_are_not(manifest, slack_db):
    declared = [command["command"] for command in manifest["features"]["slash_commands"]]

    async def scenario():
        async with slack_harness(slack_db) as slack:
            statuses = {}
            for command in [*declared, "/not-ours"]:
                response = await slack.command(command, "help")
                statuses[command] = (response.status, len(slack.fake.responses))
            return statuses

    statuses = run(scenario())
    assert sorted(declared) == ["/claims", "/claimwatch"]
    assert statuses["/claims"] == (200, 1) and statuses["/claimwatch"] == (200, 2)
    assert statuses["/not-ours"] == (404, 2)


def test_the_manifest_turns_on_socket_mode_interactivity_and_the_needed_scopes(manifest):
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == NEEDED_SCOPES
    assert all(not command.get("should_escape")
               for command in manifest["features"]["slash_commands"])
    assert 174 <= len(manifest["display_information"]["long_description"]) <= 4000
    assert len(manifest["display_information"]["description"]) <= 140
