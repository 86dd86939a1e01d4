"""Find who asserts a figure: "X said", "said X", "according to X", "X told reporters".

Attributions are read per sentence. "he", "the official", "the ministry" are resolved to
the last named source with the same head noun, so a later "the official said" credits
the "senior US military official" introduced earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from handlers.extraction.dates import DATE_PHRASE
from handlers.extraction.lexicon import REPORTING_VERBS
from handlers.extraction.patterns import (
    alternation,
    folds_unlike_lower,
    lowered,
    may_contain,
    minimal_keys,
)
from handlers.extraction.places import ADJECTIVE, ADJECTIVES
from handlers.extraction.segment import Paragraph, split_sentences


# Hashed as if frozen, but not frozen: a frozen dataclass's __init__ is 4x slower.
@dataclass(unsafe_hash=True, slots=True)
class Attribution:
    claimant: str
    start: int  # span of the attribution (source and verb) in the sentence
    end: int
    date_text: str = ""  # the date phrase attached to the reporting verb, if any
    # what the text calls the source beside its name ("the Paris prosecutor, Francois
    # Molins"), so a later "the prosecutor said" finds the name
    description: str = ""


def _alternation(words) -> str:
    return alternation(w.lower() for w in words)


_VERBS = _alternation(REPORTING_VERBS)
_VERB_RE = re.compile(
    rf"(?<![\w-])(?:(?:has|have|had|also|later|earlier|previously|now|further)\s+)*"
    rf"(?P<verb>{_VERBS})\b",
    re.IGNORECASE,
)
_ACCORDING_RE = re.compile(
    r"\b(?:according to|citing|cited by|reported (?:earlier |previously |initially )?by|"
    r"quoted by|per)\s+(?P<np>[^,.;:“”\"()]+)",
    re.IGNORECASE,
)
_DOCUMENT_RE = re.compile(
    r"^(?:the\s+|its\s+|their\s+)?(?:(?:preliminary|initial|latest|official|new|early|"
    r"unofficial|updated)\s+)*(?:figures|data|statistics|estimates|counts|tallies|numbers)$",
    re.IGNORECASE)
_ACCORDING_KEYS = ("according to", "citing", "cited by", "reported", "quoted by", "per")
_INVERTED_RE = re.compile(
    r"[,”\"’]\s*(?:said|says|added|reported|wrote|claimed|stated|confirmed|estimated)\s+"
    r"(?!(?:in|on|at|that|to|for|with|by|from|during|after|before|as|it|this)\b)"
    r"(?P<np>(?:the\s+|a\s+|an\s+)?[A-Za-z][^,.;:“”\"]{1,90})",
    re.IGNORECASE,
)
_BOUNDARY_WORDS = frozenset([
    "that", "while", "but", "as", "after", "since", "because", "when", "before", "until", "if",
    "although", "though", "where", "whereas",
])
# The tokens find_attributions looks at: clause punctuation, and whole ASCII words of which
# it keeps reporting verbs and clause boundaries (a set lookup per word is cheaper than
# matching the word lists at every position of the sentence).
_TOKEN_RE = re.compile(r"[,;“”\"—–]|:(?![0-9])|[A-Za-z]+")
_VERB_WORDS = frozenset(w.lower() for w in REPORTING_VERBS)
# Every reporting verb holds one of these: a sentence with none has no verb token.
_VERB_KEYS = tuple(sorted(minimal_keys(w.lower() for w in REPORTING_VERBS),
                         key=lambda key: key not in ("said", "say", "told", "estimated")))
_WORD_RE = re.compile(r"[A-Za-z]+")
_RELATIVE_START_RE = re.compile(
    r"^\s*(?:which|who|whose|known|published|citing|speaking|using|issued|based|quoted|where|"
    r"when|in a|in its|in an|on|in|earlier|later)\b",
    re.IGNORECASE,
)
_TRAILING_NOISE_RE = re.compile(
    rf"(?:\s+(?:{DATE_PHRASE}|on condition of anonymity|in a statement|in an? \w+ (?:post|"
    r"update|address|statement|briefing|interview)(?: on \w+)?|in its latest \w+|"
    r"on (?:Telegram|X|Twitter|Facebook)|also|has|have|had|later|earlier|previously|now|"
    r"again|then|first|separately|this week|last week|recently|publicly|officially|"
    r"told reporters|for months|for weeks|(?:was|were|is|are) quoted(?: as)?))+\s*$",
    re.IGNORECASE,
)
_LEADING_NOISE_RE = re.compile(
    # a live blog's time stamp: "19:05", "9:40pm", "10.15 GMT:"
    r"^\s*(?:(?:updated\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|(?-i:[A-Z]{2,5})\b|local time)?"
    r"\s*[:\-–—]?\s+|"
    rf"(?:and|but|while|as|so|also|then|meanwhile|however|separately|earlier|later|of whom|"
    r"of which|"
    r"according to|"
    rf"in addition|{DATE_PHRASE})\s*,?\s+)+",
    re.IGNORECASE,
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which", "this"])
_NAMEY_RE = re.compile(
    r"[A-Z]|\b(?:officials?|ministry|agency|spokes\w+|minister|police|authorities|army|"
    r"military|forces|doctors|medics|rescuers|volunteers?|witnesses|residents|monitors|experts|"
    r"analysts|mayor|governor|officers?|sources?|study|report|tallies|figures|count|"
    r"estimates|counts|services|workers|staff|legislator|lawmaker|commander|coordinator|"
    r"colonel|general|captain|major|sergeant|lieutenant|chief|head|director|secretary|"
    r"president|premier|chancellor|envoy|ambassador|diplomat|researchers?|surgeons?|"
    r"doctor|nurses?|paramedics?|witness|survivors?|resident|priest|imam|senator|"
    r"prosecutors?|judge|coroner|firefighters?|rescuer|activists?|observers?|leaders?|"
    r"team|council|committee|mission|office|department|directorate|institute|service|"
    r"command|agency|authority|administration|government|governor|mayor|minister|guard|"
    r"coastguard|navy|prefecture|municipality|county|province|media|television|tv|radio|"
    r"newspapers?|press|owners?|company|operator|"
    r"airline|hospitals?|charity|group|union|organi[sz]ation|monitors?|observatory|census|"
    r"survey|investigation|assessment|documents?|relatives|parents|families|villagers|locals|"
    r"medical|health|monk|teacher|farmer|villager|shopkeeper|fisherman|driver|engineer|"
    r"student|mother|father|man|woman|neighbou?r|relative|brother|sister|son|daughter|"
    r"husband|wife|pilot|soldier|imam|pastor|nun|volunteer|trader|vendor)\b",
)
_NOT_A_SOURCE_RE = re.compile(
    r"^(?:there|this|that|these|those|what|some|many|most|no|none|nobody|neither|it is|which|"
    r"who|the number|the "
    r"toll|the death toll|the figure|the casualties|(?-i:told|said|says)|early|late|earlier|"
    r"later)"
    r"\b",
    re.IGNORECASE,
)


_ACRONYM_RE = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+)(?:(?:of|for|the|and|on|in|de|[A-Z][\w'’-]*)\s+){0,7}"
    r"[A-Z][\w'’-]*)\s+\(([A-Z]{2,7})\)"
)
_COUNTRY_ADJECTIVES = ((re.compile(r"^(?:Britain['’]s|British|the UK['’]s|UK['’]s)\s+", re.I),
                        "UK "),)


# What every acronym definition contains: a cheap test that spares most articles the scan.
_ACRONYM_HINT_RE = re.compile(r"\s\([A-Z]{2,7}\)")


def acronyms(text: str) -> dict[str, str]:
    """'National Intelligence Service (NIS)' -> {'NIS': 'National Intelligence Service'}."""
    found: dict[str, str] = {}
    if "(" not in text or not _ACRONYM_HINT_RE.search(text):
        return found
    for match in _ACRONYM_RE.finditer(text):
        full, short = match.group(1), match.group(2)
        initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'’-]*", full))
        # a name in another language keeps its own initials: "Disaster Agency (BNPB)"
        if short[0] in initials or full.split()[-1] in _INSTITUTION_WORDS:
            found.setdefault(short, re.sub(r"^(?:The|According to)\s+", "", full))
    return found


_INSTITUTION_WORDS = frozenset([
    "Agency", "Service", "Ministry", "Office", "Network", "Council", "Committee", "Directorate",
    "Organisation", "Organization", "Board", "Authority", "Institute", "Centre", "Center",
    "Front", "Forces", "Army", "Party", "Movement", "Union", "Command", "Observatory", "Mission",
])
_ACRONYM_CLAIMANT_RE = re.compile(r"(?=(?:[a-z]?[A-Z]){2})[A-Z][A-Za-z]{1,6}")


def _expansion_body(short: str) -> str:
    """'MoD' -> Ministry of Defence; 'MSF' -> Medecins Sans Frontieres."""
    words = [rf"{c}[\w'’-]*" if c.isupper() else rf"{c}[a-z]*" for c in short]
    glue = r"\s+(?:(?:of|for|the|and|de|on)\s+)?"
    return words[0] + "".join(
        (r"\s+" if c.islower() or short[i].islower() else glue) + w
        for i, (c, w) in enumerate(zip(short[1:], words[1:])))


_COUNTRY_PREFIX = rf"\b(?:UK|US|{ADJECTIVE})\s+"


@lru_cache(maxsize=256)
def _expansion_pattern(short: str) -> re.Pattern:
    """The expansion with a country adjective in front kept ("UK Ministry of Defence")."""
    return re.compile(rf"(?:{_COUNTRY_PREFIX})?\b{_expansion_body(short)}\b")


@lru_cache(maxsize=256)
def _body_pattern(short: str) -> re.Pattern:
    return re.compile(rf"\b{_expansion_body(short)}\b")


# `_expansion_pattern` is slow to compile (every country adjective, once per acronym), so its
# search is done in two parts: the prefix compiled once, the body per acronym. That gives
# the same match when no two prefix words can both match, then whitespace, at one place
# ("South" and "South Sudanese" could); else the full pattern is compiled.
_COUNTRY_PREFIX_RE = re.compile(_COUNTRY_PREFIX)
_PREFIX_WORDS = ("UK", "US", *ADJECTIVES)
_ONE_PREFIX_PER_PLACE = not any(
    longer.startswith(shorter) and longer[len(shorter): len(shorter) + 1].isspace()
    for longer in _PREFIX_WORDS for shorter in _PREFIX_WORDS)


def expand_acronym(short: str, text: str) -> str:
    """The spelled-out name of an acronym the article uses without defining it."""
    if not _ACRONYM_CLAIMANT_RE.fullmatch(short) or len(short) > 7:
        return ""
    if not _ONE_PREFIX_PER_PLACE:
        match = _expansion_pattern(short).search(text)
        return match.group(0) if match else ""
    body = _body_pattern(short)
    first = body.search(text)
    if not first:
        return ""
    # a prefix starting at or before the first bare body, with a body right after it
    position = 0
    while (prefix := _COUNTRY_PREFIX_RE.search(text, position)) and \
            prefix.start() <= first.start():
        prefixed = body.match(text, prefix.end())  # a body starts with a capital, not a space
        if prefixed:
            return text[prefix.start(): prefixed.end()]
        position = prefix.start() + 1
    return first.group(0)


_LEADING_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)


def normalise(claimant: str, known_acronyms: dict[str, str], text: str = "") -> str:
    """Spell out an acronym the article defined or spelled out elsewhere; 'Britain's
    Ministry' -> 'UK Ministry'."""
    stripped = _LEADING_THE_RE.sub("", claimant)
    if stripped in known_acronyms:
        return f"{known_acronyms[stripped]} ({stripped})"
    expanded = expand_acronym(stripped, text) if text else ""
    if expanded:
        return f"{expanded} ({stripped})"
    for pattern, replacement in _COUNTRY_ADJECTIVES:
        claimant = pattern.sub(replacement, claimant)
    return claimant


