"""Decide what a figure counts: killed, wounded, casualties, missing, captured, deployed.

Three ways a figure meets its metric word in news copy:
- after it, across the counted noun phrase: "30 North Korean troops were killed or wounded",
  "394 of the dead", "2,700 wounded";
- before it, as an active verb: "killing at least 54 people", "took 251 hostages",
  "had sent 10,000 to 12,000 troops";
- as a tally noun: "the death toll has risen to 820", "put the number of injured at 804".
A figure that meets none of them, or whose noun phrase counts things rather than people,
is not a claim. Modal verbs make it a projection and negations/denials drop it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from handlers.extraction.lexicon import (
    METRIC_PHRASES,
    MILITARY_NOUNS,
    NON_PERSON_NOUNS,
    PERSON_NOUNS,
    VERBS_BEFORE_FIGURE,
)
from handlers.extraction.numbers import Figure
from handlers.extraction.patterns import (
    alternation,
    folds_unlike_lower,
    lowered,
    may_contain,
    may_end_with,
    minimal_keys,
)


# Hashed as if frozen, but not frozen: a frozen dataclass's __init__ is 4x slower.
@dataclass(unsafe_hash=True, slots=True)
class Link:
    """How one figure is tied to its metric inside a sentence."""

    metric: str
    subject: str
    span_start: int  # evidence span within the sentence
    span_end: int
    increment: bool = False


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _alternation(words) -> str:
    return alternation(w.lower() for w in words)


_PHRASE_TO_METRIC = {p: m for m, phrases in METRIC_PHRASES.items() for p in phrases}
_PHRASE_TO_METRIC.update({
    "sent to hospital": "wounded", "taken to hospital": "wounded",
    "rushed to hospital": "wounded", "in hospital": "wounded", "to hospital": "wounded",
    "to hospitals": "wounded", "to the hospital": "wounded",
})
_ONE_METRIC = _alternation(_PHRASE_TO_METRIC)
_METRIC_AT_RE = re.compile(
    rf"(?:{_ONE_METRIC})(?:\s*(?:,\s*)?(?:and/or|or|and|,)\s*(?:{_ONE_METRIC}))*\b",
    re.IGNORECASE,
)
# The first three characters of every metric phrase, lower-cased: a metric phrase can start
# only where the text does with one of them.
_METRIC_STARTS = frozenset(p.lower()[:3] for p in _PHRASE_TO_METRIC)
_METRIC_WORD_RE = re.compile(rf"\b(?:{_ONE_METRIC})\b", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*|\S")

_PERSONS = frozenset(PERSON_NOUNS)
_MILITARY = frozenset(w for phrase in MILITARY_NOUNS for w in phrase.split())
_NON_PERSONS = frozenset(NON_PERSON_NOUNS)
_AUXILIARIES = _word_set("""
    were was have has had been are is be being reportedly also already all now still so far
    confirmed later since yet officially reported believed thought feared said estimated
    presumed found declared listed as initially who whom that more be others other
    additional further new people than both each respectively altogether total in-total just
    another apparently likely highly probably subsequently eventually ultimately known
""")
_MODALS = frozenset(["could", "would", "might", "may", "will", "should", "can", "shall"])
_NEGATIONS = frozenset(["not", "never", "no", "none", "n't", "without"])
_PREPOSITIONS = _word_set("""
    in from at across near inside on of among around along during with by outside throughout
    within into to under over between aboard
""")
_CLAUSE_BREAKERS = _word_set("""
    which where when while after before because but if until whether unless although though
    amid despite whereas
""")
# Verbs after a figure that make the people it counts something other than victims:
# rescued or evacuated, or a crowd doing something ("mourners gathered for the funerals").
_NOT_A_CLAIM_VERBS = _word_set("""
    rescued evacuated displaced trapped freed released arrested detained saved homeless
    affected gathered gather gathering holding marched marching attended attending rallied
    protested queued waited demonstrated flocked thronged lined chanted carrying waving
    mourned mourning survived
