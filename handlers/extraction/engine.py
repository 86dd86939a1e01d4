"""Tie the pieces together: sentences -> figures -> metric links -> claims.

Per article: split into paragraphs and sentences; in each sentence find figures, link
each to a metric (or to the claim it breaks down: "205 of them seriously"), credit the
nearest attribution, read the window and the date, pick topics from the narrowest
context that names one, and drop repeats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from handlers.extraction.claimants import (
    Attribution,
    ClaimantMemory,
    acronyms,
    find_attributions,
    nearest_attribution,
)
from handlers.extraction.dates import resolve_date
from handlers.extraction.lexicon import HEDGES, PERSON_NOUNS
from handlers.extraction.metrics import (
    Link,
    claim_hints,
    counts_other_things,
    link_figure,
    subject_after,
    troop_count,
)
from handlers.extraction.numbers import Figure, figures_in, may_hold_figure
from handlers.extraction.patterns import (
    alternation,
    fold_to_ascii,
    folds_unlike_lower,
    lowered,
    may_contain,
    may_end_with,
    minimal_keys,
)
from handlers.extraction.periods import find_period
from handlers.extraction.places import qualify
from handlers.extraction.segment import Paragraph, Sentence, paragraphs, split_sentences
from handlers.extraction.stories import Story, find_stories
from handlers.extraction.topics import StoryTopics, TopicMatcher
from handlers.models import Article, Claim, Topic

_HEDGE_RE = re.compile(
    r"\b(?:" + alternation(HEDGES) + r")\b",
    re.IGNORECASE,
)
_HEDGE_KEYS = minimal_keys(HEDGES)
_BREAKDOWN_AFTER_RE = re.compile(
    r"^\s*(?:of (?:them|whom|those|these)\b|(?:were|was) among\b|among (?:them|the dead|the "
    r"victims|the injured|the wounded)\b|(?:to|in|at|from)\s)",
    re.IGNORECASE,
)
_BREAKDOWN_BEFORE_RE = re.compile(
    r"(?:\bincluding|\bamong them|\bamong whom|\bof whom|\bwith|\bamong those|:|,|\band)\s*$",
    re.IGNORECASE,
)
_PERSON_AFTER_RE = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,2}?(?:" + alternation(PERSON_NOUNS) + r")\b",
    re.IGNORECASE,
)
_CROSS_SENTENCE_BREAKDOWN_RE = re.compile(
    r"\s*(?:of (?:them|whom)\b|(?:of\s+)?(?:[\w'’-]+\s+){0,5}?(?:were|was) among (?:them|the))",
    re.IGNORECASE,
)
# "Its count includes 231 members of the security forces": parts of the sentence before's
_TALLY_INCLUDES_RE = re.compile(
    r"\b(?:count|toll|tally|figure|total|dead|victims)\s+(?:also\s+)?(?:includes?|included)"
    r"\s+(?:some\s+|about\s+|at least\s+)?$", re.IGNORECASE)
# "Of those killed, 61 were Palestinian": the sentence breaks down the one before
_OF_THE_DEAD = (r"(?:Of|Among)\s+(?:the|those)\s+(?:\w+\s+)?(?:dead|killed|victims|injured|"
                r"wounded|missing|deaths|fatalities)")
_OF_THE_DEAD_RE = re.compile(rf"(?:^|[.;]\s+)\W*{_OF_THE_DEAD}\s*,\s*$")
# A verb of its own right before a figure ("forced", "left", "displaced"): not a breakdown
_OTHER_VERB_BEFORE_RE = re.compile(
    r"\b(?:[a-z]+ed|left|made|drove|driven|forcing|leaving|driving)\s+$")
# How every match of _OTHER_VERB_BEFORE_RE ends, before its whitespace
_OTHER_VERB_ENDINGS = ("ed", "left", "made", "drove", "driven", "forcing", "leaving", "driving")
# Another estimate of the figure just given: "Kyiv has put the figure at 11,000-12,000"
_RESTATED_RE = re.compile(
    r"\b(?:put|puts|putting|placed|places|estimated|estimates|gave|gives|set|sets)\s+(?:the|its|"
    r"their|that|this)\s+(?:own\s+)?(?:figure|number|tally|total|estimate|count)\s+(?:at|as)\s+$",
    re.IGNORECASE,
)
_PARALLEL_GROUP_RE = re.compile(r"\s*(?:in|at|from|to)\s", re.IGNORECASE)
_PERCENT_RE = re.compile(r"\s*(?:%|per ?cent)", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"\b(?:their|its|his|her)\b", re.IGNORECASE)
_GROUP_RE = re.compile(
    r"((?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)\s+"
    r"(?:forces|troops|soldiers|army|military|units)\b")


@dataclass
class _Found:
    claim: Claim
    order: int


def extract_claims(article: Article, topics: Sequence[Topic] = ()) -> list[Claim]:
    """Every casualty claim in `article`, each with the keys of the `topics` it belongs to."""
    if folds_unlike_lower(article.text) or folds_unlike_lower(article.title):
        # the patterns read "kılled" as "killed", the word tables hold only the latter
        article = replace(article, text=fold_to_ascii(article.text),
                          title=fold_to_ascii(article.title))
    known_acronyms = acronyms(article.text)
    matcher = TopicMatcher(topics)
    found: list[Claim] = []
    page = paragraphs(article.text)
    stories = find_stories(page, article.title)
    story_starts = {story.first: story for story in stories}
    story = _enter_story(matcher, article.title, page, 0, stories)
    memory = ClaimantMemory(acronyms=known_acronyms, text=article.text)
    for paragraph in page:
        if paragraph.index in story_starts and paragraph.index:
            # a glued story: neither its sources nor its topic come from the one before
            head = story_starts[paragraph.index].head
            story = _enter_story(matcher, head, page, paragraph.index, stories)
            memory = ClaimantMemory(acronyms=known_acronyms, text=article.text)
        # the figure test first: it is cheaper, and half of a page's paragraphs fail it
        hints = claim_hints(paragraph.text) if may_hold_figure(paragraph.text) else None
        if hints is None:
            # no sentence of it can hold a claim; its sources are read only if needed
            memory.note_paragraph(paragraph)
            continue
        context = _Context(paragraph=paragraph.text, story=story, index=paragraph.index)
        if paragraph.index + 1 < len(page):
            context.next_paragraph = page[paragraph.index + 1].text[:300]
        sentences = split_sentences(paragraph)
        for position, sentence in enumerate(sentences):
            if hints.sentence_may_hold_claim(sentence.text) and may_hold_figure(sentence.text):
                context.following = sentences[position + 1:]
                claims = _sentence_claims(sentence, context, article, matcher, memory)
                found.extend(claims)
                if claims:
                    context.previous_claims = claims
            else:
                memory.note_sentence(sentence.start, sentence.text)
                context.previous_attributions = None
            context.previous_text = sentence.text
    return _deduplicate(found)


def _enter_story(matcher: TopicMatcher, head: str, page: Sequence[Paragraph], first: int,
                 stories: Sequence[Story]) -> StoryTopics:
    """The topic fallback of the story starting at paragraph `first`, its topics entered."""
    end = min((s.first for s in stories if s.first > first), default=len(page))
    pieces = [head, *(p.text for p in page[first:end])]
    # the pieces are lowered once each (memo): lowering is per character, but for a capital
    # sigma, whose form depends on its neighbours, and a line break stands between pieces
    matcher.enter_story("\n".join([lowered(piece) for piece in pieces]))
    return StoryTopics(matcher, head, page, first, "\n".join(pieces))


@dataclass
class _Context:
    """What the sentences before this one in the paragraph left behind."""

    paragraph: str
    story: StoryTopics
    index: int
    previous_text: str = ""
    previous_claims: list[Claim] = field(default_factory=list)
    following: Sequence[Sentence] = ()
    # None: not read yet (the sentence had no figure); read on demand
    previous_attributions: list[Attribution] | None = field(default_factory=list)
    next_paragraph: str = ""  # for the last sentence: the paragraph after its own

    def previous_attribution(self, memory: ClaimantMemory) -> Attribution | None:
        """The last source credited in the sentence before, if any."""
        if self.previous_attributions is None:
            self.previous_attributions = _resolve_all(find_attributions(self.previous_text),
                                                      memory, self.previous_text, self.story)
        return self.previous_attributions[-1] if self.previous_attributions else None


_QUOTE_OPENERS = ("“", '"')
_FIRST_PERSON = frozenset(["we", "i"])


def _quote_speaker(text: str, following: Sequence[Sentence],
                   memory: ClaimantMemory) -> Attribution | None:
    """A quote that opens here and closes in a later sentence of the paragraph is credited
    to the speaker named where it closes ('"We took in 300 injured. ...," a doctor said')."""
    opened = text.lstrip()[:1]
    if opened not in _QUOTE_OPENERS or text.count(opened) + text.count("”") > 1:
        return None
    for sentence in following[:3]:
        closing = sentence.text.find("”" if opened == "“" else '"')
        if closing < 0:
            continue
        after = [a for a in find_attributions(sentence.text) if a.start >= closing]
        return _resolve_all(after, memory, sentence.text, offset=sentence.start)[0] \
            if after else None
    return None


# The sentence after a figure names where the figure came from: "The figure was given by
# the civil protection department", "Of the dead, 52 were in Wajima, according to the
# prefecture".
_FIGURE_SOURCE_RE = re.compile(
    r"^\W*(?:The|That|This|Those|These)\s+(?:(?:latest|new|updated|official|higher|lower)\s+)?"
    r"(?:figures?|toll|tally|count|numbers?|estimates?|data)\s+(?:(?:was|were|is|are|had been|"
    r"has been)\s+)?(?:given|released|provided|announced|reported|issued|published|compiled|"
    r"confirmed|came|comes)\s+(?:by|from)\s+")
_SOURCE_END_RE = re.compile(r"\s+(?:at|in|on|during|after|late|earlier|when|as|and)\s|[,.;]")
_BREAKDOWN_START_RE = re.compile(rf"^\W*{_OF_THE_DEAD}\b")


def _source_named_after(context: _Context, memory: ClaimantMemory) -> Attribution | None:
    following = context.following[0] if context.following else None
    text = following.text if following else context.next_paragraph
    figure_source = _FIGURE_SOURCE_RE.match(text)
    if figure_source:
        source = _SOURCE_END_RE.split(text[figure_source.end():], maxsplit=1)[0]
        attributions = find_attributions(f"according to {source}")
    elif _BREAKDOWN_START_RE.match(text):
        attributions = find_attributions(text)
    else:
        return None
    offset = following.start if following else -1
    resolved = _resolve_all(attributions, memory, text, context.story, offset)
    return resolved[-1] if resolved else None


def _with_relays(attributions: list[Attribution], text: str) -> list[Attribution]:
    """ "the Red Crescent said, citing local officials": the figure is the officials',
    relayed by the Red Crescent ("local officials (via the Red Crescent)")."""
    if len(attributions) < 2 or "citing" not in lowered(text):
        return attributions
    cited = [a for a in attributions if text[a.start: a.start + 7].lower() == "citing "]
    relays = [a for a in attributions if a not in cited]
    if len(cited) != 1 or not relays:
        return attributions
    relay = min(relays, key=lambda a: abs(a.end - cited[0].start))
    merged = replace(relay, claimant=f"{cited[0].claimant} (via {relay.claimant})")
    return [merged if a is relay else a for a in attributions if a is not cited[0]]


def _resolve_all(attributions: list[Attribution], memory: ClaimantMemory,
                 sentence: str, story: StoryTopics | None = None,
                 offset: int = -1) -> list[Attribution]:
    """The attributions with references ("the official") resolved to named sources, and
    bare institutions ("officials") given the place the sentence names. `offset`: where
    the sentence starts in the article, if known."""
    resolved = []
    for attribution in attributions:
        position = offset + attribution.start if offset >= 0 else -1
        claimant = memory.resolve(attribution.claimant, position=position)
        claimant = qualify(claimant, sentence, attribution.start,
                           story.country if story else str)
        resolved.append(attribution if claimant == attribution.claimant
                        else replace(attribution, claimant=claimant))
    return resolved


def _sentence_claims(sentence: Sentence, context: _Context, article: Article,
                     matcher: TopicMatcher, memory: ClaimantMemory) -> list[Claim]:
    text = sentence.text
    attributions = find_attributions(text)
    resolved = _with_relays(_resolve_all(attributions, memory, text, context.story,
                                         sentence.start), text)
    for attribution in attributions:
        memory.remember(attribution.claimant, sentence.start, attribution.description)
    inherited = None
    speaker = None
    if all(a.claimant.lower() in _FIRST_PERSON for a in attributions):
        # "We admitted 140 wounded," a nurse said: the speaker is named where the quote ends
        speaker = _quote_speaker(text, context.following, memory)
        if speaker:
            resolved = []
    if not resolved:
        inherited = speaker or _source_named_after(context, memory) or \
            context.previous_attribution(memory)
    context.previous_attributions = resolved
    figures = figures_in(text)  # the caller checked may_hold_figure
    if not figures:
        return []
    previous, previous_text = context.previous_claims, context.previous_text
    skip = [(a.start, a.end) for a in resolved]
    for attribution in resolved:
        if attribution.date_text and lowered(text).startswith(attribution.date_text.lower()):
            skip.append((0, len(attribution.date_text)))
    period = find_period(text, skip)
    hedge = _HEDGE_RE.search(text) if may_contain(text, _HEDGE_KEYS) else None
    claims: list[Claim] = []
    wholes: set[int] = set()  # figures that count the whole a part before them is of
    for index, figure in enumerate(figures):
        if index in wholes:
            continue
        next_start = figures[index + 1].start if index + 1 < len(figures) else None
        link = link_figure(text, figure, next_start)
        parent = None
        if link is None and next_start is not None:
            link = _coordinated_link(text, figures, index)
            if link is None:
                link = _part_link(text, figures, index)
                if link is not None:
                    wholes.add(index + 1)
        earlier = (claims or previous)[-1:] if link is None else ()
        if earlier and _is_earlier_figure(text, figure):
            # "rose to 92, up from 84 on Thursday": the same count, given earlier
            link = Link(earlier[0].metric, earlier[0].subject, figure.start, figure.end)
        if link is None:
            parent = _breakdown_parent(text, figure, claims, previous, next_start)
            if parent is None:
                link = troop_count(text, figure, next_start)
                if link is None:
                    continue
            else:
                subject = subject_after(text, figure.end, next_start)
                if not subject and _restated_before(text, figure):
                    subject = parent.subject
                link = Link(parent.metric, subject, figure.start, figure.end)
        attribution = nearest_attribution(_in_scope(resolved, figure, text), figure.start,
                                          text) or inherited
        claimant = attribution.claimant if attribution else ""
        claim_date = _claim_date(attribution, article)
        claim_period = period
        if parent is not None and not resolved:
            claimant, claim_date, claim_period = parent.claimant, parent.claim_date, parent.period
        subject = _resolve_possessive(link.subject, text[: figure.start], previous_text)
        claims.append(Claim(
            metric=link.metric,
            low=figure.low,
            high=figure.high,
            approx=figure.approx,
            qualifier=figure.qualifier,
            subject=subject,
            claimant=claimant,
            period=claim_period,
            claim_date=claim_date,
            topics=_claim_topics(matcher, subject, _victim_span(text, figure, next_start,
                                                                  resolved), text, context),
            evidence=text[min(link.span_start, figure.start): max(link.span_end, figure.end)],
            hedge=hedge.group(0) if hedge else "",
            figure=figure.text,
            increment=link.increment,
            extra={"offset": sentence.start + figure.start},
        ))
    return claims


# "The toll rose to 55,000, as governments warned that ...", "59 hostages remain, of whom
# Israel believes 24 are alive": a source whose verb opens a clause of its own after the
# figure speaks for what follows it, not for the figure.
_CLAUSE_OPENER_RE = re.compile(
    r",\s*(?:of whom|of which|while|whereas|as|but)\b|\s(?:while|whereas|as)\b", re.IGNORECASE)
_COMPLEMENT_AFTER_RE = re.compile(
    r"\s+(?:that\b|\d|(?!(?:in|on|at|to|with|after|before|during|late|early|last|this|"
    r"yesterday|today|earlier|later|from|via|through|citing)\b)[a-z])")


def _in_scope(attributions: list[Attribution], figure: Figure, text: str) -> list[Attribution]:
    return [a for a in attributions
            if a.start < figure.end or not _COMPLEMENT_AFTER_RE.match(text, a.end)
            or not _CLAUSE_OPENER_RE.search(text, figure.end, a.end)]


_COORDINATED_RE = re.compile(
    r"(?P<noun>(?:\s+[A-Za-z'’-]+){1,4})(?:\s+(?:and|or)\s+|(?P<comma>,\s+))")


def _coordinated_link(text: str, figures: list[Figure], index: int) -> Link | None:
    """ "64 soldiers and six civilians were killed": the first figure shares the metric the
    second one meets after it."""
    figure, following = figures[index], figures[index + 1]
    coordinated = _COORDINATED_RE.fullmatch(text, figure.end, following.start)
    if not coordinated:
        return None
    if counts_other_things(text, figure.end, following.start):
        return None
    after = figures[index + 2].start if index + 2 < len(figures) else None
    # "142 students, three police officers and three soldiers were among the dead": a comma
    # joins list items, which end in "and"; a figure after a comma with its own verb is a
    # clause of its own ("1,000 injured, 100 of them seriously")
    link = None if coordinated.group("comma") else link_figure(text, following, after)
    if link is None and after is not None:
        link = _coordinated_link(text, figures, index + 1)
    if link is None or link.span_start < following.start:
        return None  # "killed 13 and wounded 30" each has its own verb
    return Link(link.metric, subject_after(text, figure.end, following.start), figure.start,
                coordinated.end("noun"), link.increment)


_FROM_FIGURE = (r"from\s+(?:a\s+total\s+of\s+|an?\s+(?:earlier|previous|initial)\s+(?:figure|"
                r"toll|count|estimate)\s+of\s+|the\s+(?:earlier|previous|initial)\s+(?:figure|"
                r"toll|count|estimate)\s+of\s+)?(?:about\s+|around\s+|nearly\s+|some\s+)?$")
# "up from 84", "had risen from 13", "revised down from 288"
_EARLIER_FIGURE_RE = re.compile(
    r"\b(?:up|down|risen|rose|increased|climbed|jumped|soared|revised|lowered|raised|cut|"
    rf"reduced|corrected)\s+(?:(?:up|down|sharply)\s+)?{_FROM_FIGURE}", re.IGNORECASE)
# "from 174 previously", "and from about 150 on Monday night": a bare "from" needs a time
_BARE_FROM_RE = re.compile(rf"\b{_FROM_FIGURE}", re.IGNORECASE)
_EARLIER_TIME_AFTER_RE = re.compile(
    r"\s+(?:previously|earlier|initially|announced|reported|given|on\s+\w+day|a\s+day\s+"
    r"earlier|the\s+day\s+before|late\s+on|by\s+(?:early|late|mid|\w+day))\b", re.IGNORECASE)


def _is_earlier_figure(text: str, figure: Figure) -> bool:
    window_start = max(0, figure.start - 40)
    if _EARLIER_FIGURE_RE.search(text, window_start, figure.start):
        return True
    return bool(_BARE_FROM_RE.search(text, window_start, figure.start)
                and _EARLIER_TIME_AFTER_RE.match(text, figure.end))


_PART_OF_RE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?")
_PREDICATE_RE = re.compile(r"\b(?:were|was|are|is|have|has|had|been)\b")


def _part_link(text: str, figures: list[Figure], index: int) -> Link | None:
    """ "38 of the 67 people on board were killed": the part meets the verb, the whole (those
    on board) is no casualty figure. "12 of the 30 wounded" keeps both."""
    figure, whole = figures[index], figures[index + 1]
    if not _PART_OF_RE.fullmatch(text, figure.end, whole.start) or figure.value > whole.value:
        return None
    after = figures[index + 2].start if index + 2 < len(figures) else None
    link = link_figure(text, whole, after)
    if link is None or not _PREDICATE_RE.search(text, whole.end, link.span_end):
        return None
    return Link(link.metric, link.subject, figure.start, link.span_end, link.increment)


def _victim_span(text: str, figure: Figure, next_start: int | None,
                 attributions: list[Attribution]) -> str:
    """From the figure to the end of its clause: "40 Palestinians in Gaza", where the place
    of the victims is named (not the side that struck: "Israeli strikes killed ...")."""
    end = next_start if next_start is not None else len(text)
    for attribution in attributions:
        if figure.end <= attribution.start < end:
            end = attribution.start
    clause = _CLAUSE_END_RE.search(text, figure.end, end)
    return text[figure.start: clause.start() if clause else end]


_CLAUSE_END_RE = re.compile(r"[;:,]|\s(?:and|while|but|as|after|when|where)\s|\.\s")


def _claim_topics(matcher: TopicMatcher, subject: str, victims: str, sentence: str,
                  context: _Context) -> tuple[str, ...]:
    """Topics of the narrowest context naming one: who the victims are, the sentence (where
    the victims are, over the side that struck them), the paragraph, then the story."""
    own = matcher.keys_in(subject)
    if own:
        return own
    found = matcher.for_contexts((sentence, context.paragraph))
    if len(found) > 1:
        found = _without_perpetrator(matcher, found, victims, sentence)
    return found or context.story.topics_before(context.index)


# "Israeli strikes killed 40 Palestinians in Gaza": the side that struck, right before the
# figure; its topic gives way to the one the victims are named by.
_PERPETRATOR_RE = re.compile(
    r"(?P<side>\S+)\s+(?:[\w-]+\s+){0,2}?(?:air\s?strikes?|strikes?|missiles?|rockets?|"
    r"drones?|shelling|bombardment|bombing|fire|forces|troops|military|army|attacks?|raids?)"
    r"\s+(?:have\s+|has\s+|had\s+)?(?:killed|killing|wounded|injured)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _without_perpetrator(matcher: TopicMatcher, found: tuple[str, ...], victims: str,
                         sentence: str) -> tuple[str, ...]:
    victim_topics = matcher.keys_in(victims)
    start = sentence.find(victims) if victims else -1
    perpetrator = _PERPETRATOR_RE.search(sentence[max(0, start - 80): start]) if start > 0 \
        else None
    if not victim_topics or not perpetrator:
        return found
    side = set(matcher.keys_in(perpetrator.group("side"))) - set(victim_topics)
    return tuple(key for key in found if key not in side) or found


def _claim_date(attribution: Attribution | None, article: Article) -> str:
    if attribution is None or not attribution.date_text:
        return ""
    return resolve_date(attribution.date_text, article.published)


def _breakdown_parent(text: str, figure: Figure, claims: list[Claim],
                      previous: list[Claim], next_start: int | None) -> Claim | None:
    """The claim a figure breaks down ("205 of them seriously", "with 271"), if any."""
    after, before = text[figure.end:], text[max(0, figure.start - 30): figure.start]
    if _PERCENT_RE.match(after) or counts_other_things(text, figure.end, next_start):
        return None
    if may_end_with(before, _OTHER_VERB_ENDINGS) and _OTHER_VERB_BEFORE_RE.search(before):
        return None  # "killed 150,000 and forced 6 million from their homes"
    restated = _restated_before(text, figure)
    if restated and (claims or previous):
        return (claims or previous)[-1]  # "while the UN put the number at 1,500"
    parent = _candidate_parent(after, before, claims, previous)
    if parent is None:
        return None
    parallel = _PARALLEL_GROUP_RE.match(after)  # "11 in Accumoli and 46 in Arquata"
    if not parallel and figure.value > (parent.high or parent.low or 0):
        return None  # a part is never larger than its whole ("28 million people")
    return parent


def _restated_before(text: str, figure: Figure) -> re.Match | None:
    """_RESTATED_RE.search in the 60 characters before the figure. The pattern ends with "at"
    or "as" and whitespace: a suffix test spares most windows its scan."""
    window_start = max(0, figure.start - 60)
    if not may_end_with(text[window_start: figure.start], ("at", "as")):
        return None
    return _RESTATED_RE.search(text, window_start, figure.start)


def _candidate_parent(after: str, before: str, claims: list[Claim],
                      previous: list[Claim]) -> Claim | None:
    if claims and (_BREAKDOWN_AFTER_RE.match(after) or _BREAKDOWN_BEFORE_RE.search(before)
                   or _PERSON_AFTER_RE.match(after)):
        return claims[-1]
    if previous and (_CROSS_SENTENCE_BREAKDOWN_RE.match(after)
                     or _TALLY_INCLUDES_RE.search(before) or _OF_THE_DEAD_RE.search(before)):
        return previous[0]
    return None


def _resolve_possessive(subject: str, before: str, previous_text: str) -> str:
    """'their troops' -> 'North Korean troops', from this sentence or the one before."""
    if not _POSSESSIVE_RE.search(subject):
        return subject
    for context in (before, previous_text):
        groups = _GROUP_RE.findall(context)
        if groups:
            return _POSSESSIVE_RE.sub(groups[-1], subject, count=1)
    return subject


def _claim_key(claim: Claim) -> tuple:
    return (claim.metric, claim.low, claim.high, claim.period.lower())


# Capitals stand for their governments in headlines ("Tehran says 224 dead").
_EQUIVALENT_SOURCES = {"british": "uk", "britain": "uk", "kyiv": "ukraine", "ukrainian": "ukraine",
                       "washington": "us", "american": "us", "seoul": "south", "tehran": "iran",
                       "iranian": "iran", "moscow": "russia", "russian": "russia",
                       "pyongyang": "north", "jerusalem": "israel", "israeli": "israel",
                       "beijing": "china", "chinese": "china", "khartoum": "sudan"}
_GENERIC = {
    "the", "a", "an", "of", "and", "said", "says", "official", "officials", "senior",
    "spokesperson", "spokesman", "spokeswoman", "agency", "ministry", "minister", "office",
    "intelligence", "military", "defence", "defense", "government", "authorities", "s", "its",
    "his", "her", "their",
}



_LOWER_WORD_RE = re.compile(r"[a-z]+")


def _source_tokens(claimant: str) -> set[str]:
    words = _LOWER_WORD_RE.findall(claimant.lower())
    return {_EQUIVALENT_SOURCES.get(w, w) for w in words if w not in _GENERIC and len(w) > 1}


def _same_source(a: str, b: str) -> bool:
    if not a or not b:
        return True
    tokens_a, tokens_b = _source_tokens(a), _source_tokens(b)
    return bool(tokens_a & tokens_b) or not tokens_a or not tokens_b


def _names_the_reference(reference: str, name: str) -> bool:
    """ "the interior minister" (a summary line) and, later, "Interior Minister Ihor
    Klymenko": the named form is the better claimant."""
    words = reference.lower().split()
    if not words or words[0] != "the" or any(w[0].isupper() for w in reference.split()[1:]):
        return False
    return name.lower().startswith(" ".join(words[1:])) and len(name) > len(reference) - 4


def _deduplicate(claims: list[Claim]) -> list[Claim]:
    """One claim per (claimant, metric, figure, period); the fuller claimant wins."""
    kept: list[Claim] = []
    kept_keys: list[tuple] = []  # _claim_key of each kept claim (a new claimant keeps it)
    for claim in claims:
        key = _claim_key(claim)
        for index, other in enumerate(kept):
            if kept_keys[index] == key and _same_source(other.claimant, claim.claimant):
                if not other.claimant and claim.claimant or _names_the_reference(
                        other.claimant, claim.claimant):
                    kept[index] = replace(other, claimant=claim.claimant,
                                          claim_date=claim.claim_date or other.claim_date)
                break
        else:
            kept.append(claim)
            kept_keys.append(key)
    return kept