@dataclass
class ClaimantMemory:
    """Named sources seen so far in the article, in text order.

    Sentences and paragraphs without figures are only noted; their sources are read the
    first time a reference needs resolving, and then only those that can hold a matching
    name: "the ministry" reads just the noted text that contains "ministry". Most noted
    text is never read at all (it keeps the engine fast).
    """

    acronyms: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the article, where an acronym used undefined may be spelled out
    _entries: list[tuple[int, str, str]] = field(default_factory=list)
    _pending: list[tuple[int, str]] = field(default_factory=list)
    _pending_paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        self._catch_up(())
        return [name for _, name, _ in self._entries]

    def note_sentence(self, order: int, sentence: str) -> None:
        self._pending.append((order, sentence))

    def note_paragraph(self, paragraph: Paragraph) -> None:
        """A whole paragraph without figures: split and read only if ever needed."""
        self._pending_paragraphs.append(paragraph)

    def remember(self, name: str, order: int = 1 << 30, description: str = "") -> None:
        if name and name.lower() not in _PRONOUNS:
            self._entries.append((order, name, description))

    def _named_holder(self, normal: str) -> str:
        """ "the PM", spelled out as "Prime Minister (PM)", is the Prime Minister named
        earlier: "Prime Minister Jane Holt"."""
        spelled = _SPELLED_OUT_RE.fullmatch(normal)
        if not spelled:
            return ""
        office = spelled.group("office")
        return next((name for name, _ in reversed(self._names_containing(office.split()))
                     if name.startswith(office + " ")), "")

    def _names_containing(self, words: list[str]) -> list[tuple[str, str]]:
        """(name, description) so far, complete for every one in which all `words` occur."""
        self._catch_up(tuple(words))
        return [(name, description) for _, name, description in self._entries]

    def _catch_up(self, required: tuple[str, ...]) -> None:
        """Read the noted text that contains every `required` word, in any case (all of it
        if none).

        A name is a piece of the sentence it was read from, so text lacking one of the
        words cannot yield a name containing it and may stay unread.
        """
        if not self._pending and not self._pending_paragraphs:
            return
        if self._pending_paragraphs:
            kept = []
            for paragraph in self._pending_paragraphs:
                if _holds_all(paragraph.text, required):
                    self._pending.extend((s.start, s.text) for s in split_sentences(paragraph))
                else:
                    kept.append(paragraph)
            self._pending_paragraphs = kept
        still_pending, read = [], False
        for order, sentence in self._pending:
            if _holds_all(sentence, required):
                read = True
                for attribution in find_attributions(sentence):
                    self.remember(attribution.claimant, order, attribution.description)
            else:
                still_pending.append((order, sentence))
        self._pending = still_pending
        if read:
            # stable: the names of one sentence keep the order they were found in
            self._entries.sort(key=lambda entry: entry[0])

    def resolve(self, name: str, depth: int = 0, position: int = -1) -> str:
        """A pronoun or a bare 'the official' becomes the last matching named source; a body
        described by what it is ("a war monitor") the one named next to the description.
        `position`: where in the article the name stands (-1: where it first occurs)."""
        if _ITS_PEOPLE_RE.fullmatch(name.strip()) and depth < 3:
            # "Its investigators said": the body last named speaks through them
            return self.resolve("it", depth + 1, position)
        if not _is_reference(name):
            normal = normalise(name, self.acronyms, self.text)
            return self._named_holder(normal) or _named_in_article(normal, self.text) or \
                _named_body_near(normal, self.text, position) or normal
        if name.lower() in _PRONOUNS:
            names = [n for n in self.names if not _is_reference(n)]
            # "it said" is a body's word, "he said" a person's: the last of the right kind
            personal = _PERSONAL.get(name.lower())
            fitting = [n for n in names if personal is None or not _PLURAL_RE.search(n)
                       and (not _names_a_body(n) if personal else not _names_a_person(n))]
            named = (fitting or names or [""])[-1]
            if named and depth < 3:  # "It said": the source last named, itself resolved
                return self.resolve(named, depth + 1, position)
            return normalise(named, self.acronyms, self.text)
        words = _REFERENCE_RE.fullmatch(name.strip()).group("words").split()
        stems = [w.rstrip("s") for w in words]
        for candidate, description in reversed(self._names_containing(stems)):
            if candidate == name or depth > 3:
                continue
            if all(_has_word_starting(f"{candidate} {description}", stem) for stem in stems):
                return self.resolve(candidate, depth + 1)
        return _named_in_article(name.strip(), self.text) or \
            _named_body_near(name.strip(), self.text, position) or name.strip()