""")
_FUTURE_LEAD = _word_set("about set going due")
_INCREMENT_AFTER = frozenset(["more", "additional", "further", "new"])

_VERB_TO_METRIC = {v: m for m, verbs in VERBS_BEFORE_FIGURE.items() for v in verbs}
_VERB_BEFORE_RE = re.compile(
    rf"\b(?P<verb>{_alternation(_VERB_TO_METRIC)})\s+(?P<filler>(?:(?:another|an additional|"
    r"a further|a total of|a combined|the lives of|the deaths of|as many as|in total|"
    r"a first|an initial|a new|all|all of the|all of)\s+)?)(?:[\"“]\s*)?$",
    re.IGNORECASE,
)
_TALLY_NOUNS = {
    "death toll": "killed", "toll": "killed", "deaths": "killed", "dead": "killed",
    "fatalities": "killed", "number of dead": "killed", "number of deaths": "killed",
    "number of people killed": "killed", "number of those killed": "killed",
    "number of fatalities": "killed", "number of victims": "killed",
    "casualty toll": "casualties", "casualties": "casualties", "losses": "casualties",
    "casualty figure": "casualties", "number of casualties": "casualties",
    "number of injured": "wounded", "number of wounded": "wounded",
    "number of people injured": "wounded", "number of people wounded": "wounded",
    "injured": "wounded", "wounded": "wounded", "injuries": "wounded",
    "number of missing": "missing", "number of people missing": "missing",
    "killed or wounded": "casualties", "killed and wounded": "casualties",
    "killed or injured": "casualties", "killed and injured": "casualties",
    "dead and wounded": "casualties", "dead or wounded": "casualties",
    "dead and injured": "casualties",
}
_TALLY_RE = re.compile(
    rf"\b(?P<noun>{_alternation(_TALLY_NOUNS)})\b(?P<gap>[^.;!?\d]{{0,90}}?)"
    r"(?P<link>\b(?:at|to|of|above|reached|reaches|hit|hits|is|was|stands at|stood at|"
    r"now|jumped to|rose to|risen to|climbed to|increased to|:|as|were|are|climb to|climbs to|"
    r"rise to|rises to|reach|reached|topped|tops|passed|passes|surpassed|exceeded|"
    r"approaching|approached|stand at|standing at)\b|:)?\s*$",
    re.IGNORECASE,
)
# Cheap tests before the patterns below (see `may_end_with` and `may_contain`): the words
# each match ends with, or holds.
_VERB_BEFORE_ENDINGS = (*(v.lower() for v in _VERB_TO_METRIC), "another", "additional",
                        "further", "of", "combined", "as", "total", "first", "initial", "new",
                        "all", "the")
_TALLY_KEYS = minimal_keys(_TALLY_NOUNS)
_INCREMENT_WORDS = ("another", "additional", "further")
_OF_THE_KEYS = ("dead", "wounded", "injured", "victims", "casualties", "killed", "fatalities",
                "bodies", "remains", "corpses")
_INCREMENT_BEFORE_RE = re.compile(r"\b(?:another|an additional|a further)\s+$", re.I)
_CONTINGENT_RE = re.compile(
    r"\b(?:contingent|deployment|detachment|battalion|force)s? of\s*$", re.IGNORECASE)
_OF_THE_LEFT_RE = re.compile(
    r"\b(?:of|among) the (?P<noun>dead|wounded|injured|victims|casualties|killed|fatalities)"
    r"\s*,?\s*(?:(?:were|was|are|is|included|include)\s+)?$"
    # "the bodies of 29 children"
    r"|\b(?:the\s+)?(?P<bodies>bodies|remains|corpses) of\s*$"
    # "the dead came from 35 countries, among them 32 Kenyans"
    r"|\b(?:the|those) (?P<list>dead|killed|victims|fatalities)\b[^.;]{0,60}?"
    r"(?:\bincluded|\bincluding|\bamong them|\bamong whom|:)\s*$",
    re.IGNORECASE,
)
_HYPOTHETICAL_BEFORE_RE = re.compile(
    r"\b(?:could|would|might|may|will|expected to|set to|likely to)\s+(?:\w+\s+){0,2}$|"
    r"\bif\b[^,;]*$|"
    r"\b(?:threatened|threatening|vowed|plan|plans|planning|scenario)\b[^,;]*$",
    re.IGNORECASE,
)
_DENIAL_RE = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|disputed|"
    r"false(?:ly)?|fake|untrue|baseless)\b",
    re.IGNORECASE,
)
_DENIAL_KEYS = ("den", "reject", "dismiss", "refuted", "disputed", "false", "fake", "untrue",
                "baseless")


# Any word that can tie a figure to a metric, as a plain lower-case substring pattern (no
# \b, no IGNORECASE) so `re` can skip through a sentence that has none of them.
_CLAIM_HINTS = frozenset({
    *(w.lower() for w in _PHRASE_TO_METRIC), *(v.lower() for v in _VERB_TO_METRIC),
    *_TALLY_NOUNS, "of them", "of whom", "among", "contingent", "including", "includes",
    "included", "troops",
    "figure at", "number at", "estimate at", "tally at", "total at", "count at",
    "soldiers", "peacekeepers", "marines", "servicemen", "paratroopers", "troopers",
})
_CLAIM_HINT_RE = re.compile(alternation(_CLAIM_HINTS))

# The same test word by word, remembered per whitespace-separated chunk of text. Every hint
# contains a "minimal" hint (one containing no other). A one-word minimal hint lies inside
# one chunk; a multi-word one puts each of its words inside some chunk, so a chunk holding
# its longest word sends the text to the full pattern.
_MINIMAL_HINTS = [h for h in _CLAIM_HINTS if not any(o != h and o in h for o in _CLAIM_HINTS)]
_ONE_WORD_HINT_RE = re.compile(alternation(h for h in _MINIMAL_HINTS if " " not in h))
_MULTI_WORD_KEY_RE = re.compile(alternation(
    max(h.split(), key=len) for h in _MINIMAL_HINTS if " " in h))
# Chunks already classified, kept as sets so a sentence is tested with C-level set
# operations instead of a Python loop over its words.
_HINT_CHUNKS: set[str] = set()  # chunks holding a one-word hint: the text may hold a claim
_MAYBE_CHUNKS: set[str] = set()  # chunks holding a word of a multi-word hint
_SEEN_CHUNKS: set[str] = set()  # every classified chunk
_CHUNK_MEMO_LIMIT = 50_000  # news vocabulary, numbers included; cleared when full


def _classify_chunks(chunks: set[str], all_chunks: list[str]) -> None:
    """Classify `chunks` (the unseen ones of `all_chunks`); when the memo is full, start it
    again from `all_chunks` so the caller's sentence stays fully classified."""
    if len(_SEEN_CHUNKS) + len(chunks) >= _CHUNK_MEMO_LIMIT:
        _HINT_CHUNKS.clear()
        _MAYBE_CHUNKS.clear()
        _SEEN_CHUNKS.clear()
        chunks = all_chunks
    # One scan of them all first: no hint word holds a space, so a match in the joined text
    # lies inside one chunk, and most new chunks (figures, names) hold none.
    joined = " ".join(chunks)
    if _ONE_WORD_HINT_RE.search(joined) or _MULTI_WORD_KEY_RE.search(joined):
        for chunk in chunks:
            if _ONE_WORD_HINT_RE.search(chunk):
                _HINT_CHUNKS.add(chunk)
            elif _MULTI_WORD_KEY_RE.search(chunk):
                _MAYBE_CHUNKS.add(chunk)
    _SEEN_CHUNKS.update(chunks)


