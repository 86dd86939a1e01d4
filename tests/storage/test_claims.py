from storage import transaction
from storage.articles import ArticleRecord, insert_article
from storage.claims import (
    ClaimRecord,
    add_source,
    claim_by_key,
    claim_sources,
    insert_claim,
    series_claims,
    topic_claims,
)


def _article(db, n: int, published: str) -> int:
    return insert_article(db, ArticleRecord(
        entry_key=f"k{n}", fingerprint=f"f{n}", url=f"https://news.example/{n}",
        title=f"story {n}", outlet=f"Outlet {n}", published=published, seen=published))


def _record(low, high, made_on, claimant="UK Ministry of Defence") -> ClaimRecord:
    return ClaimRecord(
        dedupe_key=f"dprk|casualties|{low}|{high}|{claimant}|", topic="dprk",
        metric="casualties", low=low, high=high, approx=False, qualifier="more than",
        figure=f"more than {low:,}", subject="North Korean troops",
        series="north-korea/total", claimant=claimant, claimant_key=claimant.lower(),
        period="", claim_date="", hedge="", increment=False, evidence="...", made_on=made_on)


def test_a_claim_is_stored_once_and_repeats_are_sources(db):
    with transaction(db):
        first, second = _article(db, 1, "2025-06-15"), _article(db, 2, "2025-06-16")
        claim_id = insert_claim(db, _record(6000, None, "2025-06-15"), article_id=first,
                                seen="2025-06-15T10:00:00+00:00")
        assert add_source(db, claim_id, second, evidence="...", seen="2025-06-16")
        assert not add_source(db, claim_id, second, evidence="...", seen="2025-06-16")

    stored = claim_by_key(db, "dprk|casualties|6000|None|UK Ministry of Defence|")
    assert stored.sources == 2 and stored.outlet == "Outlet 1"
    assert [s.outlet for s in claim_sources(db, claim_id)] == ["Outlet 1", "Outlet 2"]


def test_topic_history_is_newest_first_and_filters(db):
    with transaction(db):
        article = _article(db, 1, "2025-06-16")
        insert_claim(db, _record(3000, None, "2024-12-23", "Zelenskyy"), article_id=article,
                     seen="x")
        insert_claim(db, _record(6000, None, "2025-06-15"), article_id=article, seen="x")

    assert [c.low for c in topic_claims(db, "dprk")] == [6000, 3000]
    assert [c.low for c in topic_claims(db, "dprk", since="2025-01-01")] == [6000]
    assert topic_claims(db, "dprk", metric="killed") == []


def test_a_series_window_returns_the_latest_statements_oldest_first(db):
    with transaction(db):
        article = _article(db, 1, "2025-06-16")
        for n, day in enumerate(("2024-12-17", "2024-12-23", "2025-06-15"), start=1):
            insert_claim(db, _record(1000 * n, None, day), article_id=article, seen="x")

    window = series_claims(db, topic="dprk", metric="casualties", series="north-korea/total",
                           latest=2)

    assert [c.low for c in window] == [2000, 3000]
    assert len(series_claims(db, topic="dprk", metric="casualties",
                             series="north-korea/total")) == 3
