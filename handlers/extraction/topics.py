"""Match topic aliases in a claim's own context."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from handlers.extraction.patterns import alternation, folds_unlike_lower, lowered, minimal_keys
from handlers.extraction.places import story_country
from handlers.models import Topic


@lru_cache(maxsize=32)
def _compiled(topics: tuple[Topic, ...]) -> tuple[tuple[str, re.Pattern, tuple[str, ...]], ...]:
    """(key, pattern, keys) per topic: every match of the pattern contains one of `keys` in
    the lower-cased text (no keys: the pattern is always tried)."""
    compiled = []
    for topic in topics:
        names = [topic.key.replace("-", " "), topic.name] if not topic.aliases else []
        aliases = sorted({*topic.aliases, *names}, key=len, reverse=True)
        aliases = [a for a in aliases if a.strip()]
        if not aliases:
            continue
        pattern = re.compile(
            rf"(?<!\w)(?:{alternation(a.lower() for a in aliases)})(?:s|es|'s|’s)?(?!\w)"
            # "Haifa Street" in Baghdad names a street, not the city
            r"(?!\s+(?:Street|St\.|Road|Avenue|Square|Boulevard)\b)",
            re.IGNORECASE,
        )
        keys = minimal_keys(a.lower() for a in aliases)
        if not all(key.isascii() for key in keys):
            keys = ()  # case folding beyond ASCII: no substring shortcut
        compiled.append((topic.key, pattern, keys))
    return tuple(compiled)


def topics_in(text: str, topics: Sequence[Topic]) -> tuple[str, ...]:
    """Keys of the topics whose aliases occur in `text`, in the order given."""
    return TopicMatcher(topics).keys_in(text)


def topics_for(contexts: Sequence[str], topics: Sequence[Topic]) -> tuple[str, ...]:
    """Topics of the narrowest context that names any: subject, then sentence, then paragraph."""
    return TopicMatcher(topics).for_contexts(contexts)


_NAME_WORD_RE = re.compile(r"[A-Z][a-z]+")
_NOT_ANCHORS = frozenset(["The", "War", "Wars", "Of", "In", "And", "On", "A", "An"])


@lru_cache(maxsize=64)
def name_anchors(name: str, aliases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The sides a topic's name is made of ("Israel-Iran war": Israel, Iran), each as the
    lower-case aliases that name it; none when the name has fewer than two sides among its
    aliases ("North Korean troops in Russia's war" has one: Russia is no alias of it)."""
    outside_brackets = re.sub(r"\([^)]*\)", " ", name)
    sides: list[tuple[str, ...]] = []
    for word in _NAME_WORD_RE.findall(outside_brackets):
        if word in _NOT_ANCHORS:
            continue
        stem = word.lower()[:5]
        side = tuple(a.lower() for a in aliases if stem in a.lower())
        if side and not any(set(side) & set(other) for other in sides):
            sides.append(side)
    return tuple(sides) if len(sides) >= 2 else ()


class TopicMatcher:
    """Topic lookups for one article: each distinct text (a paragraph is asked about once
    per claim in it) is matched once. Per article, so nothing outlives the article.

    A topic named after two sides ("Russia-Ukraine war", "Israel-Iran war"; see
    `name_anchors`) belongs only to a story that names both: Russian losses in a story
    about Georgia in 2008, or Israeli ones in a Lebanon story, are not that war's.
    """

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._patterns = _compiled(tuple(topics)) if topics else ()
        self._sides = {t.key: name_anchors(t.name, tuple(t.aliases)) for t in topics
                       if name_anchors(t.name, tuple(t.aliases))}
        self._seen: dict[str, tuple[str, ...]] = {}
        self._excluded: frozenset[str] = frozenset()

    def enter_story(self, lower: str) -> None:
        """Exclude, until the next story, the topics whose name this story (its text, lower
        case) does not spell."""
        self._excluded = frozenset(
            key for key, sides in self._sides.items()
            if not all(any(alias in lower for alias in side) for side in sides))

    def keys_in(self, text: str) -> tuple[str, ...]:
        if not text or not self._patterns:
            return ()
        found = self._seen.get(text)
        if found is None:
            found = self._search(text)
            self._seen[text] = found
        if self._excluded and found:
            return tuple(key for key in found if key not in self._excluded)
        return found

    def _search(self, text: str) -> tuple[str, ...]:
        """Each topic's pattern, tried only when the text holds one of its aliases."""
        lower = None if folds_unlike_lower(text) else lowered(text)
        found = []
        for key, pattern, keys in self._patterns:
            if lower is not None and keys:
                for alias in keys:
                    if alias in lower:
                        break
                else:
                    continue  # none of the topic's aliases: its pattern cannot match
            if pattern.search(text):
                found.append(key)
        return tuple(found)

    def for_contexts(self, contexts: Sequence[str]) -> tuple[str, ...]:
        for text in contexts:
            found = self.keys_in(text)
            if found:
                return found
        return ()


class StoryTopics:
    """The topic fallback of one story: a figure whose own sentence and paragraph name no
    topic ("the toll rose to 763") takes the topic its story is about, read from the
    story's headline, then its lede, then the nearest paragraph before it."""

    def __init__(self, matcher: TopicMatcher, head: str, paragraphs: Sequence, first: int,
                 text: str = ""):
        self._matcher = matcher
        self._head = head
        self._paragraphs = paragraphs
        self._first = first
        self._counts: dict[str, int] = {}
        self._counted_to = first + 1  # paragraphs [first + 1, _counted_to) are counted
        self.text = text  # the whole story, headline first
        self._country: str | None = None

    def country(self) -> str:
        """The story's country, as `story_country` reads it (once, when first asked)."""
        if self._country is None:
            self._country = story_country(self.text)
        return self._country

    def topics_before(self, index: int) -> tuple[str, ...]:
        """Headline, then lede, then a topic named in two or more paragraphs before `index`
        (one stray "Sudanese workers" does not make a flood story about Sudan's war)."""
        found = self._matcher.keys_in(self._head)
        if found or index <= self._first:
            return found
        found = self._matcher.keys_in(self._paragraphs[self._first].text)
        if found:
            return found
        for earlier in range(self._counted_to, index):
            for key in self._matcher.keys_in(self._paragraphs[earlier].text):
                self._counts[key] = self._counts.get(key, 0) + 1
        self._counted_to = max(self._counted_to, index)
        return tuple(key for key, count in self._counts.items() if count >= 2)