def _classified_chunks(text: str) -> list[str]:
    """The chunks of `text`, lower-cased, each one classified in the memo sets."""
    # a list, not a set: the set methods take it as it is, and most texts bring no new chunk
    chunks = lowered(text).split()
    if not _SEEN_CHUNKS.issuperset(chunks):
        _classify_chunks(set(chunks).difference(_SEEN_CHUNKS), chunks)
    return chunks


def may_hold_claim(sentence: str) -> bool:
    """False when no metric word, casualty verb or tally noun occurs in `sentence`.

    Same answer as searching `_CLAIM_HINT_RE` in the lower-cased text, but most words are
    looked up in a table instead of being matched again and again.
    """
    chunks = _classified_chunks(sentence)
    if not _HINT_CHUNKS.isdisjoint(chunks):
        return True
    return not _MAYBE_CHUNKS.isdisjoint(chunks) and \
        _CLAIM_HINT_RE.search(lowered(sentence)) is not None


# Hashed as if frozen, but not frozen: a frozen dataclass's __init__ is 4x slower.
@dataclass(unsafe_hash=True, slots=True)
class ClaimHints:
    """What `may_hold_claim` saw in a paragraph, to answer it for the paragraph's sentences
    without splitting each again. A sentence's chunks are some of its paragraph's."""

    hint_chunks: frozenset[str]  # the paragraph's chunks holding a one-word hint
    maybe: bool  # whether one of its chunks holds a word of a multi-word hint

    def sentence_may_hold_claim(self, sentence: str) -> bool:
        """`may_hold_claim(sentence)` for a sentence of the paragraph.

        A hint chunk occurring in the sentence lies inside one of the sentence's chunks, which
        then holds a one-word hint too; and each hint chunk of the sentence is one of these.
        """
        lower = lowered(sentence)
        for chunk in self.hint_chunks:
            if chunk in lower:
                return True
        return self.maybe and may_hold_claim(sentence)


def claim_hints(paragraph: str) -> ClaimHints | None:
    """None when `may_hold_claim(paragraph)` is False; else what its sentences need."""
    chunks = _classified_chunks(paragraph)
    hint_chunks = _HINT_CHUNKS.intersection(chunks)
    maybe = not _MAYBE_CHUNKS.isdisjoint(chunks)
    if not hint_chunks and not (maybe and _CLAIM_HINT_RE.search(lowered(paragraph))):
        return None  # may_hold_claim(paragraph) is False
    return ClaimHints(frozenset(hint_chunks), maybe)


def metric_of_phrase(phrase: str) -> str:
    """'killed or wounded' -> casualties, 'wounded' -> wounded, 'died' -> killed."""
    metrics = {_PHRASE_TO_METRIC[w.lower()] for w in _METRIC_WORD_RE.findall(phrase)}
    if len(metrics) == 1:
        return metrics.pop()
    if {"killed", "wounded"} <= metrics or "casualties" in metrics:
        return "casualties"
    if "killed" in metrics and "captured" in metrics:
        return "casualties"
    if "missing" in metrics and "captured" in metrics:
        return "missing"
    return next((m for m in ("killed", "wounded", "missing", "captured") if m in metrics), "")