# A body described by what it is ("a war monitor", "South Korea's spy agency", "the New
# York-based group"): news copy names it in a sentence next to the description.
_DESCRIBED_BODY_HEADS = ("agency", "group", "monitor", "watchdog", "organisation",
                         "organization", "body", "charity", "observatory")
_DESCRIBED_BODY_RE = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Ii]ts|(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s)?\s*"
    r"(?:[a-z][\w-]*\s+|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?-based\s+){0,3}"
    rf"(?P<head>{'|'.join(_DESCRIBED_BODY_HEADS)})")
# A named body as the subject of a reporting verb, maybe with an appositive between them
_NAMED_BODY_RE = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]*[ \t]+(?:(?:for|of|to|and|on)[ \t]+(?:the[ \t]+)?)?){0,6}"
    r"[A-Z][\w'’-]*)(?:[ \t]+\((?P<short>[A-Z]{2,7})\))?(?:,[ \t]+[^,.;\n]{3,70},)?[ \t]+"
    r"(?:also\s+|has\s+|had\s+|later\s+|earlier\s+)?(?:said|says|reported|reports|estimated|"
    r"estimates|told|put|puts|counted|recorded|documented|gave|given|announced|confirmed|"
    r"believes|believed|warned)\b")
# The words of a body's name that fit each kind of description
_AGENCY_WORDS = r"Agency|Service|Bureau|Office|Directorate|Department|Authority|Commission"
_MONITOR_WORDS = r"Observatory|Monitor|Watch|Network|Coalition|Committee|Project|Centre|Center"
_ANY_BODY_WORDS = (
    rf"{_AGENCY_WORDS}|{_MONITOR_WORDS}|Organi[sz]ation|Council|Institute|Federation|Society|"
    r"Crescent|Cross|International|Mission|Fund|Programme|Union|Lawyers|Doctors|Group|"
    r"Foundation|Association|Syndicate")
