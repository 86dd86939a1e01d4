"""Give a bare institutional claimant the place it speaks for.

"officials said" or "the government said" names nobody: readers (and the annotators) read
the country off the sentence ("In neighbouring El Salvador, ... officials there said" ->
"Salvadoran officials"; "In Beichuan county, officials said" -> "officials in Beichuan
county"; "Israeli forces ... the military said" -> "Israeli military").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# Countries and regions met in casualty reporting, with their adjective.
DEMONYMS = {
    "Afghanistan": "Afghan", "Algeria": "Algerian", "Argentina": "Argentine",
    "Armenia": "Armenian", "Australia": "Australian", "Austria": "Austrian",
    "Azerbaijan": "Azerbaijani", "Bangladesh": "Bangladeshi", "Belarus": "Belarusian",
    "Belgium": "Belgian", "Bolivia": "Bolivian", "Brazil": "Brazilian", "Britain": "British",
    "Burkina Faso": "Burkinabe", "Cambodia": "Cambodian", "Cameroon": "Cameroonian",
    "Canada": "Canadian", "Chad": "Chadian", "Chile": "Chilean", "China": "Chinese",
    "Colombia": "Colombian", "Congo": "Congolese", "Cuba": "Cuban", "Ecuador": "Ecuadorian",
    "Egypt": "Egyptian", "El Salvador": "Salvadoran", "Eritrea": "Eritrean",
    "Ethiopia": "Ethiopian", "France": "French", "Georgia": "Georgian", "Germany": "German",
    "Ghana": "Ghanaian", "Greece": "Greek", "Guatemala": "Guatemalan", "Haiti": "Haitian",
    "Honduras": "Honduran", "India": "Indian", "Indonesia": "Indonesian", "Iran": "Iranian",
    "Iraq": "Iraqi", "Ireland": "Irish", "Israel": "Israeli", "Italy": "Italian",
    "Japan": "Japanese", "Jordan": "Jordanian", "Kenya": "Kenyan", "Lebanon": "Lebanese",
    "Libya": "Libyan", "Malaysia": "Malaysian", "Mali": "Malian", "Mexico": "Mexican",
    "Morocco": "Moroccan", "Mozambique": "Mozambican", "Myanmar": "Myanmar", "Nepal": "Nepali",
    "Netherlands": "Dutch", "Nicaragua": "Nicaraguan", "Niger": "Nigerien", "Nigeria": "Nigerian",
    "North Korea": "North Korean", "Norway": "Norwegian", "Pakistan": "Pakistani",
    "Peru": "Peruvian", "Philippines": "Philippine", "Poland": "Polish",
    "Portugal": "Portuguese", "Russia": "Russian", "Rwanda": "Rwandan",
    "Saudi Arabia": "Saudi", "Senegal": "Senegalese", "Serbia": "Serbian",
    "Somalia": "Somali", "South Africa": "South African", "South Korea": "South Korean",
    "South Sudan": "South Sudanese", "Spain": "Spanish", "Sri Lanka": "Sri Lankan",
    "Sudan": "Sudanese", "Sweden": "Swedish", "Syria": "Syrian", "Taiwan": "Taiwanese",
    "Thailand": "Thai", "Tunisia": "Tunisian", "Turkey": "Turkish", "Turkiye": "Turkish",
    "Uganda": "Ugandan", "Ukraine": "Ukrainian", "Venezuela": "Venezuelan",
    "Vietnam": "Vietnamese", "Yemen": "Yemeni", "Zimbabwe": "Zimbabwean",
    "Albania": "Albanian", "Bosnia": "Bosnian", "Croatia": "Croatian", "Kosovo": "Kosovar",
    "Romania": "Romanian", "Bulgaria": "Bulgarian", "Hungary": "Hungarian",
    "Switzerland": "Swiss", "Denmark": "Danish", "Finland": "Finnish", "Cyprus": "Cypriot",
    "Moldova": "Moldovan", "Kazakhstan": "Kazakh", "Uzbekistan": "Uzbek",
    "Kyrgyzstan": "Kyrgyz", "Tajikistan": "Tajik", "Mongolia": "Mongolian", "Laos": "Lao",
    "New Zealand": "New Zealand", "Qatar": "Qatari", "Kuwait": "Kuwaiti",
    "Bahrain": "Bahraini", "Oman": "Omani", "Tanzania": "Tanzanian", "Zambia": "Zambian",
    "Malawi": "Malawian", "Madagascar": "Malagasy", "Angola": "Angolan",
    "Burundi": "Burundian", "Sierra Leone": "Sierra Leonean", "Liberia": "Liberian",
    "Guinea": "Guinean", "Benin": "Beninese", "Togo": "Togolese", "Mauritania": "Mauritanian",
    "Djibouti": "Djiboutian", "Dominican Republic": "Dominican", "Jamaica": "Jamaican",
    "Panama": "Panamanian", "Paraguay": "Paraguayan", "Uruguay": "Uruguayan",
    "Maldives": "Maldivian", "Bhutan": "Bhutanese", "Fiji": "Fijian", "Gabon": "Gabonese",
}
_ADJECTIVES = frozenset(DEMONYMS.values()) | {"US", "UK", "American", "Palestinian", "Kurdish"}
_COUNTRY = "|".join(sorted(map(re.escape, DEMONYMS), key=len, reverse=True))
# longest first (as escaped), the order ADJECTIVE's alternatives are tried in
ADJECTIVES = tuple(sorted(_ADJECTIVES, key=lambda a: len(re.escape(a)), reverse=True))
ADJECTIVE = "|".join(map(re.escape, ADJECTIVES))

# Words the scorer and readers take as naming nobody in particular.
_GENERIC_WORDS = frozenset([
    "the", "official", "officials", "ministry", "government", "authorities", "military",
    "army", "agency", "there", "local", "defence", "defense", "office", "senior",
])
_MILITARY_HEADS = frozenset(["military", "army"])
# "Ukraine's military" -> "Ukrainian military"
_PLACE_WORDS = r"(?:\s+(?:county|province|state|region|district|city|prefecture|town))?"
_PLACE = rf"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}{_PLACE_WORDS}"
# "In neighbouring El Salvador, ..." opening the sentence
_LEADING_PLACE_RE = re.compile(
    rf"^\s*(?:Across\s[^,]*?\s)?[Ii]n\s+(?:the\s+)?(?:neighbou?ring\s+|(?:north|south|east|west)"
    rf"(?:ern|-\w+)?\s+|central\s+)?(?P<place>{_PLACE})\s*,")
_PLACE_LABEL_RE = re.compile(rf"^\W*(?P<country>{_COUNTRY})\s*:\s+")
# "in eastern Spain", "in India's Uttar Pradesh state"
_IN_COUNTRY_RE = re.compile(
    rf"\bin\s+(?:the\s+)?(?:neighbou?ring\s+|(?:north|south|east|west)(?:ern|-\w+)?\s+|"
    rf"central\s+)?(?P<country>{_COUNTRY})\b")
_ADJECTIVE_RE = re.compile(rf"\b(?P<adjective>{ADJECTIVE})\b")


_WORD_RE = re.compile(r"[A-Za-z]+")
_BARE_HEAD_RE = re.compile(r"^(?:the|its|their)\s+|\s+there$", re.I)


@lru_cache(maxsize=1024)  # claimants recur within and across articles
def is_generic(claimant: str) -> bool:
    words = _WORD_RE.findall(claimant.lower())
    return bool(words) and all(w in _GENERIC_WORDS for w in words)


def qualify(claimant: str, sentence: str, attribution_start: int,
            story_country: Callable[[], str] = str) -> str:
    """A bare generic claimant with the country or place the sentence gives it; a bare
    national institution ("the military", "the defence ministry") with the country its
    story is mostly about, when the sentence names none."""
    if not is_generic(claimant):
        return claimant
    head = _BARE_HEAD_RE.sub("", claimant.strip())
    last = head.split()[-1].lower()
    label = _PLACE_LABEL_RE.match(sentence)
    if label and label.end() <= attribution_start + 1:
        # a news brief's item: "Niger: The defence ministry said ..."
        return f"{label.group('country')}'s {head}"
    if last in _MILITARY_HEADS:
        adjectives = list(_ADJECTIVE_RE.finditer(sentence, 0, attribution_start))
        if adjectives:
            return f"{adjectives[-1].group('adjective')} {head}"
        return _with_story_country(claimant, head, story_country())
    leading = _LEADING_PLACE_RE.match(sentence)
    if leading and leading.end() <= attribution_start + 1:
        return _with_place(head, leading.group("place"))
    in_country = _IN_COUNTRY_RE.search(sentence)
    if in_country:
        return f"{DEMONYMS[in_country.group('country')]} {head}"
    if last in _NATIONAL_HEADS:
        return _with_story_country(claimant, head, story_country())
    return claimant


def _with_story_country(claimant: str, head: str, country: str) -> str:
    return f"{DEMONYMS.get(country, country)} {head}" if country else claimant


_NATIONAL_HEADS = frozenset(["military", "army", "government", "ministry"])


def story_country(text: str) -> str:
    """Of the countries a story's headline, dateline or lede names ("DURRES, Albania (AP)
    -"), the one the whole story names most often ('' if they name none): rescuers from
    abroad, named further down, do not make the story theirs."""
    counts: dict[str, int] = {}
    leading: dict[str, None] = {}  # in order of appearance: ties go to the first named
    for match in _ANY_COUNTRY_RE.finditer(text):
        country = _COUNTRY_OF.get(match.group(0), match.group(0))
        counts[country] = counts.get(country, 0) + 1
        if match.start() < 300:
            leading[country] = None
    return max(leading, key=counts.__getitem__) if leading else ""


_COUNTRY_OF = {adjective: country for country, adjective in DEMONYMS.items()}
_ANY_COUNTRY_RE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, {*DEMONYMS, *DEMONYMS.values()}),
                               key=len, reverse=True)) + r")\b")


def _with_place(head: str, place: str) -> str:
    first = place.split()[0]
    if first in _ADJECTIVES:
        return f"{first} {head}"
    country = next((c for c in DEMONYMS if place == c or place.startswith(c + "'")), None)
    if country:
        return f"{DEMONYMS[country]} {head}"
    return f"{head} in {place}"
