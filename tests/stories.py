"""Short write-ups of our own about how the Kursk estimates were reported, for adapter tests.

`kursk_stories("s")` gives articles s1..s3 (ids and links carry the prefix, so each
platform's tests can tell their own apart).
"""

from __future__ import annotations

from datetime import date

from handlers.models import Article


def kursk_stories(prefix: str) -> list[Article]:
    return [
        Article(f"{prefix}1", "Seoul says the first North Korean soldiers have died",
                "South Korea's spy agency said on Monday that about 100 North Korean soldiers "
                "had been killed in the Kursk region.",
                date(2024, 12, 19), "Harbour Post", f"https://harbour.example/{prefix}1"),
        Article(f"{prefix}2", "Kyiv gives a far higher figure",
                "Ukraine's president Zelenskyy said on Monday that more than 3,000 North "
                "Korean soldiers had been killed or wounded in Kursk.",
                date(2024, 12, 23), "Daily Lantern", f"https://lantern.example/{prefix}2"),
        Article(f"{prefix}3", "Zelenskyy's count repeated",
                "Zelenskyy said more than 3,000 North Korean soldiers had been killed or "
                "wounded in Kursk, according to the Ukrainian president.",
                date(2024, 12, 24), "Evening Wire", f"https://wire.example/{prefix}3"),
    ]
