"""Pages holding several stories, and the topic a figure takes from the story it is in."""

from __future__ import annotations

from handlers.extraction import extract_claims
from handlers.extraction.segment import paragraphs
from handlers.extraction.stories import find_stories
from handlers.models import Article

from .conftest import TOPICS, claims_in


def _claims(title: str, text: str):
    return extract_claims(Article(id="t", title=title, text=text), TOPICS)


def test_figure_without_topic_takes_the_topic_of_its_story_title():
    claims = _claims(
        "Strong quake shakes mountain province",
        "Rescuers dug through rubble in the hill towns overnight.\n"
        "Officials said the toll rose to 412 and that 1,090 people were hurt.",
    )
    assert [c.topics for c in claims] == [("quake",), ("quake",)]


def test_glued_story_does_not_take_the_main_story_topic():
    claims = _claims(
        "North Korean soldiers seen near the front",
        "Pyongyang has sent more soldiers west, analysts said, in a long report.\n"
        "OTHER NEWS\n"
        "Ferry sinks off island coast\n"
        "PORT ELLEN - At least 14 people drowned when a ferry sank, and 9 people died later.",
    )
    assert claims and all(c.topics == () for c in claims)


def test_glued_story_with_its_own_topic_word_gets_it():
    claims = _claims(
        "Kim Jong Un visits missile plant",
        "North Korea's leader toured the plant on Monday, state media reported at length.\n"
        "Related stories\n"
        "Tremor topples houses in valley\n"
        "A strong tremor struck the valley on Sunday. The toll rose to 37 on Monday.",
    )
    assert [c.topics for c in claims] == [("quake",)]


def test_one_stray_nationality_does_not_make_the_story_topic():
    claims = _claims(
        "Floods sweep river city",
        "Water tore through the old town on Sunday night and swept cars to the sea.\n"
        "Among the dead were 20 foreigners, most of them Ukrainian seasonal workers.\n"
        "The coastguard said 61 people were still missing.",
    )
    assert claims[-1].topics == ()


def test_victims_topic_wins_over_the_side_that_struck():
    claims = claims_in("Israeli drones killed 17 Palestinians in Gaza City on Sunday.")
    assert claims[0].topics == ("gaza",)


def test_victims_named_by_nationality_keep_their_topic():
    claims = claims_in("Officials said 300 North Korean soldiers were killed near Russia's border.")
    assert claims[0].topics == ("dprk",)


def test_hyphenated_name_matches_its_topic():
    claims = claims_in("The Hamas-led raid killed 75 people, officials said.")
    assert "gaza" in claims[0].topics


def test_street_named_after_a_city_is_not_the_city():
    claims = claims_in("Troops fought insurgents on Israel Street, and 12 insurgents were killed.")
    assert claims[0].topics == ()


def test_live_blog_timestamps_and_subheads_are_one_story():
    text = ("Key points\n- 40 people killed\n10:40 GMT\nThe quake struck at dawn.\n"
            "What do we know?\nOfficials say 41 people died.\n")
    assert len(find_stories(paragraphs(text), "Quake live")) == 1


def test_dateline_after_a_headline_starts_a_new_story():
    text = ("The storm left the coast on Friday after three days of rain and wind.\n"
            "Bus crash in hills\nSHIMLA, India - A bus fell into a gorge on Monday.\n")
    stories = find_stories(paragraphs(text), "Storm")
    assert [s.first for s in stories] == [0, 1]


def test_a_block_header_in_capitals_starts_the_glued_stories():
    text = ("The strike killed 30 people in the city, officials said.\n\n"
            "WHAT ELSE HAPPENED\n\n"
            "Flood toll passes 40\n\n"
            "Floodwaters killed 41 people in the valley, the regional governor said.")
    page = paragraphs(text)
    assert [story.first for story in find_stories(page, "Strike kills 30")] == [0, 2]


def test_the_main_storys_own_summary_header_is_no_boundary():
    text = ("The strike killed 30 people in the city, officials said.\n\n"
            "KEY POINTS\n\n"
            "Rescuers are still searching the rubble for survivors.")
    assert len(find_stories(paragraphs(text), "Strike kills 30")) == 1