_BODY_WORD_RES = {
    head: re.compile(rf"\b(?:{words})\b") for head, words in (
        ("agency", _AGENCY_WORDS), ("monitor", _MONITOR_WORDS),
        ("observatory", _MONITOR_WORDS), ("watchdog", _MONITOR_WORDS),
        ("group", _ANY_BODY_WORDS), ("organisation", _ANY_BODY_WORDS),
        ("organization", _ANY_BODY_WORDS), ("body", _ANY_BODY_WORDS),
        ("charity", _ANY_BODY_WORDS))}
_BODY_WINDOW = 700  # characters either side of the description
_LEADING_BASED_RE = re.compile(r"^[\w'’.-]+-based\s+")


@lru_cache(maxsize=256)
def _named_body_near(description: str, text: str, position: int) -> str:
    """The named body that reports nearest to a description of one, within a paragraph or
    two of it."""
    # a fullmatch ends with its head word: the test spares most names the pattern's scan
    described = _DESCRIBED_BODY_RE.fullmatch(description) \
        if text and description.endswith(_DESCRIBED_BODY_HEADS) else None
    if not described:
        return ""
    fitting = _BODY_WORD_RES[described.group("head")]
    if position < 0:
        position = text.find(description)
    start = max(0, position - _BODY_WINDOW)
    best, best_distance = "", _BODY_WINDOW + 1
    for match in _NAMED_BODY_RE.finditer(text, start, position + _BODY_WINDOW):
        name = _LEADING_BASED_RE.sub("", _LEADING_THE_RE.sub("", match.group("name")))
        if not fitting.search(name) or match.start() <= position < match.end():
            continue
        distance = abs(match.start() - position)
        if distance < best_distance:
            best = f"{name} ({match.group('short')})" if match.group("short") else name
            best_distance = distance
    return best


_PERSONAL = {"it": False, "he": True, "she": True}
_ITS_PEOPLE_RE = re.compile(
    r"[Ii]ts\s+(?:own\s+)?(?:investigators|experts|researchers|staff|teams?|monitors|"
    r"officials|spokes(?:man|woman|person)|report|count|tally|figures|data|analysts)")
_TITLE_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|minister|General|Gen|Colonel|Col|Governor|Gov|Mayor|"
    r"mayor|governor|spokes\w+|official|officer|chief|head|director|secretary|ambassador|envoy|"
    r"commander|doctor|nurse|witness|resident|man|woman|lawmaker|prosecutor|senator|leader|"
    r"correspondent|coordinator|surgeon|survivor)\b")
# Any body's name word, and those of states, armies and outlets, in any case
_BODY_WORDS_RE = re.compile(
    rf"\b(?:{_ANY_BODY_WORDS}|Ministry|Government|Military|Army|Police|Administration|"
    r"Command|Staff|Hospital|Forces|Media|Times|News|Post|Press|Party|Front)\b",
    re.IGNORECASE)
