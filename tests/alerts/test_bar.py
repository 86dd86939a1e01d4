"""The bar: the bundled sample feed, in published order, alerts a dprk channel exactly so."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources

import pytest

from bot.feed_parsing import parse_feed
from bot.inputs import read_topics_toml
from handlers.alerts import alert_view
from handlers.articles import handle_article
from handlers.commands import Actor, subscribe
from handlers.series import same_claimant
from storage import open_database, outbox
from storage.topics import list_topics, save_topic

SAMPLES = resources.files("bot") / "samples"

# (article, metric, low, high, claimant, figure compared against)
EXPECTED = [
    (1, "casualties", 30, 30, "GUR", None),
    (1, "deployed", 10_000, 12_000, "Washington and Kyiv", None),
    (1, "missing", 3, None, "GUR", None),
    (2, "casualties", 200, 900, "US military official", "about 30"),
    (4, "casualties", 1000, 1000, "John Kirby", None),
    (4, "casualties", 3000, None, "Zelenskyy", "several hundred"),
    (5, "casualties", 6000, None, "UK Ministry of Defence", "more than 3,000"),
]


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("bar") / "t.db")
    with resources.as_file(SAMPLES / "topics.toml") as path:
        for topic in read_topics_toml(path):
            save_topic(db, topic)
    subscribe(db, Actor("console", "dprk-desk", can_manage=True), "dprk")
    subscribe(db, Actor("console", "mideast-desk", can_manage=True), "israel-iran")
    feed = parse_feed((SAMPLES / "dprk-feed.xml").read_bytes())
    entries = sorted(feed.entries, key=lambda entry: entry.article.published)
    for entry in entries:
        handle_article(db, entry.article, list_topics(db),
                       now=datetime(2025, 7, 1, tzinfo=UTC), entry_key=entry.key)
    order = {entry.article.url: number for number, entry in enumerate(entries, 1)}
    return db, order


def _dprk_alerts(db):
    return [alert for alert in outbox.list_alerts(db)
            if alert.subscription.channel == "dprk-desk"]


def test_the_dprk_alerts_are_exactly_the_backbone_list(replayed):
    db, order = replayed
    got = sorted(
        (order[alert.claim.url], alert.claim.metric, alert.claim.low, alert.claim.high,
         alert.claim.claimant, alert.previous.figure.lower() if alert.previous else None)
        for alert in _dprk_alerts(db))
    assert len(got) == len(EXPECTED), got
    for actual, wanted in zip(got, sorted(EXPECTED)):
        assert actual[:4] == wanted[:4], (actual, wanted)
        assert same_claimant(actual[4], wanted[4]), (actual, wanted)
        assert actual[5] == wanted[5], (actual, wanted)


def test_the_uk_alert_says_what_it_compares_against(replayed):
    db, _ = replayed
    [uk] = [alert for alert in _dprk_alerts(db) if alert.claim.low == 6000]
    comparison = alert_view(uk).comparison
    assert comparison.startswith("more than 6,000 (")
    assert "previous: more than 3,000 (" in comparison and "Zelenskyy" in comparison
    assert comparison.endswith("×2")


def test_no_alert_for_vague_restated_or_added_troops(replayed):
    db, _ = replayed
    deployed = [alert.claim for alert in _dprk_alerts(db) if alert.claim.metric == "deployed"]
    assert [(claim.low, claim.high) for claim in deployed] == [(10_000, 12_000)]


def test_re_reports_are_corroborating_sources(replayed):
    db, _ = replayed
    [hundreds] = [alert.claim for alert in _dprk_alerts(db) if alert.claim.low == 200]
    assert hundreds.sources >= 2


def test_israel_figures_reach_no_dprk_subscriber(replayed):
    db, _ = replayed
    assert all(alert.claim.topic == "dprk" for alert in _dprk_alerts(db))
    mideast = [alert for alert in outbox.list_alerts(db)
               if alert.subscription.channel == "mideast-desk"]
    assert any(alert.claim.low == 24 for alert in mideast)
