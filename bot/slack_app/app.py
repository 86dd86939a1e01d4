"""Building the Bolt app: one AsyncApp whose Web API client uses `SLACK_API_URL`."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import Settings
from bot.slack_app.listeners import SlackServices, register

log = logging.getLogger(__name__)


def build_app(settings: Settings, db, *, process_before_response: bool = False) -> AsyncApp:
    """The claimwatch Slack app with its listeners registered; nothing is started.

    `process_before_response=True` keeps each listener on the request until it is done,
    which is what FaaS hosts and tests want; a long-running process leaves it False so
    the acknowledgement goes back at once and the work continues after it.
    """
    client = AsyncWebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    app = AsyncApp(
        name="claimwatch",
        client=client,
        signing_secret=settings.slack_signing_secret,
        process_before_response=process_before_response,
        logger=logging.getLogger("claimwatch.slack.bolt"),
    )
    register(app, _services(settings, db))
    return app


def _services(settings: Settings, db) -> SlackServices:
    from bot.runner import build_fetcher

    try:
        from bot.charts import render_claims_chart
    except ImportError:  # charts are optional (matplotlib)
        render_claims_chart = None
    return SlackServices(settings=settings, db=db, make_fetcher=lambda: build_fetcher(settings),
                         render_chart=render_claims_chart)