_PERSONAL_NAME_RE = re.compile(r"(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+")


def _names_a_body(name: str) -> bool:
    """Whether a source is plainly an institution ("the ministry", "Unicef (UN)", "NIS")."""
    return bool(_BODY_WORDS_RE.search(name) or _ACRONYM_NAME_RE.search(name)) \
        and not _TITLE_RE.search(name)


# "officials", "local authorities", "witnesses": they, not he, she or it
_PLURAL_RE = re.compile(r"(?:^|\s)[a-z]+(?:ials|ities|sses|ors|ers|ents|ics|ists)$")
_ACRONYM_NAME_RE = re.compile(r"^[A-Z]{2,7}$|\([A-Z]{2,7}\)")


def _names_a_person(name: str) -> bool:
    """Whether a source is a person ("Health Minister Olena Dvir", "Lee Seong-kweun") rather
    than a body ("Human Rights Watch", "the ministry")."""
    if _TITLE_RE.search(name):
        return True
    return not _BODY_WORDS_RE.search(name) and _PERSONAL_NAME_RE.fullmatch(name) is not None


# The roles a description of one named source ends with
_ROLES = ("minister", "governor", "spokesman", "spokeswoman", "spokesperson", "prosecutor",
          "prosecutor general", "mayor", "president", "premier", "chancellor", "commander",
          "envoy", "monitoring group", "rights group", "observatory")
# A description that stands for one named source: "Sudan's health minister", "a monitoring
# group", "the state governor", "the PM" spelled out as "Prime Minister (PM)".
_DESCRIPTION_RE = re.compile(
    r"^(?:the|a|an|its|[A-Z][\w-]*['’]s)?\s*(?P<words>(?:[\w'’-]+\s+){0,3}?)"
    rf"(?P<role>{'|'.join(sorted(_ROLES, key=len, reverse=True))})(?:\s+\([A-Z]{{2,7}}\))?$",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|abu\s+|de\s+|for\s+|of\s+)?[A-Z][\w'’-]+){1,5}"


def _role_patterns(role: str) -> tuple[re.Pattern, re.Pattern]:
    """ "health minister Haitham Ibrahim" and "Amnesty International, a rights group,"."""
    role = re.escape(role)  # the role in any case, the name capitalised
    return (re.compile(rf"(?P<title>\b(?:[A-Z][\w-]*\s+){{0,3}})\b(?P<role>(?i:{role}))\s*,?\s+"
                       rf"(?P<name>{_NAME})"),
            re.compile(rf"(?P<name>{_NAME}),\s+(?i:the\s+|a\s+|an\s+|its\s+)?[^,.;]{{0,50}}?"
                       rf"\b(?i:{role})\b"))


# Compiled at import: a first use inside an article would cost more than the article.
_ROLE_PATTERNS = {role: _role_patterns(role) for role in _ROLES}


@lru_cache(maxsize=256)  # the same description recurs through an article
def _named_in_article(description: str, text: str) -> str:
    """The name the article gives a described source anywhere, before or after, if it gives
    exactly one."""
    # the pattern tries every role after every split of the words: most names end with none
    match = _DESCRIPTION_RE.match(description) if _may_end_with_role(description) else None
    if not match or not text:
        return ""
    role = match.group("role").lower()
    # "India's foreign minister" is not the health minister the article also names
    modifiers = [w for w in match.group("words").lower().split()
                 if w not in _COUNTRY_WORDS and w not in _RANK_WORDS and "'" not in w
                 and "’" not in w]
    names = set()
    for window in _windows_around(role, text):
        for pattern in _ROLE_PATTERNS[role]:
            found = pattern.search(window)
            near = _same_sentence_before(window, found.start()) + found.group(0).lower() \
                if found else ""
            if found and all(m in near for m in modifiers):
                names.add(_as_named(found))
    names = {n for n in names if not _NOT_A_NAME_RE.search(n)}
    return names.pop() if len(names) == 1 else ""


def _may_end_with_role(description: str) -> bool:
    """False only when `_DESCRIPTION_RE` cannot match: its `$` comes after a role or ")", with
    at most a line break left."""
    tail = description[:-1] if description.endswith("\n") else description
    return tail.endswith(")") or folds_unlike_lower(tail) or tail.lower().endswith(_ROLES)


def _same_sentence_before(text: str, position: int) -> str:
    """Up to 30 characters before `position`, lower-cased, from its own sentence only."""
    before = text[max(0, position - 30): position].lower()
    return before[max(before.rfind(". "), before.rfind("; ")) + 1:]


def _windows_around(role: str, text: str) -> list[str]:
    """The stretches of `text` around each mention of `role`: the patterns run there only."""
    lower, windows, start = lowered(text), [], 0
    while (position := lower.find(role, start)) >= 0:
        windows.append(text[max(0, position - 80): position + len(role) + 60])
        start = position + len(role)
    return windows


def _as_named(found: re.Match) -> str:
    """ "Health Minister Olena Dvir" keeps its title; "Amnesty International, the rights
    group," and "the minister, Olena Dvir," give the name."""
    titled = "role" in found.re.groupindex and found.group("role")[0].isupper()
    return found.group(0) if titled else _LEADING_THE_RE.sub("", found.group("name"))


_COUNTRY_WORDS = frozenset(["us", "u.s.", "uk", "un", "u.n."])
# Words that place or rank a role without telling one holder from another: "the regional
# governor" is the one "Governor Ana Pires" the article names
_RANK_WORDS = frozenset(["regional", "provincial", "state", "local", "public", "chief", "top",
                         "senior", "national", "federal", "city", "district", "county"])
_NOT_A_NAME_RE = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                            r"January|February|March|April|May|June|July|August|September|"
                            r"October|November|December|He|She|It|They)\b")


