"""Figures as written: digits, words, ranges, bounds, approximations, vague quantities."""

from __future__ import annotations

import pytest

from handlers.extraction.numbers import find_figures, words_to_int

from .conftest import claims_in, only_claim


@pytest.mark.parametrize(("words", "value"), [
    ("three", 3), ("twenty-four", 24), ("twenty four", 24), ("a thousand", 1000),
    ("twelve hundred", 1200), ("one hundred and five", 105), ("two dozen", 24),
    ("a million", 1_000_000), ("seventy", 70),
])
def test_number_words(words, value):
    assert words_to_int(words) == value


@pytest.mark.parametrize(("text", "low", "high", "approx", "qualifier"), [
    ("4,512 people were killed", 4512, 4512, False, ""),
    ("7 200 people were killed", 7200, 7200, False, ""),
    ("1.5 million people were killed", 1_500_000, 1_500_000, False, ""),
    ("Forty-two people were killed", 42, 42, False, ""),
    ("a thousand people were killed", 1000, 1000, False, ""),
    ("between 400 and 650 people were killed", 400, 650, False, ""),
    ("8,000 to 9,500 people were killed", 8000, 9500, False, ""),
    ("8,000-9,500 people were killed", 8000, 9500, False, ""),
    ("more than 1,250 people were killed", 1250, None, False, "more than"),
    ("over 70 people were killed", 70, None, False, "over"),
    ("at least 19 people were killed", 19, None, False, "at least"),
    ("no fewer than 64 people were killed", 64, None, False, "no fewer than"),
    ("up to 900 people were killed", None, 900, False, "up to"),
    ("as many as 900 people were killed", None, 900, False, "as many as"),
    ("fewer than 15 people were killed", None, 15, False, "fewer than"),
    ("nearly 480 people were killed", 480, 480, True, "nearly"),
    ("about 55 people were killed", 55, 55, True, "about"),
    ("around 5,600 people were killed", 5600, 5600, True, "around"),
    ("approximately 310 people were killed", 310, 310, True, "approximately"),
    ("some 2,300 people were killed", 2300, 2300, True, "some"),
    ("an estimated 7,000 people were killed", 7000, 7000, True, "an estimated"),
    ("roughly 640 people were killed", 640, 640, True, "roughly"),
    ("dozens of people were killed", 24, 99, True, "dozens"),
    ("scores of people were killed", 40, 99, True, "scores"),
    ("hundreds of people were killed", 200, 999, True, "hundreds"),
    ("several hundred people were killed", 200, 900, True, "several hundred"),
    ("thousands of people were killed", 2000, 9999, True, "thousands"),
    ("tens of thousands of people were killed", 20000, 99999, True, "tens of thousands"),
    ("a handful of people were killed", 2, 5, True, "a handful"),
    ("several people were killed", 3, 9, True, "several"),
])
def test_figure_bounds(text, low, high, approx, qualifier):
    claim = only_claim(f"Officials said {text} in the attack.")
    assert (claim.low, claim.high, claim.approx) == (low, high, approx)
    assert claim.qualifier.lower() == qualifier
    written = text.split(" people")[0].removesuffix(" of")
    assert claim.figure.lower() == written.lower()


@pytest.mark.parametrize("text", [
    "The fund paid out $4.2bn and 300 million euros.",
    "The front line is 1,170km long and the lake 40 miles wide.",
    "It happened at 10:45 pm on 3 March 2021.",
    "Unemployment rose 12% and 30 percent of homes lost power.",
    "The 6.1-magnitude tremor struck at a depth of 10 km.",
    "A 57-year-old man and the 31st Brigade were mentioned in Bill number 40217.",
    "The 1914-18 war changed the continent.",
])
def test_non_head_counts_are_not_figures(text):
    assert all(f.low is None or f.low < 1 for f in find_figures(text)) or not find_figures(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials said 12 people were kılled and dozenſ were hurt.",
     [("killed", 12), ("wounded", 24)]),
    ("The toll rose to 12, and ſeveral hundred were injured, officials ſaid.",
     [("killed", 12), ("wounded", 200)]),
    ("Thirty-ſix people dıed, İstanbul officials said.", [("killed", 36)]),
])
def test_letters_that_fold_to_ascii_are_read_not_tripped_on(text, expected):
    # dotless i, dotted capital I and long s match ASCII letters in case-insensitive patterns
    assert [(c.metric, c.low) for c in claims_in(text)] == expected
