"""Match topic aliases in a claim's own context."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

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
        alternation = "|".join(re.escape(a) for a in aliases)
        pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?:s|es|'s|’s)?(?![\w-])",
                             re.IGNORECASE)
        compiled.append((topic.key, pattern))
    return tuple(compiled)


def topics_in(text: str, topics: Sequence[Topic]) -> tuple[str, ...]:
    """Keys of the topics whose aliases occur in `text`, in the order given."""
    if not text or not topics:
        return ()
    return tuple(key for key, pattern in _compiled(tuple(topics)) if pattern.search(text))


def topics_for(contexts: Sequence[str], topics: Sequence[Topic]) -> tuple[str, ...]:
    """Topics of the narrowest context that names any: subject, then sentence, then paragraph."""
    for text in contexts:
        found = topics_in(text, topics)
        if found:
            return found
    return ()
