from datetime import UTC, date, datetime

from handlers.articles import (
    NO_CLAIM,
    NO_TEXT,
    NO_TOPIC_MATCHED,
    SEEN_BEFORE,
    format_figure,
    handle_article,
)
from handlers.commands import Actor, subscribe
from handlers.models import Article
from storage.claims import claim_sources, topic_claims
from storage.outbox import list_alerts

NOW = datetime(2025, 1, 10, 12, tzinfo=UTC)
CONSOLE = Actor("console", "stdout", can_manage=True)


def _article(n: int, text: str, published: date = date(2025, 1, 10), outlet="Wire") -> Article:
    return Article(id=f"a{n}", title=f"Story {n}", text=text, published=published,
                   outlet=outlet, url=f"https://news.example/{n}")


def test_first_figure_alerts_each_subscriber_once(db_with_topics):
    db = db_with_topics
    subscribe(db, CONSOLE, "sudan")
    subscribe(db, Actor("slack", "C1", "T1", can_manage=True), "sudan")
    text = "At least 120 people were killed in the shelling of El Fasher, Sudanese doctors said."

    outcome = handle_article(db, _article(1, text), [], now=NOW)  # no topics passed: none match
    assert outcome.alerts == 0 and outcome.outcome == NO_TOPIC_MATCHED

    from storage.topics import list_topics

    outcome = handle_article(db, _article(2, text + " Medics said the toll may rise."),
                             list_topics(db), now=NOW)
    assert outcome.alerts == 2
    destinations = sorted(a.subscription.platform for a in list_alerts(db))
    assert destinations == ["console", "slack"]


def test_a_repeat_is_a_source_not_a_new_claim(db_with_topics):
    from storage.topics import list_topics

    db, topics = db_with_topics, list_topics(db_with_topics)
    subscribe(db, CONSOLE, "gaza")
    first = "Gaza's health ministry said 41,000 Palestinians had been killed since the war began."
    again = ("The health ministry in Gaza said on Tuesday that 41,000 Palestinians had been "
             "killed since the war began, a toll the UN considers reliable.")
    handle_article(db, _article(1, first), topics, now=NOW)
    outcome = handle_article(db, _article(2, again, outlet="Other Wire"), topics, now=NOW)

    assert outcome.new_claims == 0 and outcome.corroborations >= 1 and outcome.alerts == 0
    (claim,) = [c for c in topic_claims(db, "gaza") if c.low == 41000]
    assert [s.outlet for s in claim_sources(db, claim.id)] == ["Wire", "Other Wire"]


def test_the_same_article_twice_is_seen_before(db_with_topics):
    from storage.topics import list_topics

    text = "Russian strikes killed 14 civilians in Kharkiv overnight, Ukrainian officials said."
    topics = list_topics(db_with_topics)
    handle_article(db_with_topics, _article(1, text), topics, now=NOW)
    assert handle_article(db_with_topics, _article(1, text), topics,
                          now=NOW).outcome == SEEN_BEFORE


def test_articles_without_text_or_claims_say_so(db_with_topics):
    empty = Article(id="e", title="", text="   ")
    assert handle_article(db_with_topics, empty, [], now=NOW).outcome == NO_TEXT
    calm = _article(3, "The central bank left interest rates unchanged at 5.25%.")
    assert handle_article(db_with_topics, calm, [], now=NOW).outcome == NO_CLAIM


def test_recording_without_alerting_still_builds_history(db_with_topics):
    from storage.topics import list_topics

    subscribe(db_with_topics, CONSOLE, "quake")
    text = "The earthquake killed at least 2,000 people, the disaster agency said."
    outcome = handle_article(db_with_topics, _article(1, text), list_topics(db_with_topics),
                             now=NOW, alerting=False)
    assert outcome.alerts == 0 and list_alerts(db_with_topics) == []
    assert [c.low for c in topic_claims(db_with_topics, "quake")] == [2000]


def test_figures_read_as_people_write_them():
    assert format_figure(3000, None, "more than") == "more than 3,000"
    assert format_figure(10000, 12000) == "10,000 to 12,000"
    assert format_figure(200, 900, "several hundred") == "several hundred"
    assert format_figure(None, 500, "up to") == "up to 500"
    assert format_figure(1000, 1000) == "1,000"


def test_subscribing_again_resumes_a_paused_subscription(db_with_topics):
    from storage.subscriptions import find_subscription, set_paused

    subscribe(db_with_topics, CONSOLE, "gaza")
    found = find_subscription(db_with_topics, platform="console", workspace="",
                              channel="stdout", topic="gaza")
    set_paused(db_with_topics, found.id, True, "channel 42 is gone")

    reply = subscribe(db_with_topics, CONSOLE, "gaza")

    assert reply.ok and "Resumed" in reply.text and "channel 42 is gone" in reply.text
    assert not find_subscription(db_with_topics, platform="console", workspace="",
                                 channel="stdout", topic="gaza").paused


def test_claimants_and_figures_read_mid_sentence(db_with_topics):
    from storage.topics import list_topics

    text = ("A senior UN official said more than 300 people had been killed in the "
            "earthquake. The Red Cross said 12 volunteers were missing after the quake.")
    handle_article(db_with_topics, _article(9, text), list_topics(db_with_topics), now=NOW)
    claimants = {c.claimant for c in topic_claims(db_with_topics, "quake")}
    assert "a senior UN official" in claimants and "The Red Cross" in claimants
