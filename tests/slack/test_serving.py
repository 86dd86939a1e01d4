"""`start_slack` for real: HTTP mode on a loopback port, and Socket Mode over a WebSocket."""

from __future__ import annotations

import socket

import aiohttp
import pytest
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.settings import SettingsError
from bot.slack_app import EVENTS_PATH, start_slack
from storage.subscriptions import channel_subscriptions
from tests.slack.conftest import (
    APP_TOKEN,
    CHANNEL,
    add_stories,
    run,
    sign,
    slack_harness,
    slack_settings,
    slash_command_body,
)
from tests.slack.fake_slack import TEAM_ID, FakeSlack


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_http_mode_serves_signed_commands_and_refuses_forged_ones(slack_db):
    add_stories(slack_db)
    port = free_port()

    async def scenario():
        async with FakeSlack() as fake:
            settings = slack_settings(fake, slack_port=port)
            stop = await start_slack(settings, slack_db, host="127.0.0.1")
            url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
            body = slash_command_body(fake, "/claims", "dprk")
            try:
                async with aiohttp.ClientSession() as http:
                    async with http.post(url, data=body, headers=sign(body)) as answer:
                        status = answer.status
                    # The listener runs after the acknowledgement; wait for its respond().
                    await fake.wait_for(lambda: bool(fake.responses))
                    forged = sign(body, secret="wrong")
                    async with http.post(url, data=body, headers=forged) as refused:
                        refused_status = refused.status
            finally:
                await stop()
            return status, refused_status, fake.responses

    status, refused_status, responses = run(scenario())
    assert status == 200 and refused_status == 401
    [message] = responses
    assert "*Current estimates*" in message["blocks"][1]["text"]["text"]


def test_http_mode_needs_the_signing_secret(slack_db):
    async def scenario():
        async with FakeSlack() as fake:
            settings = slack_settings(fake, slack_port=free_port(), slack_signing_secret="")
            await start_slack(settings, slack_db, host="127.0.0.1")

    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        run(scenario())


def test_a_socket_mode_request_reaches_the_same_handlers_without_a_signature(slack_db):
    async def scenario():
        async with slack_harness(slack_db) as slack:
            payload = {"team_id": TEAM_ID, "channel_id": CHANNEL, "user_id": "U0ADMIN",
                       "command": "/claimwatch", "text": "subscribe dprk",
                       "response_url": slack.fake.response_url("socket")}
            request = AsyncBoltRequest(mode="socket_mode", body=payload)
            response = await slack.app.async_dispatch(request)
            return response, slack.last_response()

    response, message = run(scenario())
    assert response.status == 200
    assert message["_url_name"] == "socket" and "now gets an alert" in message["text"]
    assert channel_subscriptions(slack_db, platform="slack", workspace=TEAM_ID,
                                 channel=CHANNEL)


def test_socket_mode_connects_acknowledges_an_envelope_and_answers(slack_db):
    async def scenario():
        async with FakeSlack() as fake:
            fake.add_user("U0ADMIN", admin=True)
            settings = slack_settings(fake, slack_app_token=APP_TOKEN, slack_port=None)
            stop = await start_slack(settings, slack_db)
            try:
                await fake.send_envelope({
                    "envelope_id": "env-1", "type": "slash_commands",
                    "accepts_response_payload": True,
                    "payload": {"team_id": TEAM_ID, "channel_id": CHANNEL,
                                "user_id": "U0ADMIN", "command": "/claimwatch",
                                "text": "topics add quake earthquake, aftershock",
                                "response_url": fake.response_url("socket")}})
                await fake.wait_for(lambda: bool(fake.socket_acks and fake.responses))
            finally:
                await stop()
            return fake

    fake = run(scenario())
    [opened] = fake.calls_to("apps.connections.open")
    assert opened.headers["Authorization"] == f"Bearer {APP_TOKEN}"
    assert fake.socket_acks[0]["envelope_id"] == "env-1"
    assert "Topic `quake` saved" in fake.responses[0]["text"]


def test_socket_mode_start_returns_while_slack_refuses_and_stops_cleanly(slack_db,
                                                                        monkeypatch):
    import bot.slack_app

    monkeypatch.setattr(bot.slack_app, "CONNECT_WAIT", 0.2)

    async def scenario():
        async with FakeSlack() as fake:
            for _ in range(3):
                fake.fail_next("apps.connections.open", "invalid_auth")
            settings = slack_settings(fake, slack_app_token=APP_TOKEN)
            stop = await start_slack(settings, slack_db)  # returns although not connected
            await fake.wait_for(lambda: bool(fake.calls_to("apps.connections.open")))
            await stop()
            return fake

    fake = run(scenario())
    assert len(fake.calls_to("apps.connections.open")) == 1  # refused, then stopped
    assert fake.socket_acks == []
