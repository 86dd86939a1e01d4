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


# Hashed as if frozen, but not frozen: a frozen dataclass's __init__ is 4x slower.
@dataclass(unsafe_hash=True, slots=True)
class Sentence:
    text: str
    start: int  # offset in the article text
    paragraph: int  # index of the paragraph it belongs to


# Hashed as if frozen, but not frozen: a frozen dataclass's __init__ is 4x slower.
@dataclass(unsafe_hash=True, slots=True)
class Paragraph:
    text: str
    start: int
    index: int


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines of `text`, in order."""
    found = []
    start = 0
    for line in text.split("\n"):  # str.split, not a regex scan over the whole article
        if line and not line.isspace():
            found.append(Paragraph(line, start, len(found)))
        start += len(line) + 1
    return found


_CLOSERS = "\"”’')]"
_WORD_TAIL_RE = re.compile(r"[\w.-]*")


def _ends_with_abbreviation(text: str, end: int) -> bool:
    """Whether text[:end] ends with an abbreviation's full stop ("Gen.", "U.S.").

    Reads back from `end` (at most 40 characters) what `([\\w.-]+)[.!?]+["”’')\\]]*\\s*$`
    would match: whitespace, closing quotes or brackets, the stops, then the word. By string
    methods: the regex tried every position of the window, once per sentence end.
    """
    head = text[max(0, end - 40): end].rstrip().rstrip(_CLOSERS)
    word = head.rstrip(".!?")
    if len(word) == len(head):
        return False
    # the run of word characters, dots and hyphens ending the word, matched on the reversed
    # word in C ([\w] is exactly isalnum() or "_"), not walked back character by character
    start = len(word) - _WORD_TAIL_RE.match(word[::-1]).end()
    token = word[start:].lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _sentence_ends(text: str):
    """_SENTENCE_END_RE.finditer(text), tried only at the stops str.find locates (the regex
    engine would test every character of the paragraph for one)."""
    position, length = 0, len(text)
    full_stops_only = "!" not in text and "?" not in text
    while True:
        if full_stops_only:
            stop = text.find(".", position)
            if stop < 0:
                return
        else:
            stop = min(_find_stop(text, ".", position, length),
                       _find_stop(text, "!", position, length),
                       _find_stop(text, "?", position, length))
            if stop == length:
                return
        match = _SENTENCE_END_RE.match(text, stop)
        if match:
            yield match
            position = match.end()
        else:
            position = stop + 1


def _find_stop(text: str, stop: str, position: int, length: int) -> int:
    found = text.find(stop, position)
    return length if found < 0 else found


def split_sentences(paragraph: Paragraph) -> list[Sentence]:
    """Sentences of one paragraph."""
    sentences = []
    text, begin = paragraph.text, 0
    for match in _sentence_ends(text):
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