@dataclass
class _Walk:
    """What lies between a figure and the first metric phrase after it."""

    metric: str = ""
    metric_end: int = 0
    subject_words: tuple[str, ...] = ()
    has_person: bool = False
    has_military: bool = False
    blocked: bool = False  # counted things, not people, or a modal/negation
    increment: bool = False
    crossed_conjunction: bool = False
    described_otherwise: bool = False  # "30 people who survived"


# The same walk is asked for several times per figure (the link, then a troop count, a
# breakdown check, the subject); the caller only reads the result.
@lru_cache(maxsize=256)
def _walk_right(sentence: str, start: int, stop: int) -> _Walk:
    walk = _Walk()
    words: list[str] = []
    modifiers = pp_words = 0
    in_pp = in_relative = False
    first_after_of = False
    limit = min(stop, start + 220)
    position, index = start, -1
    while token := _TOKEN_RE.search(sentence, position, limit):
        position, index = token.end(), index + 1
        word = token.group(0)
        lower = word.lower()
        if word in _QUOTES:
            continue  # '"several hundred" casualties', '140 "militants" were "neutralised"'
        aside_end = _aside_end(sentence, token) if word in _ASIDE_OPENERS else 0
        if aside_end:
            # "335 hostages, including 156 children, were killed": the verb lies past the
            # aside and past the sub-group figure inside it
            position, limit = aside_end, min(len(sentence), aside_end + 160)
            continue
        phrase = _metric_at(sentence, token.start())
        if phrase and lower in ("body", "bodies") and _BODY_THINGS_RE.match(sentence,
                                                                               phrase.end()):
            walk.blocked = True  # "25,000 body bags"
            break
        if phrase and not (lower in _PERSONS and words and index == 0 and lower == "more"):
            walk.metric = metric_of_phrase(phrase.group(0))
            walk.metric_end = phrase.end()
            if lower in _PERSONS or lower in ("bodies", "body", "corpses", "hostages"):
                words.append(word)
                walk.has_person = True
            break
        if word == ",":
            after = _METRIC_AT_RE.match(sentence, token.end() + 1)
            next_token = after and _TOKEN_RE.search(sentence, token.end(), limit)
            if after and next_token and next_token.start() == after.start():
                walk.metric = metric_of_phrase(after.group(0))
                walk.metric_end = after.end()
            break
        if not word[0].isalpha():
            break
        if lower in ("and", "or"):
            walk.crossed_conjunction = True
            following = _METRIC_AT_RE.match(sentence, token.end() + 1)
            if following and stop - following.end() <= 2:
                break  # "killed 13 and wounded 30": the metric belongs to the next figure
        if lower in _MODALS and _ESTIMATE_AFTER_MODAL_RE.match(sentence, token.end()):
            continue  # "may have died", "may be missing": an estimate, not a projection
        if lower in _NOT_A_CLAIM_VERBS and in_relative:
            # "wounded 21 others who had gathered": the clause describes them, and only a
            # verb before the figure can make them victims
            walk.described_otherwise = True
            break
        if lower in ("who", "that") and words_has_head(words):
            in_relative = True
            continue
        if lower in _MODALS or lower in _NEGATIONS or lower in _NOT_A_CLAIM_VERBS or (
                lower in _FUTURE_LEAD and sentence.startswith(" to ", token.end())):
            # "could die", "rescued alive", "mourners gathered", "about to be captured"
            walk.blocked = True
            break
        if lower in _CLAUSE_BREAKERS:
            break
        if index == 0 and lower in _INCREMENT_AFTER:
            walk.increment = True
        if lower in _PERSONS or lower in _MILITARY:
            walk.has_person = walk.has_person or lower in _PERSONS
            walk.has_military = walk.has_military or lower in _MILITARY
            words.append(word)
            first_after_of = False
            continue
        if lower in _AUXILIARIES or (lower.endswith("ly") and len(lower) > 4):
            continue
        if lower in _PREPOSITIONS:
            in_pp, pp_words = True, 0
            first_after_of = lower == "of" and not words
            if not first_after_of:
                words.append(word)
            continue
        if lower in _NON_PERSONS and not words_has_head(words) and (not in_pp or first_after_of):
            walk.blocked = True
            break
        if lower in ("the", "their", "its", "his", "her", "them", "a", "an", "those", "these"):
            if first_after_of or not in_pp:
                words.append(word)
            continue
        if in_pp:
            pp_words += 1
            words.append(word)
            if pp_words > 5:
                break
            continue
        modifiers += 1
        words.append(word)
        if modifiers > 4:
            break
    walk.subject_words = tuple(words)
    return walk


