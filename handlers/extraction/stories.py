"""Split a page into stories: the main story and the unrelated ones glued under it.

Feeds and aggregators append other stories to an article ("Related", "MORE FROM X",
"OTHER NEWS", "... Read more", a short headline followed by a new dateline). A figure
in a glued story belongs to that story, not to the article's title: its topic fallback
and its carried sources must stop at the boundary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.extraction.segment import Paragraph

# Lines that announce other stories: "Related stories", "MORE FROM RIVERBEND", "OTHER NEWS".
_MARKER_RE = re.compile(
    r"^[\s\-•*>|]*(?:related(?:\s+(?:stories|articles|news|coverage|content|links|reading))?"
    r"|read more|see also|more from\b.*|more stories|more news|more on this\b.*|other news"
    r"|also in the news|in other news|also today|also on\b.*|top stories|latest news"
    r"|most read|trending|recommended|you may also like|world briefing|news in brief"
    r"|source link|more in\b.*|elsewhere)\s*[:.]?\s*$",
    re.IGNORECASE,
)
# A block header in capitals: "WHAT ELSE HAPPENED", "AROUND THE WORLD", "IN BRIEF"
# (not the main story's own summary: "KEY POINTS", "WHAT WE KNOW")
_BLOCK_HEADER_RE = re.compile(
    r"^[\s\-•*>|]*(?!(?:KEY|WHAT WE|AT A|THE LATEST|LATEST|TIMELINE|BACKGROUND|SUMMARY|"
    r"ANALYSIS|LIVE)\b)[A-Z][A-Z'’&]+(?:\s+[A-Z][A-Z'’&]*){1,5}\s*:?\s*$")
# A marker that opens a headline on the same line: "MORE: Turkish officials raise toll".
_MARKER_HEADLINE_RE = re.compile(
    r"^[\s\-•*]*(?:more|also on \w+|related|read more|see also|also|other news)\s*:\s*\S",
    re.IGNORECASE,
)
# "AHMEDABAD - ", "PALU, Indonesia - ", "MARRAKECH, Morocco, Sept 10 (CPA) - "
_DATELINE_RE = re.compile(
    r"^[A-Z][A-Z.'’]+(?:[ /-][A-Z][A-Z.'’]+)*(?:,\s*[A-Z][\w.'’ ]{1,30}?)?"
    r"(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?\s*(?:\([^)]{2,40}\))?\s*[-–—]{1,2}\s"
)
_READ_MORE_ENDINGS = ("read more", "continue reading", "source link")
_CLOSERS = "\"”’')] \t…"


@dataclass(frozen=True)
class Story:
    head: str  # the title or headline that names the story
    first: int  # index of its first paragraph


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ".!?"


def _is_headline(text: str) -> bool:
    """A short line that does not end a sentence: a headline or a subhead."""
    return 0 < text.count(" ") + 1 <= 16 and not _ends_sentence(text)


def _is_body(text: str) -> bool:
    """Prose of a story: it ends a sentence, or runs too long for a headline."""
    return _ends_sentence(text) or text.count(" ") > 15


def _ends_with_read_more(text: str) -> bool:
    return text[-30:].lower().rstrip(" .…:>»›").endswith(_READ_MORE_ENDINGS)


def find_stories(paragraphs: Sequence[Paragraph], title: str = "") -> list[Story]:
    """The stories of a page in order; the first is the main story, headed by `title`."""
    stories = [Story(title, 0)]
    has_body = after_marker = False
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text.strip()
        short = len(text) < 120
        if short and (_MARKER_RE.match(text) or _BLOCK_HEADER_RE.match(text)):
            after_marker = True
            if has_body:
                stories.append(Story("", index + 1))
                has_body = False
            continue
        if short and has_body and _MARKER_HEADLINE_RE.match(text):
            stories.append(Story(text.split(":", 1)[1].strip(), index))
            has_body = False
            continue
        starts_story = False
        head = text
        if has_body and after_marker and _is_headline(text):
            starts_story = True
        elif has_body and text[:2].isupper() and _DATELINE_RE.match(text):
            previous = paragraphs[index - 1].text.strip() if index else ""
            if index and _is_headline(previous) and stories[-1].first < index - 1:
                stories.append(Story(previous, index - 1))
                has_body = True
                continue
            starts_story = True
        if starts_story:
            stories.append(Story(head, index))
            has_body = _is_body(text)
            continue
        if _is_body(text):
            has_body = True
            if _ends_with_read_more(text):
                stories.append(Story("", index + 1))
                has_body = False
    return [story for story in stories if story.first < len(paragraphs) or story.first == 0]


def story_index(stories: Sequence[Story], paragraph_index: int) -> int:
    """Which story a paragraph belongs to."""
    found = 0
    for number, story in enumerate(stories):
        if story.first <= paragraph_index:
            found = number
    return found
