"""Split article text into paragraphs and sentences, keeping character offsets.

News copy from feeds is noisy: paragraphs are separated by blank lines or single line
breaks, bullets and timestamps sit on their own lines, and aggregator pages glue several
stories together. A paragraph here is one non-empty line; a sentence ends at . ! or ?
followed by a capitalised word, unless the full stop belongs to an abbreviation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "rep", "sen",
    "gov", "prof", "rev", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "inc", "ltd", "co", "jr",
    "sr", "mt", "ft", "approx", "est", "lt.-gen", "adm", "cpl", "pte", "brig", "cmdr",
}
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9•])")
_LINE_RE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the article text
    paragraph: int  # index of the paragraph it belongs to


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int
    index: int


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines of `text`, in order."""
    found = []
    for match in _LINE_RE.finditer(text):
        if match.group(0).strip():
            found.append(Paragraph(match.group(0), match.start(), len(found)))
    return found


_LAST_WORD_RE = re.compile(r"([\w.-]+)[.!?]+[\"”’')\]]*\s*$")


def _ends_with_abbreviation(text: str, end: int) -> bool:
    """Whether text[:end] ends with an abbreviation's full stop ("Gen.", "U.S.")."""
    word = _LAST_WORD_RE.search(text, max(0, end - 40), end)
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(paragraph: Paragraph) -> list[Sentence]:
    """Sentences of one paragraph."""
    sentences = []
    text, begin = paragraph.text, 0
    for match in _SENTENCE_END_RE.finditer(text):
        if _ends_with_abbreviation(text, match.end()):
            continue
        piece = text[begin: match.end()]
        if piece.strip():
            sentences.append(Sentence(piece.strip(), paragraph.start + begin, paragraph.index))
        begin = match.end()
    tail = text[begin:]
    if tail.strip():
        sentences.append(Sentence(tail.strip(), paragraph.start + begin, paragraph.index))
    return sentences
