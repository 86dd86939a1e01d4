"""Who claims a figure, over what window, when it was said, and which topic it belongs to."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.extraction.dates import resolve_date
from handlers.extraction.segment import paragraphs, split_sentences
from handlers.extraction.topics import name_anchors

from .conftest import claims_in, only_claim


@pytest.mark.parametrize(("sentence", "claimant"), [
    ("Around 70 soldiers were killed, Brigadier Amal Haddad said.", "Brigadier Amal Haddad"),
    ("Around 70 soldiers were killed, said Brigadier Amal Haddad.", "Brigadier Amal Haddad"),
    ("Around 70 soldiers were killed, according to the Red Crescent.", "the Red Crescent"),
    ("The Red Crescent said on Tuesday that around 70 soldiers were killed.", "The Red Crescent"),
    ("A senior NATO military official said around 70 soldiers were killed.",
     "A senior NATO military official"),
    ("Norway's foreign ministry estimated that around 70 soldiers were killed.",
     "Norway's foreign ministry"),
    ("“Around 70 of our soldiers were killed,” the colonel told reporters.", "the colonel"),
    ("Around 70 soldiers were killed.", ""),
])
def test_claimant_forms(sentence, claimant):
    assert only_claim(sentence).claimant == claimant


def test_anonymous_official_is_resolved_in_later_sentences():
    claims = claims_in(
        "A senior European defence official briefed reporters in Brussels. "
        "“We think about 450 of their men were wounded,” the official said."
    )
    assert claims[0].claimant == "A senior European defence official"


def test_pronoun_resolves_to_the_last_named_source():
    claims = claims_in("Governor Lena Marsh spoke late at night. She said 18 people had died.")
    assert claims[0].claimant == "Governor Lena Marsh"


def test_acronym_is_spelled_out():
    claims = claims_in(
        "The Civil Defence Directorate (CDD) opened a hotline.\n"
        "The CDD said 36 people were missing after the floods."
    )
    assert claims[0].claimant == "Civil Defence Directorate (CDD)"


def test_source_carries_to_next_sentence_of_paragraph():
    claims = claims_in(
        "The flooding killed 44 people, the regional governor said. "
        "Another 130 were injured, 12 of them seriously."
    )
    assert [c.claimant for c in claims] == ["the regional governor"] * 3


@pytest.mark.parametrize(("sentence", "period"), [
    ("Officials said 55 soldiers were killed in the last week alone.", "in the last week alone"),
    ("At least 18 people were killed in the past 24 hours, medics said.",
     "in the past 24 hours"),
    ("Medics said 9 people were killed at the weekend.", "at the weekend"),
    ("Medics said 9 people were killed over the weekend.", "over the weekend"),
    ("Overnight shelling killed 6 civilians, the mayor said.", "Overnight"),
    ("The army loses about 800 men a day, killed or wounded, analysts say.", "a day"),
    ("The toll rose to 158, officials said, as soldiers reached villages cut off for more "
     "than a day.", ""),
    ("The toll rose to 158 on Wednesday, a day after the storm hit, officials said.", ""),
    ("Some 2,400 people have been killed since the war began, the ministry said.", ""),
    ("A total of 2,400 people have been killed so far, the ministry said.", ""),
    ("Shelling killed 30 people on Sunday, the mayor said.", "on Sunday"),
    # a running total as of a day: the day dates the total, it is not its window
    ("The death toll from the storm rose to 56 on Sunday, officials said.", ""),
    ("The toll from a magnitude-6.1 quake in the hills climbed to 48 on Tuesday, the agency "
     "said.", ""),
])
def test_period(sentence, period):
    assert only_claim(sentence).period == period


def test_day_of_the_statement_is_not_a_period():
    claim = only_claim("The ministry said on Wednesday that 210 people had been killed.")
    assert claim.period == ""
    assert claim.claim_date == "2025-03-12"


@pytest.mark.parametrize(("sentence", "claim_date"), [
    ("On February 27, a Western official said 310 soldiers had been killed.", "2025-02-27"),
    ("On Monday, the mayor said 14 people had been killed.", "2025-03-10"),
    ("The mayor said yesterday that 14 people had been killed.", "2025-03-13"),
    ("The mayor said today that 14 people had been killed.", ""),
    ("The mayor said on Friday that 14 people had been killed.", ""),
    ("In January, the ministry said 310 soldiers had been killed.", "2025-01"),
    ("On 2 December, the ministry said 310 soldiers had been killed.", "2024-12-02"),
])
def test_claim_date(sentence, claim_date):
    assert only_claim(sentence).claim_date == claim_date


def test_claim_date_without_publication_date():
    assert resolve_date("on Monday", None) == ""
    assert resolve_date("on 2024-11-05", None) == "2024-11-05"
    assert resolve_date("on Sunday", date(2025, 6, 16)) == "2025-06-15"


def test_hedge_is_kept_apart_from_the_figure():
    claim = only_claim(
        "The brigade has highly likely suffered more than 900 casualties, UK intelligence said."
    )
    assert claim.hedge == "highly likely"
    assert (claim.low, claim.qualifier) == (900, "more than")


def test_topics_come_from_the_claims_own_paragraph():
    text = (
        "North Korean troops have taken about 200 casualties near the border, officials said.\n"
        "Elsewhere, a tremor shook the coast and 5 people were injured by falling debris.\n"
        "In other news, an Iranian missile killed 3 people in Israel on Sunday."
    )
    claims = claims_in(text)
    assert [c.topics for c in claims] == [("dprk",), ("quake",), ("israel-iran",)]


def test_claim_without_any_topic_alias_gets_none():
    assert only_claim("A ferry capsized and 17 passengers are missing.").topics == ()


def test_sentences_split_on_stops_but_not_abbreviations():
    text = "Gen. Ivo Marek said 4 soldiers died. Mr. Lin disagreed! Was it 5? Yes."
    sentences = split_sentences(paragraphs(text)[0])
    assert [s.text for s in sentences] == [
        "Gen. Ivo Marek said 4 soldiers died.", "Mr. Lin disagreed!", "Was it 5?", "Yes."]


def test_cut_off_text_does_not_break_extraction():
    claims = claims_in("Shelling killed 23 people in the town, officials said, and the army")
    assert [(c.metric, c.low) for c in claims] == [("killed", 23)]


@pytest.mark.parametrize(("name", "aliases", "sides"), [
    ("Israel-Iran war", ("Israel", "Israeli", "Iran", "Tehran"),
     (("israel", "israeli"), ("iran",))),
    ("Russia-Ukraine war (Russian and Ukrainian losses)", ("Ukraine", "Russia", "Russian"),
     (("russia", "russian"), ("ukraine",))),
    ("North Korean troops in Russia's war", ("North Korea", "North Korean", "DPRK"), ()),
    ("Gaza war", ("Gaza", "Hamas"), ()),
    ("Earthquakes", ("earthquake", "quake"), ()),
])
def test_a_topic_named_after_two_sides_has_them_as_anchors(name, aliases, sides):
    assert name_anchors(name, aliases) == sides


def test_a_side_named_outside_its_war_is_not_that_war():
    text = ("Georgian officials said 64 Russian soldiers were killed in the fighting around "
            "Tskhinvali in August 2008.\n"
            "Moscow put its own losses lower.")
    assert only_claim(text).topics == ()


def test_a_victim_side_without_the_other_side_falls_back_to_the_story():
    text = ("Gaza ceasefire talks stall as strikes continue\n\n"
            "Strikes on Gaza killed 40 Palestinians overnight, the health ministry said.\n\n"
            "Israeli officials say 1,200 people were killed in Israel in the attack that "
            "started the war.")
    claims = claims_in(text)
    assert [(c.low, c.topics) for c in claims] == [(40, ("gaza",)), (1200, ("gaza",))]


def test_both_sides_named_in_the_story_keep_the_topic():
    text = ("Kyiv said Russian shelling killed 12 Ukrainian civilians on Monday, and Moscow "
            "said 30 Russian soldiers died in a drone strike.")
    assert {c.topics for c in claims_in(text)} == {("ukraine-war",)}


@pytest.mark.parametrize(("text", "claimant"), [
    ("19:05 Paris prosecutor Jean Dupont says 129 people were killed.",
     "Paris prosecutor Jean Dupont"),
    ("9:40pm Police have confirmed 65 deaths.", "Police"),
    ("Atef al-Kahlout, director of the nearby hospital, said 52 bodies had arrived.",
     "Atef al-Kahlout"),
    ("Tom Perriello, the US special envoy, has said as many as 150,000 people may have died.",
     "Tom Perriello"),
    ("The toll rose above 30,000 on Tuesday, as governments warned that many more bodies had "
     "yet to be found.", ""),
    ("Fifty-nine hostages remain in Gaza, of whom Israel believes 24 are alive.", ""),
    ("The Paris prosecutor, Jean Dupont, said 129 people were killed. The prosecutor said 99 "
     "of them were in critical condition.", "Jean Dupont"),
    ("Prime Minister Jane Holt said 49 people were killed. The PM later said 20 people were "
     "in intensive care.", "Prime Minister Jane Holt"),
])
def test_more_claimant_forms(text, claimant):
    claims = claims_in(text)
    assert claims and claims[-1].claimant == claimant


def test_a_bare_national_institution_takes_the_country_of_the_lede():
    text = ("KATHMANDU, Nepal \u2014 Rescuers dug through rubble on Monday.\n\n"
            "The army said it had deployed 10,000 soldiers to the worst-hit districts.")
    assert only_claim(text).claimant == "Nepali army"


def test_no_country_in_the_lede_leaves_the_institution_bare():
    text = ("DURRES \u2014 Rescuers dug through the rubble of a seafront hotel on Monday as "
            "the coastal city buried its dead and families waited beside the cordon for news. "
            "Aftershocks rattled the damaged blocks through the night and hundreds of residents "
            "slept in tents set up in the football stadium and in the city park.\n\n"
            "Teams from Italy and Greece joined the search. Italy sent 40 firefighters.\n\n"
            "The defence ministry said 49 people were killed.")
    assert [c.claimant for c in claims_in(text) if c.low == 49] == ["The defence ministry"]


@pytest.mark.parametrize(("text", "claimant"), [
    ("Sudan's health minister said the shelling killed 56 people. Health Minister Haitham "
     "Ibrahim visited the market later.", "Health Minister Haitham Ibrahim"),
    ("A monitoring group said 72 people were killed. The Syrian Observatory for Human Rights, a "
     "Britain-based monitoring group, tracks the war through a network of sources.",
     "Syrian Observatory for Human Rights"),
    ("The PM said 49 people were killed. Prime Minister Jacinda Ardern called it a dark day.",
     "Prime Minister Jacinda Ardern"),
    ("India's foreign minister said 14 Indian pilgrims were killed. Health Minister Khalid "
     "Saleh visited the wounded.", "India's foreign minister"),
])
def test_a_described_source_takes_the_name_the_article_gives_it(text, claimant):
    assert only_claim(text).claimant == claimant


@pytest.mark.parametrize(("text", "claimant"), [
    ('Chief Constable Ian Hopkins: "We can now confirm that 22 people have died."',
     "Chief Constable Ian Hopkins"),
    ("Update from Magen David Adom: its teams treated 89 people at the impact sites.",
     "Magen David Adom"),
    ("11:52 IDT Update from Magen David Adom: its teams treated 89 people at the scene.",
     "Magen David Adom"),
    ("Ukraine war: 30 people were killed in Kharkiv overnight.", ""),
])
def test_a_live_blog_speaker_line(text, claimant):
    assert only_claim(text).claimant == claimant


def test_taken_to_hospitals_is_wounded_not_captured():
    claim = only_claim("The ambulance service took 59 people to eight hospitals in the city.")
    assert (claim.metric, claim.low) == ("wounded", 59)


@pytest.mark.parametrize(("text", "claimant"), [
    ("Officials said on Monday, citing preliminary figures, that 45 people had died.",
     "Officials"),
    ("At least 17 people died, the Red Crescent said, citing local officials.",
     "local officials (via the Red Crescent)"),
    ("The UN, citing local authorities, said 120 people were missing.",
     "local authorities (via The UN)"),
    ("The GUR, as the agency is known, said 30 soldiers were killed.", "The GUR"),
    ("The Observatory, which relies on sources on the ground, said 58 people were killed.",
     "The Observatory"),
])
def test_relayed_and_described_sources(text, claimant):
    assert only_claim(text).claimant == claimant


@pytest.mark.parametrize(("text", "claimant"), [
    ("Prime Minister Ariel Henry declared a state of emergency and said at least 304 people "
     "had been killed.", "Prime Minister Ariel Henry"),
    ('"We have buried more than 1,400 bodies," a monk at the monastery told DW.',
     "a monk at the monastery"),
    ("Early on Tuesday, 30 people were killed in the strike.", ""),
    ("Said Ohadi, head of the pilgrimage organisation, said 131 pilgrims were among the dead.",
     "Said Ohadi"),
])
def test_the_subject_of_the_reporting_verb_and_nothing_else(text, claimant):
    assert only_claim(text).claimant == claimant
