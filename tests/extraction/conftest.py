"""Helpers shared by the extraction tests: a small topic set and a one-call extractor."""

from __future__ import annotations

from datetime import date

from handlers.extraction import extract_claims
from handlers.models import Article, Claim, Topic

TOPICS = (
    Topic("dprk", "North Korean troops", ("North Korea", "North Korean", "DPRK", "Pyongyang")),
    Topic("ukraine-war", "Russia-Ukraine war", ("Ukraine", "Ukrainian", "Russia", "Russian")),
    Topic("israel-iran", "Israel-Iran war", ("Israel", "Israeli", "Iran", "Iranian")),
    Topic("gaza", "Gaza war", ("Gaza", "Palestinian", "Palestinians", "Hamas")),
    Topic("quake", "Earthquakes", ("earthquake", "quake", "tremor")),
)
PUBLISHED = date(2025, 3, 14)  # a Friday


def claims_in(text: str, published: date | None = PUBLISHED) -> list[Claim]:
    article = Article(id="t", title="", text=text, published=published)
    return extract_claims(article, TOPICS)


def only_claim(text: str, published: date | None = PUBLISHED) -> Claim:
    claims = claims_in(text, published)
    assert len(claims) == 1, [(c.metric, c.low, c.high, c.evidence) for c in claims]
    return claims[0]
