"""Casualty-claim extraction: article text in, `Claim`s out.

One engine for the CLI (`claimwatch extract`) and the pipeline. Rules only, compiled
once per process. This first version is a placeholder for the engine (issue 3).
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.models import Article, Claim, Topic

__all__ = ["extract_claims"]


def extract_claims(article: Article, topics: Sequence[Topic] = ()) -> list[Claim]:
    """Every casualty claim in `article`, each with the keys of the `topics` it belongs to."""
    return []