_BODY_THINGS_RE = re.compile(r"\s*(?:bags?|armou?r|cameras?|parts|counts?)\b", re.IGNORECASE)
# Double quotes only: single ones are headline scare quotes ("'Several hundred' troops
# killed, says official"), which restate a figure the body attributes properly.
_QUOTES = frozenset('"“”')
# An aside inside the counted noun phrase, skipped on the way to its verb: ", including 156
# children," or "— pupils, parents and teachers —".
_ASIDE_RE = re.compile(
    r",\s*(?:including|among them|among whom|many of them|most of them|some of them|"
    r"all of them|mostly|mainly|among|(?:more than |nearly |about |almost )?(?:half|a third|"
    r"two-thirds|a quarter) of them|[\d,]+ of them|[a-z]+ of them)\b[^,;.]{0,70},"
    r"|,\s*(?:he|she|it|they|officials|police|the \w+) (?:said|says|added|reported),"
    r"|[—–]\s[^—–;.]{1,140}\s[—–]",
    re.IGNORECASE,
)
_ESTIMATE_AFTER_MODAL_RE = re.compile(
    r"\s+(?:well\s+|also\s+|already\s+)?(?:have\b|be\s+(?:missing|dead|unaccounted|"
    r"deployed|sent|dispatched))",
    re.IGNORECASE)


_PREDICATE_AFTER_ASIDE_RE = re.compile(
    r"\s*(?:(?:were|was|have|has|had|are|is|been|being|later|reportedly|also|all|still|now|"
    r"feared|believed|confirmed|found|thought|presumed|may|might|could|to|be)\s+){0,4}",
    re.IGNORECASE)


_ASIDE_OPENERS = (",", "—", "–")


def _aside_end(sentence: str, token: re.Match) -> int:
    """Where an aside that starts at `token` (one of `_ASIDE_OPENERS`) ends, or 0."""
    aside = _ASIDE_RE.match(sentence, token.start())
    if not aside:
        return 0
    # only when the clause goes on to its verb ("..., were killed"), not to a new clause
    # ("..., officials said")
    verb = _PREDICATE_AFTER_ASIDE_RE.match(sentence, aside.end())
    return aside.end() if verb and _metric_at(sentence, verb.end()) else 0


def _metric_at(sentence: str, position: int) -> re.Match | None:
    """_METRIC_AT_RE.match at `position`, skipped where no metric phrase can start."""
    start = sentence[position: position + 3]
    if start.lower() not in _METRIC_STARTS and (start.isascii() or not folds_unlike_lower(start)):
        return None
    return _METRIC_AT_RE.match(sentence, position)


def words_has_head(words: list[str]) -> bool:
    return any(w.lower() in _PERSONS or w.lower() in _MILITARY for w in words)


_LEADING_OF_THE_RE = re.compile(r"^(?:of\s+)?(?:the\s+|them\s+(?:(?:were|are)\s+)?)?",
                                re.IGNORECASE)
_TRAILING_PREPOSITION_RE = re.compile(r"\s+(?:in|at|from|to|on|of|near|with|by|and|or)$")
_LOWER_WORD_RE = re.compile(r"[a-z]+")


def _subject(words: tuple[str, ...]) -> str:
    """The counted noun phrase: modifiers and head, without trailing prepositional phrases."""
    kept: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in _PREPOSITIONS and not (lower == "of" and index == 0) and kept:
            break
        kept.append(word)
    last_head = max((i for i, w in enumerate(kept)
                     if w.lower() in _PERSONS or w.lower() in _MILITARY), default=-1)
    if last_head >= 0:
        kept = kept[: last_head + 1]
    text = " ".join(kept).strip()
    text = _LEADING_OF_THE_RE.sub("", text)
    return _TRAILING_PREPOSITION_RE.sub("", text)


# One of these is in every match of _HYPOTHETICAL_BEFORE_RE
_HYPOTHETICAL_KEYS = ("could", "would", "might", "may", "will", "set to", "expected to",
                      "likely to", "if", "threaten", "vowed", "plan", "scenario")


def _is_hypothetical(before: str) -> bool:
    window = before[-60:]
    return may_contain(window, _HYPOTHETICAL_KEYS, memo=False) and bool(
        _HYPOTHETICAL_BEFORE_RE.search(window))


# "disputed the official count, saying its own tally showed 128": what follows the denial
# is the denier's own figure
_OWN_FIGURE_AFTER_DENIAL_RE = re.compile(
    r",?\s+(?:saying|and said|but said|insisting|arguing|claiming)\b|"
    r"\b(?:its|their|his|her) own\b", re.IGNORECASE)


def _is_denied(before: str) -> bool:
    denials = list(_DENIAL_RE.finditer(before))
    return bool(denials) and not _OWN_FIGURE_AFTER_DENIAL_RE.search(before, denials[-1].end())