_SPELLED_OUT_RE = re.compile(r"(?P<office>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+\([A-Z]{2,7}\)")


@lru_cache(maxsize=512)
def _word_patterns(words: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(re.escape(w), re.IGNORECASE) for w in words)


def _holds_all(text: str, words: tuple[str, ...]) -> bool:
    """Whether every one of `words` occurs in `text`, in any case."""
    # all(map(...)), not all() over generators: a generator's frame costs more than the tests
    if folds_unlike_lower(text) or not all(map(str.isascii, words)):
        return all(p.search(text) for p in _word_patterns(words))
    return all(map(lowered(text).__contains__, map(str.lower, words)))


def _has_word_starting(text: str, stem: str) -> bool:
    """re.search(rf"\b{stem}", text, re.IGNORECASE) for a lower-case ASCII `stem`, without
    compiling a pattern per stem."""
    if not stem or folds_unlike_lower(text):
        return re.search(rf"\b{re.escape(stem)}", text, re.IGNORECASE) is not None
    lower = text.lower()  # as long as `text`: folds_unlike_lower rules out "İ"
    start = lower.find(stem)
    while start >= 0:
        if not start or not _is_word_char(text[start - 1]):
            return True
        start = lower.find(stem, start + 1)
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


_REFERENCE_RE = re.compile(
    r"[Tt]he\s+(?:same\s+)?(?:(?:country|territory|region|city|state|enclave|group|army|"
    r"agency|ministry|government)['’]s\s+)?(?P<words>(?:[a-z]+\s+){0,2}[a-z]+)"
)


def _is_reference(name: str) -> bool:
    name = name.strip()
    if name.lower() in _PRONOUNS:
        return True
    return bool(_REFERENCE_RE.fullmatch(name))


_DATELINE_DASH_RE = re.compile(r"^.*?(?:\)|[A-Z]{2,}|\d)\s*[-–—]{1,2}\s+(?=\S)")
# "HRANA, a US-based rights group that tracks Iran, said": the name before the appositive
_APPOSITIVE_SOURCE_RE = re.compile(
    r"(?:^|[.;,]\s+|,?[”\"]\s+|^\W*|\b(?:outlet|group|agency|monitor|website|newspaper|"
    r"broadcaster|organi[sz]ation|charity|network|watchdog|observatory)\s+)"
    r"(?!(?:In|On|At|From|After|For|With|By|Since|During|Earlier|Later|Meanwhile|But|And|As|"
    r"When|While|Near|Outside|Inside)\b)"
    r"(?P<name>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+|"
    r"al-|el-|bin\s+|ibn\s+|abu\s+|de\s+|van\s+|von\s+|da\s+|di\s+)?[A-Z][\w'’.-]*)"
    r"{0,5}(?:\s+\([A-Z][A-Za-z]{1,6}\))?|[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)"
    r"(?:,\s+(?:an?\s|the\s|[a-z][\w-]*\s+(?:of|for|at|to)\s|[a-z]+ing\s|as\s|which\s|"
    r"who\s)[^,]{3,90}){1,2},\s*(?:(?:has|have|had|also|later|earlier)\s+)*$")
# "according to the mine's owner, Massey Energy."
_APPOSITIVE_NAME_RE = re.compile(
    r",\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\s*(?:[.;]|$)")


_SPACES_RE = re.compile(r"\s+")
_DIGIT_RE = re.compile(r"\d")
_ORDINAL_RE = re.compile(r"\b\d+(?:st|nd|rd|th)\b")
# A verb, an auxiliary or a pronoun subject: a clause, not a name
_CLAUSE_NOT_NAME_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|an?|the)$|\b(?:is|are|was|were|did|does|"
    r"do|have|has|had|could|would|should|cannot|can|not|(?-i:said|says|told))\b|n['’]t\b|"
    r"^(?:it|he|she|they|we|i)\s",
    re.IGNORECASE,
)
_CAPITAL_RE = re.compile(r"[A-Z]")
_INVERTED_NP_END_RE = re.compile(r"\s+(?:on|in|after|who|which|at|that)\s")


@lru_cache(maxsize=4096)  # sources recur within and across articles
def _clean(np: str) -> str:
    np = _SPACES_RE.sub(" ", np).strip(" ,'’\"“”•*-–—")
    if " - " in np or "–" in np or "—" in np:
        np = _DATELINE_DASH_RE.sub("", np)  # "KABUL, Aug 27 (Wire) - The United States"
    previous = None
    while previous != np:
        previous = np
        np = _TRAILING_NOISE_RE.sub("", " " + np).strip(" ,")
        np = _LEADING_NOISE_RE.sub("", np).strip(" ,")
    # "Prime Minister Ariel Henry declared a state of emergency and said": the subject
    coordinated = _COORDINATED_SUBJECT_RE.match(np) if np.endswith(" and") else None
    return coordinated.group("subject").strip() if coordinated else np


_COORDINATED_SUBJECT_RE = re.compile(r"(?P<subject>(?:[A-Z][\w'’.-]*\s+){1,6}?)(?=[a-z]+ed\b)")


