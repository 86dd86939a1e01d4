"""The Slack test harness: real slack-bolt and slack_sdk, a real database, the fake Slack.

Requests are signed as Slack signs them (v0 HMAC-SHA256 over `v0:{timestamp}:{body}`)
and go through the app's own request handling (`AsyncBoltRequest` + `async_dispatch`);
the app's Web API client and every `respond()` talk to `FakeSlack` on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlencode

import pytest
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.settings import Settings
from bot.slack_app.app import build_app
from handlers.articles import handle_article
from handlers.models import Article
from storage import open_database
from storage.models import Topic
from storage.topics import list_topics, save_topic
from tests.slack.fake_slack import TEAM_ID, FakeSlack
from tests.stories import kursk_stories

SIGNING_SECRET = "test-signing-secret-0f3c"
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
CHANNEL = "C0ALERTS"
ADMIN_GROUP = "claim-editors"
HANDLED_AT = datetime(2025, 1, 20, 9, 0, tzinfo=UTC)
DPRK = Topic("dprk", "North Korean troops in Russia's war",
             ("North Korea", "North Korean", "North Koreans", "DPRK"))

# Our own short write-ups of how the estimates were reported, oldest first.
STORIES = [
    *kursk_stories("k"),
    Article("k4", "<!channel> Spy agency triples its count & <@U123> <!here>",
            "South Korea's spy agency said on Monday that about 300 North Korean soldiers "
            "had been killed in Kursk. <!everyone>",
            date(2025, 1, 13), "Night <b>Desk</b>", "https://night.example/k4?a=1&b=2"),
]


def run(coroutine):
    """Tests drive Bolt's asyncio code with a fresh event loop each."""
    return asyncio.run(coroutine)


def add_stories(db, stories=STORIES) -> None:
    for story in stories:
        handle_article(db, story, list_topics(db), now=HANDLED_AT)


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None,
         content_type: str = "application/x-www-form-urlencoded") -> dict[str, str]:
    """The headers Slack sends with a request: timestamp and v0 HMAC-SHA256 signature."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    return {"content-type": content_type, "x-slack-request-timestamp": stamp,
            "x-slack-signature": f"v0={digest.hexdigest()}"}


def slash_command_body(fake: FakeSlack, command: str, text: str, *, user: str = "U0ADMIN",
                       channel: str = CHANNEL, name: str = "cmd") -> str:
    return urlencode({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "team_domain": "cw-test",
        "channel_id": channel, "channel_name": "alerts", "user_id": user,
        "user_name": user.lower(), "command": command, "text": text, "api_app_id": "A0CLAIM",
        "response_url": fake.response_url(name), "trigger_id": "1337.42.abcdef",
    })


def block_action_payload(fake: FakeSlack, action_id: str, value: str, *,
                         user: str = "U0READER", channel: str = CHANNEL,
                         name: str = "page") -> dict:
    return {
        "type": "block_actions", "api_app_id": "A0CLAIM", "token": "legacy-verification-token",
        "team": {"id": TEAM_ID, "domain": "cw-test"},
        "user": {"id": user, "team_id": TEAM_ID},
        "channel": {"id": channel, "name": "alerts"},
        "container": {"type": "message", "message_ts": "1736000000.000001",
                      "channel_id": channel, "is_ephemeral": False},
        "response_url": fake.response_url(name), "trigger_id": "1337.43.abcdef",
        "actions": [{"type": "button", "action_id": action_id, "block_id": "claims_pages",
                     "value": value, "action_ts": "1736000001.000001"}],
    }


@dataclass
class Harness:
    fake: FakeSlack
    db: object
    settings: Settings
    app: AsyncApp

    async def command(self, command: str, text: str, **options) -> BoltResponse:
        body = slash_command_body(self.fake, command, text, **options)
        return await self.app.async_dispatch(AsyncBoltRequest(body=body, headers=sign(body)))

    async def click(self, action_id: str, value: str, **options) -> BoltResponse:
        payload = block_action_payload(self.fake, action_id, value, **options)
        body = urlencode({"payload": json.dumps(payload)})
        return await self.app.async_dispatch(AsyncBoltRequest(body=body, headers=sign(body)))

    def last_response(self) -> dict:
        assert self.fake.responses, "nothing was posted to a response_url"
        return self.fake.responses[-1]


def slack_settings(fake: FakeSlack, db_path: str = "", **overrides) -> Settings:
    values = {"db_path": db_path or "unused.db", "slack_bot_token": BOT_TOKEN,
              "slack_signing_secret": SIGNING_SECRET, "slack_api_url": fake.base_url,
              "slack_admin_group": ADMIN_GROUP, "allow_private_feeds_from_chat": True,
              **overrides}
    return Settings(**values)


@asynccontextmanager
async def slack_harness(db, **overrides) -> AsyncIterator[Harness]:
    """A started fake Slack, and the claimwatch Bolt app pointed at it."""
    async with FakeSlack() as fake:
        fake.add_user("U0ADMIN", admin=True)
        fake.add_user("U0READER")
        fake.add_user("U0EDITOR")
        fake.add_usergroup(ADMIN_GROUP, ["U0EDITOR"], name="Claim editors")
        settings = slack_settings(fake, **overrides)
        yield Harness(fake, db, settings, build_app(settings, db, process_before_response=True))


@pytest.fixture
def slack_db(tmp_path):
    """A database with the dprk topic and no claims yet."""
    database = open_database(tmp_path / "slack.db")
    save_topic(database, DPRK)
    yield database
    database.close()