def link_figure(sentence: str, figure: Figure, next_start: int | None = None) -> Link | None:
    """The metric `figure` counts in `sentence`, or None when it is not a casualty figure.

    `next_start` is where the next figure begins: the noun phrase of this one ends there.
    """
    before = sentence[max(0, figure.start - 160): figure.start]
    if may_contain(before[-120:], _DENIAL_KEYS, memo=False) and _is_denied(before[-120:]):
        return None
    walk = _walk_right(sentence, figure.end, len(sentence) if next_start is None else next_start)
    if walk.blocked:
        return None
    increment = walk.increment or bool(
        may_end_with(before[-25:], _INCREMENT_WORDS) and _INCREMENT_BEFORE_RE.search(before[-25:])
    )
    verb_text = before[-50:].rstrip('"“ ') + " " if before.endswith(('"', "“")) \
        else before[-50:]
    # searched in the sentence itself, so the verb's span is in the sentence's coordinates
    verb = _VERB_BEFORE_RE.search(sentence, figure.start - len(before[-50:]), figure.start) \
        if may_end_with(verb_text, _VERB_BEFORE_ENDINGS) else None
    if verb:
        link = _link_verb_before(sentence, figure, verb, walk, increment)
        if link:
            return link
    if walk.metric:
        if walk.metric == "deployed" and not walk.has_military:
            return None
        if _is_hypothetical(before):
            return None
        metric, end = walk.metric, walk.metric_end
        if metric == "captured":
            metric, end = _captive_fate(sentence, before, walk)
        return Link(metric, _subject(walk.subject_words), figure.start, end, increment)
    return _link_tally(sentence, figure, walk, increment)


_CAPTIVE_ENDINGS = ("hostages", "hostage", "prisoners", "prisoner", "of war", "captives",
                    "pows")
# What became of the captives: "335 hostages, including 156 children, were killed"
_FATE_AFTER_RE = re.compile(
    r"\s+(?:who\s+|that\s+)?(?:(?:were|was|had|have|has|been|are|is|all|later|reportedly|also|"
    r"then|subsequently|since|eventually|now|believed|thought|confirmed|presumed|feared|to|be|"
    r"being|found)\s+){0,4}(?P<fate>killed|executed|murdered|slain|died|dead|wounded|injured)\b",
    re.IGNORECASE,
)
_BODIES_OF_RE = re.compile(r"\b(?:bodies|remains|corpses) of\s+(?:the\s+)?$", re.IGNORECASE)


def _captive_fate(sentence: str, before: str, walk: _Walk) -> tuple[str, int]:
    """Hostages or prisoners later killed or wounded count as that, not as captured."""
    if not sentence[max(0, walk.metric_end - 9): walk.metric_end].lower().endswith(
            _CAPTIVE_ENDINGS):
        return "captured", walk.metric_end
    if _BODIES_OF_RE.search(before[-30:]):
        return "killed", walk.metric_end
    aside = _ASIDE_RE.match(sentence, walk.metric_end)
    fate = _FATE_AFTER_RE.match(sentence, aside.end() if aside else walk.metric_end)
    if not fate:
        return "captured", walk.metric_end
    return metric_of_phrase(fate.group("fate")) or "killed", fate.end()


# "Were the North ever to send ...", "if it were to deploy ...": not even a plan
_COUNTERFACTUAL_RE = re.compile(r"\bever\s+to\s+$|\b(?:were|was)\s+to\s+$", re.IGNORECASE)
_STRONG_VERBS = frozenset(["killing", "killed", "kills", "kill", "wounding", "wounded", "injuring",
                           "injured"])


def _link_verb_before(sentence: str, figure: Figure, verb: re.Match, walk: _Walk,
                      increment: bool) -> Link | None:
    metric = _VERB_TO_METRIC[verb.group("verb").lower()]
    if metric == "captured" and _TO_HOSPITAL_RE.match(sentence, figure.end):
        metric = "wounded"  # "took 59 people to eight hospitals"
    if metric == "casualties" and _KIN_RE.match(sentence, figure.end):
        metric = "killed"  # "we lost 30 members of our family": relatives lost are dead
    if walk.metric and walk.metric != "deployed" and not (metric and walk.crossed_conjunction) \
            and not (walk.metric == "captured" and metric in ("killed", "wounded")):
        metric = walk.metric  # "killing 40 prisoners of war" counts the dead
    if not metric:
        return None
    head = sentence[: verb.start()]
    # the pattern ends with "to" and whitespace: a suffix test spares most heads its scan
    if _is_hypothetical(head) and metric != "deployed" or may_end_with(head, ("to",)) and \
            _COUNTERFACTUAL_RE.search(sentence, 0, verb.start()):
        return None
    if metric == "deployed":
        if not walk.has_military:
            return None
    elif walk.subject_words and not walk.has_person and not walk.metric and not (
            metric in ("killed", "wounded") and verb.group("verb").lower() in _STRONG_VERBS):
        # "killing 25 of their colleagues" counts people whatever the noun; "lost 3" may not
        return None
    end = walk.metric_end if walk.metric else figure.end
    if not walk.metric and walk.subject_words:
        end = figure.end + len(" ".join(walk.subject_words[:3])) + 1
    return Link(metric, _subject(walk.subject_words), verb.start(), min(end, len(sentence)),
                increment)