@lru_cache(maxsize=4096)  # sources recur within and across articles
def _plausible(np: str) -> bool:
    if not np or len(np.split()) > 14 or _NOT_A_SOURCE_RE.match(np):
        return False
    if _DIGIT_RE.search(np) and not _ORDINAL_RE.search(np):
        return False
    if _CLAUSE_NOT_NAME_RE.search(np):
        return False
    return np.lower() in _PRONOUNS or bool(_NAMEY_RE.search(np))


def _source_before(sentence: str, verb_start: int,
                   all_boundaries: list[re.Match]) -> tuple[str, int]:
    """The noun phrase that ends right before the reporting verb at `verb_start`."""
    end = verb_start
    for _ in range(3):
        boundaries = [b for b in all_boundaries if b.end() <= end]
        begin = boundaries[-1].end() if boundaries else 0
        np = sentence[begin:end]
        cleaned = _clean(np)
        # "documents that surfaced in April estimated": the source is before "that"
        relative_clause = bool(boundaries) and boundaries[-1].group(0).lower() == "that" \
            and not _plausible(cleaned)
        if cleaned and not relative_clause and (not _RELATIVE_START_RE.match(np)
                                                or not _RELATIVE_START_RE.match(cleaned)):
            return cleaned, begin
        if not boundaries:
            break
        end = boundaries[-1].start()
    return "", verb_start


def find_attributions(sentence: str) -> list[Attribution]:
    """Every source the sentence credits, with the span of its attribution."""
    found: list[Attribution] = []
    according = may_contain(sentence, _ACCORDING_KEYS)
    for match in _ACCORDING_RE.finditer(sentence) if according else ():
        np = _clean(match.group("np"))
        if _DOCUMENT_RE.match(np):
            continue  # "citing preliminary figures": what, not who
        named = _APPOSITIVE_NAME_RE.match(sentence, match.end())
        if named and not _CAPITAL_RE.search(np[1:]):
            np = named.group("name").rstrip(".")
        if _plausible(np):
            found.append(Attribution(np, match.start(), match.end(),
                                     _date_near(sentence, match.start(), match.end())))
    speaker = _SPEAKER_COLON_RE.match(sentence) if ":" in sentence[:90] else None
    if speaker and _plausible(speaker.group("np")):
        found.append(Attribution(speaker.group("np"), speaker.start("np"), speaker.end()))
    for match in _INVERTED_RE.finditer(sentence):
        np = _clean(_INVERTED_NP_END_RE.split(match.group("np"))[0])
        if _plausible(np):
            found.append(Attribution(np, match.start(), match.end(),
                                     _date_near(sentence, match.start(), match.end())))
    if not may_contain(sentence, _VERB_KEYS):
        return found  # no reporting verb: the clause tokens would go unused
    verbs, boundaries = _clause_tokens(sentence)
    for match in verbs:
        if _inside(found, match):
            continue
        if match.group()[0].isupper() and match.start() > 1:
            continue  # "The United States pressed on": part of a name, not "states"
        if match.group().lower() in _CLAIM_FORMS and _RESPONSIBILITY_RE.match(sentence,
                                                                             match.end()):
            continue  # "the group claimed the bombing": a deed owned, not a figure asserted
        appositive = _APPOSITIVE_SOURCE_RE.search(sentence, 0, match.start()) \
            if _ends_with_comma(sentence, match.start()) else None
        if not appositive and match.start() and sentence[match.start() - 1] in ",”\"’":
            continue
        description = ""
        if appositive:
            np, begin = _clean(appositive.group("name")), appositive.start("name")
            description = sentence[appositive.end("name"): match.start()].strip(" ,")
        else:
            np, begin = _source_before(sentence, match.start(), boundaries)
            described = _DESCRIPTION_BEFORE_RE.search(sentence, 0, begin) \
                if begin and np[:1].isupper() else None
            if described:
                description = described.group("description")
        if match.group().lower() == "saying" and _ends_with_comma(sentence, match.start()):
            # "Mr Shoigu gave an update on losses since March, saying ...": the subject of
            # the clause the participle hangs on, not the words before its comma
            np, description = _participle_subject(sentence, match.start(), found, np)
        if _plausible(np) and not _DOCUMENT_RE.match(np):  # "Earlier counts had put"
            end = _extend_over_date(sentence, match.end())
            found.append(Attribution(np, begin, end, _date_near(sentence, begin, end),
                                     description))
    return found


# "The ministry issued a statement": the subject ends where a verb takes its object
_SUBJECT_END_RE = re.compile(
    r"\s+(?:also\s+|later\s+|earlier\s+)?(?:[a-z]+ed|gave|put|made|held|wrote|spoke|took|sent|"
    r"told|said)\s+(?:a|an|the|its|his|her|their|new|fresh|no|further|that|this|these|those)\b")


_APPOSITIVE_AFTER_RE = re.compile(r",\s+(?:who|whose|which|an?|the)\s")


