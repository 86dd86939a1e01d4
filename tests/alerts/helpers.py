"""Building blocks for the alert tests: claims written in our own words, a seeded database."""

from __future__ import annotations

from datetime import date

from handlers.models import Article, Topic
from storage import open_database
from storage.models import StoredClaim
from storage.topics import save_topic

DPRK = Topic("dprk", "North Korean troops in Russia's war",
             ("North Korea", "North Korean", "DPRK", "Pyongyang"))
GAZA = Topic("gaza", "Gaza war", ("Gaza", "Palestinian", "Palestinians", "Hamas"))


def claim(claim_id: int, low: int | None, high: int | None, *, claimant: str = "",
          made_on: str = "2024-12-17", figure: str = "", approx: bool = False,
          qualifier: str = "", increment: bool = False, metric: str = "casualties",
          series: str = "north-korea/total") -> StoredClaim:
    """A stored claim as the rule sees it; only the fields the rule reads matter."""
    return StoredClaim(
        id=claim_id, topic="dprk", metric=metric, low=low, high=high, approx=approx,
        qualifier=qualifier, figure=figure or _figure(low, high, qualifier), subject="",
        series=series, claimant=claimant, claimant_key=claimant.lower(), period="",
        claim_date=made_on, hedge="", increment=increment, evidence="", article_id=claim_id,
        made_on=made_on, first_seen=made_on)


def _figure(low: int | None, high: int | None, qualifier: str) -> str:
    if low is not None and high is not None and low != high:
        return f"{low:,} to {high:,}"
    number = low if low is not None else high
    return f"{qualifier} {number:,}".strip()


def seeded_db(tmp_path, *topics: Topic):
    db = open_database(tmp_path / "t.db")
    for topic in topics or (DPRK,):
        save_topic(db, topic)
    return db


def article(ident: str, text: str, published: date, *, title: str = "",
            outlet: str = "Test Wire") -> Article:
    return Article(id=ident, title=title or text[:60], text=text, published=published,
                   outlet=outlet, url=f"https://wire.example/{ident}")