_KIN_RE = re.compile(
    r"\s+(?:(?:members|relatives)\s+of\s+(?:our|my|his|her|their|the)\s+(?:extended\s+)?"
    r"family|(?:of\s+)?(?:our|my|his|her|their)\s+(?:relatives|children|sons|daughters|"
    r"brothers|sisters|family members|grandchildren|cousins)|relatives|family members)\b",
    re.IGNORECASE)
_TO_HOSPITAL_RE = re.compile(r"[^.;,]{0,30}?\bto\s+(?:[\w-]+\s+){0,3}hospitals?\b", re.I)
_PLACE_GAP_RE = re.compile(r"(?:(?:in|from|among|across|on)\s+[\w'’-]+(?:\s+[\w'’-]+){0,3})?",
                           re.IGNORECASE)
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")


def _link_tally(sentence: str, figure: Figure, walk: _Walk, increment: bool) -> Link | None:
    before = sentence[max(0, figure.start - 160): figure.start]
    contingent = may_end_with(before[-40:], ("of",), space=False) and \
        _CONTINGENT_RE.search(before[-40:])
    if contingent and not walk.subject_words or walk.has_military and contingent:
        return Link("deployed", "", before.rstrip().rfind(" ") + 1, figure.end, increment)
    of_the = _OF_THE_LEFT_RE.search(before[-100:]) \
        if may_contain(before[-100:], _OF_THE_KEYS, memo=False) else None
    if of_the and not walk.blocked:
        metric = metric_of_phrase(of_the.group("noun") or of_the.group("list") or "") or "killed"
        return Link(metric, _subject(walk.subject_words), of_the.start(), figure.end, increment)
    tally = _TALLY_RE.search(before) if may_contain(before, _TALLY_KEYS, memo=False) else None
    if not tally:
        return _link_long_tally(sentence, figure, walk, increment)
    noun = tally.group("noun").lower()
    gap = tally.group("gap").strip(" ,")
    adverbs_only = all(w.endswith("ly") or w in ("already", "now", "just", "had", "has", "have",
                                                  "which", "that", "it")
                       for w in _LOWER_WORD_RE.findall(gap.lower()))
    # "losses in Kursk climb to 3,000": a place or cause between noun and verb
    place_only = bool(tally.group("link")) and bool(_PLACE_GAP_RE.fullmatch(gap))
    if noun not in ("death toll", "toll") and not noun.startswith("number") and not (
        (tally.group("link") or figure.qualifier) and (adverbs_only or place_only)
    ):
        return None
    if _is_hypothetical(before):
        return None
    # "the toll rose to 412 on Monday": no noun after the figure, nothing counted but the toll
    next_word = _NEXT_WORD_RE.match(sentence, figure.end)
    counts_nothing_else = not walk.subject_words or not next_word or next_word.group(1).lower() in (
        _PREPOSITIONS | _CLAUSE_BREAKERS | {"and", "or", "that", "as", "the", "a", "an"})
    if not counts_nothing_else and not walk.has_person:
        return None
    subject = _subject(walk.subject_words) if walk.has_person else ""
    return Link(_TALLY_NOUNS[noun], subject, tally.start(), figure.end, increment)


def counts_other_things(sentence: str, position: int, stop: int | None = None) -> bool:
    """Whether the words after a figure make it count non-victims ("1,320 homes", "185
    rescued alive"), so it cannot break down a casualty figure before it."""
    walk = _walk_right(sentence, position, len(sentence) if stop is None else stop)
    return walk.blocked or walk.described_otherwise


_TROOP_HEADS = frozenset(["troops", "soldiers", "peacekeepers", "marines", "servicemen",
                          "paratroopers", "personnel", "forces", "troopers", "sailors"])


# Where the troops are ("in Lebanon", "remained at the airport", "are searching the forest")
# or who hosts them: a count of troops somewhere, not an army's size or a recruiting rate.
_PRESENCE_AFTER_RE = re.compile(
    r"[^.;]{0,60}?\b(?:in|at|inside|across|near|on the ground|based|stationed|remain(?:ed|s|ing)?|"
    r"serv(?:e|es|ed|ing)|search(?:ing)?|patrol(?:ling|led)?|guard(?:ing)?|deploy\w*|present|"
    r"cross(?:ed|ing)?|enter(?:ed|ing)?|arriv\w*)\b",
    re.IGNORECASE,
)
# One of these is in every match of _NOT_STATIONED_RE
_NOT_STATIONED_KEYS = ("active", "standing arm", "largest arm", "strong army", "reserv",
                       "recruit", "mobili", "conscript", "month", "a year", "a week",
                       "surrender")