def _participle_subject(sentence: str, verb_start: int, found: list[Attribution],
                        np: str) -> tuple[str, str]:
    """The source of ", saying ...": the one an earlier verb of the sentence credits, else the
    subject opening the clause before the comma."""
    earlier = [a for a in found if a.end <= verb_start]
    if earlier:
        return earlier[-1].claimant, earlier[-1].description
    clause_start = max(sentence.rfind(mark, 0, verb_start) for mark in ".;“\"") + 1
    clause = sentence[clause_start: verb_start]
    subject_end = _SUBJECT_END_RE.search(clause)
    if subject_end:
        subject = _clean(clause[: subject_end.start()])
        return _APPOSITIVE_AFTER_RE.split(subject, maxsplit=1)[0], ""
    return np, ""


_CLAIM_FORMS = frozenset(["claimed", "claims"])
_RESPONSIBILITY_RE = re.compile(
    r"\s+(?:responsibility|credit|(?:the|an?|its|their|both)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:attacks?|bombings?|assaults?|strikes?|killings?|shootings?|raids?|ambush(?:es)?|"
    r"blasts?|explosions?|massacres?|lives|life))\b", re.IGNORECASE)


def _clause_tokens(sentence: str) -> tuple[list[re.Match], list[re.Match]]:
    """The reporting verbs of `sentence`, and its clause boundaries: punctuation and words
    such as "that" or "while"."""
    verbs: list[re.Match] = []
    boundaries: list[re.Match] = []
    for token in _TOKEN_RE.finditer(sentence):
        word = token.group().lower()
        if word in _VERB_WORDS:
            verbs.append(token)
        elif word in _BOUNDARY_WORDS or not word.isalpha():
            boundaries.append(token)
    return verbs, boundaries


# "The Paris prosecutor, Francois Molins, said": the description before the name
_DESCRIPTION_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s+|^\W+)(?P<description>[Tt]he\s+[^,;:\d]{2,60}),\s*$")


# A live blog's speaker line: 'Chief Constable Ian Hopkins: "We can now confirm ..."', or
# 'Update from Magen David Adom: its teams treated ...'
_SPEAKER_COLON_RE = re.compile(
    r"^\W*(?:(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}\s+)?)?"
    r"(?:(?P<update>(?:[Uu]pdate|[Ss]tatement|[Ll]atest|[Ff]igures)\s+from\s+(?:the\s+)?))?)"
    r"(?P<np>(?:[A-Z][\w'’.-]*\s+(?:of\s+|for\s+|al-|el-)?){0,6}[A-Z][\w'’.-]*)\s*:\s*"
    r"(?(update)|[“\"])")


def _ends_with_comma(sentence: str, end: int) -> bool:
    """Whether sentence[:end] ends with a comma and maybe whitespace, as every appositive
    source before a verb does: most verbs are spared `_APPOSITIVE_SOURCE_RE`'s scan."""
    while end and sentence[end - 1].isspace():
        end -= 1
    if sentence[end - 1: end] == ",":
        return True
    return _TRAILING_AUXILIARY_RE.search(sentence, max(0, end - 12), end) is not None


_TRAILING_AUXILIARY_RE = re.compile(r",\s*(?:has|have|had|also|later|earlier)$")


_TRAILING_DATE_RE = re.compile(
    rf"(?:\s+(?:in|on|at|during|to)\s+(?:a|an|its|his|her|their|the)\s+[\w ]{{1,40}}?)?"
    rf"\s*,?\s+(?:{DATE_PHRASE})",
    re.IGNORECASE,
)


def _extend_over_date(sentence: str, end: int) -> int:
    match = _TRAILING_DATE_RE.match(sentence, end)
    return match.end() if match else end


def _inside(found: list[Attribution], match: re.Match) -> bool:
    # `found` is mostly empty: no generator made for it then
    return bool(found) and any(a.start <= match.start() < a.end for a in found)


_DATE_NEAR_RE = re.compile(DATE_PHRASE, re.IGNORECASE)
# Every date phrase but an ISO date holds one of these (each month name one of the last twelve).
_DATE_KEYS = ("day", "night", "morning", "week", "month", "jan", "feb", "mar", "apr", "may",
              "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LEADING_DATE_RE = re.compile(rf"^\s*(?:{DATE_PHRASE})\s*,?", re.IGNORECASE)


def _may_hold_date(text: str) -> bool:
    """False when no date phrase can be in `text`: none of the words, and no ISO date (the
    only form without one, and it has a hyphen)."""
    return may_contain(text, _DATE_KEYS) or ("-" in text and _DIGIT_RE.search(text) is not None)


def _date_near(sentence: str, start: int, end: int) -> str:
    """A date phrase inside the attribution, right after its verb, or opening the sentence."""
    if not _may_hold_date(sentence):
        return ""
    window = sentence[start: min(len(sentence), end + 12)]
    match = _may_hold_date(window) and _DATE_NEAR_RE.search(window)
    if match:
        return match.group(0)
    leading = _LEADING_DATE_RE.match(sentence)
    if leading and leading.end() <= start + 2:
        return leading.group(0)
    return ""


def nearest_attribution(attributions: list[Attribution], position: int,
                        sentence: str = "") -> Attribution | None:
    """The attribution closest to a figure at `position`, in the same clause when the
    sentence joins clauses with a semicolon ("... kills eight; Tehran says 224 dead")."""
    if sentence and ";" in sentence:
        attributions = [a for a in attributions
                        if ";" not in sentence[min(a.end, position): max(a.start, position)]]
    if not attributions:
        return None

    def distance(a: Attribution) -> int:
        if a.start <= position < a.end:
            return 0
        return a.start - position if a.start > position else position - a.end

    return min(attributions, key=distance)
