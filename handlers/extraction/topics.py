"""Match topic aliases in a claim's own context."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from handlers.extraction.patterns import alternation
from handlers.models import Topic


@lru_cache(maxsize=32)
def _compiled(topics: tuple[Topic, ...]) -> tuple[tuple[str, re.Pattern], ...]:
    compiled = []
    for topic in topics:
        names = [topic.key.replace("-", " "), topic.name] if not topic.aliases else []
        aliases = sorted({*topic.aliases, *names}, key=len, reverse=True)
        aliases = [a for a in aliases if a.strip()]
        if not aliases:
            continue
        pattern = re.compile(
            rf"(?<![\w-])(?:{alternation(a.lower() for a in aliases)})(?:s|es|'s|’s)?(?![\w-])",
            re.IGNORECASE,
        )
        compiled.append((topic.key, pattern))
    return tuple(compiled)


def topics_in(text: str, topics: Sequence[Topic]) -> tuple[str, ...]:
    """Keys of the topics whose aliases occur in `text`, in the order given."""
    if not text or not topics:
        return ()
    return _topics_in(text, tuple(topics))


@lru_cache(maxsize=256)
def _topics_in(text: str, topics: tuple[Topic, ...]) -> tuple[str, ...]:
    # a paragraph is asked about once per claim in it: remember the answer
    return tuple(key for key, pattern in _compiled(topics) if pattern.search(text))


def topics_for(contexts: Sequence[str], topics: Sequence[Topic]) -> tuple[str, ...]:
    """Topics of the narrowest context that names any: subject, then sentence, then paragraph."""
    for text in contexts:
        found = topics_in(text, topics)
        if found:
            return found
    return ()