_HOSTS_BEFORE_RE = re.compile(r"\b(?:hosts|hosting|hosted|houses|housing)\s+\S*\s*$", re.I)
_NOT_STATIONED_RE = re.compile(
    r"\b(?:active[- ]duty|active servicemen|standing arm|largest arm|strong army|reserv|recruit|"
    r"mobilis|mobiliz|conscript|a month|a year|per month|each month|every month|a week|"
    r"surrender)\w*",
    re.IGNORECASE,
)


def _head_end(sentence: str, start: int, head: str) -> int:
    found = lowered(sentence).find(head, start)
    return found + len(head) if found >= 0 else start


def troop_count(sentence: str, figure: Figure, next_start: int | None = None) -> Link | None:
    """A figure of troops with no casualty word: "about 5,400 US troops remained at the
    airport" tells how many are stationed, a `deployed` claim by the annotation guide."""
    walk = _walk_right(sentence, figure.end, len(sentence) if next_start is None else next_start)
    if walk.blocked or walk.metric or walk.crossed_conjunction:
        return None
    heads = [w.lower() for w in walk.subject_words if w.lower() in _PERSONS or
             w.lower() in _MILITARY]
    # the head of the counted phrase, or of the phrase the walk ran on into ("3,600 troops
    # serve with the force fighting the militants")
    head = next((h for h in (heads[-1:] + heads[:1]) if h in _TROOP_HEADS), None)
    if head is None:
        return None
    before = sentence[max(0, figure.start - 80): figure.start]
    if _is_hypothetical(before) or may_contain(before, _DENIAL_KEYS, memo=False) and \
            _DENIAL_RE.search(before) or may_contain(sentence, _NOT_STATIONED_KEYS) and \
            _NOT_STATIONED_RE.search(sentence):
        return None
    head_end = _head_end(sentence, figure.end, head)
    if not (_PRESENCE_AFTER_RE.match(sentence, head_end) or _HOSTS_BEFORE_RE.search(before)):
        return None
    subject = _subject(walk.subject_words)
    return Link("deployed", subject, figure.start,
                min(len(sentence), figure.end + 1 + len(subject)))


def subject_after(sentence: str, position: int, stop: int | None = None) -> str:
    """The counted noun phrase that starts at `position` ("seven children" -> "children")."""
    walk = _walk_right(sentence, position, len(sentence) if stop is None else stop)
    return _subject(walk.subject_words)


# "the number of civilians killed in the two villages at more than 140"
_NUMBER_OF_VICTIMS_RE = re.compile(
    r"\bnumber of (?P<subject>(?:[\w'’-]+\s+){1,3}?)(?:(?:who|that)\s+(?:have\s+|had\s+)?)?"
    r"(?P<noun>killed|dead|died|injured|wounded|missing|hurt)\b[^.;!?\d]{0,140}?"
    r"\b(?:at|to|is|was|stands at|stood at|reached|hit|passed|"
    r"topped|exceeded|rose to|risen to|climbed to)\s*$",
    re.IGNORECASE,
)
# "The death toll from Saturday's strike on an apartment block in the city of Dnipro has
# risen to 45": a toll whose noun sits far from its figure, kept only with a verb of change
_LONG_TOLL_RE = re.compile(
    r"\b(?:death toll|toll)\b(?:[^.;!?]|(?<=\d)\.(?=\d)){20,170}?"  # "magnitude-6.2" inside
    r"\b(?:has|had|have)?\s*(?:risen|rose|climbed|jumped|increased|reached|stood|stands|"
    r"passed|surpassed)\s+(?:to\s+|at\s+)?$",
    re.IGNORECASE,
)


def _link_long_tally(sentence: str, figure: Figure, walk: _Walk,
                     increment: bool) -> Link | None:
    before = sentence[max(0, figure.start - 220): figure.start]
    counts_things = walk.subject_words and walk.subject_words[0].lower() not in _PREPOSITIONS
    if counts_things and not walk.has_person or _is_hypothetical(before):
        return None
    victims = _NUMBER_OF_VICTIMS_RE.search(before) if "number of" in before.lower() else None
    if victims:
        words = victims.group("subject").split()
        subject = " ".join(words) if any(w.lower() in _PERSONS for w in words) else ""
        return Link(metric_of_phrase(victims.group("noun")), subject,
                    figure.start - len(before) + victims.start(), figure.end,
                    increment)
    toll = _LONG_TOLL_RE.search(before) if "toll" in before else None
    if toll:
        return Link("killed", _subject(walk.subject_words) if walk.has_person else "",
                    figure.start - len(before) + toll.start(), figure.end, increment)
    return None

