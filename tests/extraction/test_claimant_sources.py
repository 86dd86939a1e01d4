"""Claimants that generalise across outlets: bare institutions keep the place they speak
for, reports and investigations are sources, appositives and relative clauses between a
source and its verb do not hide it."""

from __future__ import annotations

import pytest

from .conftest import claims_in, only_claim


@pytest.mark.parametrize(("text", "claimant"), [
    ("In neighbouring Honduras, at least 31 people died in the floods, officials there said.",
     "Honduran officials"),
    ("In Ardahan province, near the border, officials said 48 people had been killed.",
     "officials in Ardahan province"),
    ("The number of people killed by landslides in northern Peru rose to 63, the government "
     "said.", "Peruvian government"),
    ("Israeli troops left the camp after a raid that the military said killed about 40 "
     "gunmen.", "Israeli military"),
])
def test_a_bare_institution_keeps_its_place(text, claimant):
    assert claims_in(text)[0].claimant == claimant


@pytest.mark.parametrize("text", [
    "Norway's coastal rescue service said 9 fishermen were missing.",
    "Norway's military said 12 of its soldiers had been wounded.",
])
def test_a_source_keeps_the_possessive_form_the_article_gives(text):
    # the guide writes a claimant "as named": "Norway's military", not "Norwegian military"
    assert claims_in(text)[0].claimant.startswith("Norway's ")


def test_an_institution_without_a_place_stays_bare():
    assert claims_in("At least 17 people were killed, officials said.")[0].claimant == "officials"


@pytest.mark.parametrize(("text", "claimant"), [
    ("Internal papers that emerged in March estimated that 4,200 fighters had been killed.",
     "Internal papers"),
    ("A Reuters review later concluded that close to 350 people had died in the fire.",
     "A Reuters review"),
    ("Amnesty International, working with local lawyers, estimated in a new report that at "
     "least 2,150 people died in the camps.", "Amnesty International"),
    ("The UN monitoring team has verified 912 civilian deaths in the province.",
     "The UN monitoring team"),
    ("Chile's envoy to the council, Marta Ibarra, had told members on Friday that 58 people "
     "were killed.", "Marta Ibarra"),
    ("The Coastal Rights Observatory (CRO), a Lisbon-based group that tracks migrants, put "
     "the toll at 214 dead.", "The Coastal Rights Observatory (CRO)"),
    ("The army has sent about 6,000 troops to the border, the KSA was quoted as saying.",
     "the KSA"),
])
def test_reports_and_interrupted_sources_are_credited(text, claimant):
    assert claims_in(text)[0].claimant == claimant


@pytest.mark.parametrize(("text", "claimant"), [
    ('"Our crews have pulled 14 bodies from the rubble so far. The work goes on all night," '
     "Lena Moro, head of the city rescue service, told local radio.", "Lena Moro"),
    ('"We have admitted more than 140 wounded since Sunday. Most are children," a nurse at '
     "a Kharkiv clinic told Reuters.", "a nurse at a Kharkiv clinic"),
])
def test_a_quote_is_credited_to_the_speaker_named_where_it_closes(text, claimant):
    assert claims_in(text)[0].claimant == claimant


@pytest.mark.parametrize(("text", "claimant"), [
    ("The Dutch Ministry of Defence said it was reviewing the figures. The MoD said "
     "about 40 soldiers had been wounded.", "Dutch Ministry of Defence (MoD)"),
    ("Artsen Zonder Grenzen runs the clinic. Since May, 512 wounded people were treated "
     "there, AZG said.", "Artsen Zonder Grenzen (AZG)"),
    ("The National Search and Rescue Agency (BSN) leads the search. BSN said 27 people were "
     "missing.", "National Search and Rescue Agency (BSN)"),
])
def test_an_acronym_is_spelled_out_from_the_article(text, claimant):
    assert claims_in(text)[-1].claimant == claimant


def test_a_clause_with_a_modal_is_not_a_source_for_a_later_pronoun():
    claims = claims_in("Her numbers could not be independently verified. The navy has not "
                       "updated its toll since May, when it said 311 sailors had been killed.")
    assert "numbers" not in claims[0].claimant


@pytest.mark.parametrize(("text", "claimant"), [
    ("In the north, the Harbor Watch, a group that monitors abuses in the region, said last "
     "week that gunmen had killed more than 40 villagers.", "the Harbor Watch"),
    ("The ministry, part of the rebel-run administration, said 212 people were wounded.",
     "The ministry"),
    ("Marwani, the head of the Civil Protection Agency (CPA), who goes by one name, told "
     "reporters that 151 people were still missing.", "Marwani"),
    ("In Port Vela, the civil defence agency, which runs the rescue teams, said 40 people "
     "were killed.", "the civil defence agency"),
])
def test_an_appositive_between_source_and_verb_is_not_the_source(text, claimant):
    assert only_claim(text).claimant == claimant


@pytest.mark.parametrize(("text", "claimant"), [
    ("Mr Varga gave the first update on losses since May, saying 512 soldiers had been "
     "killed.", "Mr Varga"),
    ("The ministry issued a statement on Monday, saying 40 people had been killed.",
     "The ministry"),
    ("On Tuesday, the armed forces released new figures, saying 212 soldiers had been "
     "wounded.", "the armed forces"),
])
def test_saying_credits_the_subject_of_its_clause(text, claimant):
    assert only_claim(text).claimant == claimant


def test_a_group_claiming_an_attack_is_not_asserting_its_toll():
    claims = claims_in("No group has claimed responsibility. The group also claimed the "
                       "bombing of a bus that killed 12 people.")
    assert [(c.low, c.claimant) for c in claims] == [(12, "")]


@pytest.mark.parametrize(("text", "claimant"), [
    ("Gunmen have killed 212 civilians in the hill districts since Friday, a rights monitor "
     "said on Sunday.\n\nThe Kestrel Watch said the killings were reprisals for an ambush.",
     "Kestrel Watch"),
    ("The Ruritanian Intelligence Directorate (RID) said it had briefed lawmakers. Ruritania's "
     "spy agency said 300 of its soldiers had been killed.",
     "Ruritanian Intelligence Directorate (RID)"),
    ("The Harbor Press Union said on Friday that it was counting its losses. The press "
     "freedom group said 14 journalists had been killed.", "Harbor Press Union"),
    ("The Harbor Press Union said on Friday that it was counting its losses.\n\nMost of them "
     "were local reporters, the Lisbon-based group said. It said 14 journalists had been "
     "wounded.", "Harbor Press Union"),
])
def test_a_described_body_is_the_one_named_beside_it(text, claimant):
    assert only_claim(text).claimant == claimant


def test_a_described_body_is_not_a_body_of_another_kind():
    claims = claims_in("Kordavia's state news agency said 20 people had died in the north. "
                       "The Valley Climbing Association said 3 climbers were missing.")
    assert [c.claimant for c in claims] == ["Kordavia's state news agency",
                                            "The Valley Climbing Association"]


@pytest.mark.parametrize(("text", "claimant"), [
    ("The number of people killed when missiles hit a convoy rose to 30 on Saturday, the "
     "regional governor said. Governor Ana Pires said the wounded were in hospital.",
     "Governor Ana Pires"),
    ("The toll from the attack on the mosque rose to 305, the country's public prosecutor "
     "said on Saturday. Prosecutor General Tomas Brell said the attackers had fled.",
     "Prosecutor General Tomas Brell"),
])
def test_a_ranked_role_is_the_holder_the_article_names(text, claimant):
    assert only_claim(text).claimant == claimant


def test_a_role_with_another_portfolio_is_not_that_holder():
    claims = claims_in("The flood killed 41 people, the foreign minister said. Health "
                       "Minister Olena Dvir visited the hospital.")
    assert [c.claimant for c in claims] == ["the foreign minister"]


def test_the_sentence_after_a_figure_may_name_its_source():
    claims = claims_in("Rescuers pulled a woman alive from the ruins, even as the number of "
                       "dead climbed to 235.\n\nThe figure was given by the civil protection "
                       "department at an evening briefing in the city.")
    assert [(c.low, c.claimant) for c in claims] == [(235, "the civil protection department")]


def test_a_breakdown_with_a_source_credits_the_total_before_it():
    claims = claims_in("The confirmed death toll rose to 92, up from 84 on Thursday. Of the "
                       "dead, 52 were in Wajima and 23 in Suzu, according to the prefecture.")
    assert {(c.low, c.claimant) for c in claims} == {
        (92, "the prefecture"), (84, "the prefecture"), (52, "the prefecture"),
        (23, "the prefecture")}
    assert claims[0].period == ""  # "up from 84 on Thursday" dates the earlier figure


def test_a_sentence_after_that_does_not_name_a_source_leaves_the_figure_unattributed():
    claims = claims_in("The death toll rose to 92. The figure is expected to rise.")
    assert [(c.low, c.claimant) for c in claims] == [(92, "")]


@pytest.mark.parametrize(("text", "claimant"), [
    ("The UN human rights office said on Friday it had recorded 798 killings.",
     "The UN human rights office"),
    ("The figure compares with 253 casualties in May, the ministry said in its weekly update "
     "on the war, posted online.", "the ministry"),
    ("The independent outlet Vestnik, working with volunteers, has confirmed the deaths of "
     "more than 8,000 soldiers by name.", "Vestnik"),
    ("Said Karimi, the consul, said 131 pilgrims were among the dead.", "Said Karimi"),
])
def test_a_source_is_a_name_not_a_clause(text, claimant):
    assert only_claim(text).claimant == claimant


def test_the_agency_is_the_body_named_before_it_gave_its_account():
    claims = claims_in("Ruritania's National Intelligence Service (NIS) has given the most "
                       "detailed account so far. On Oct. 18 the agency said 12,000 troops had "
                       "been sent.")
    assert [c.claimant for c in claims] == ["Ruritania's National Intelligence Service (NIS)"]


def test_earlier_counts_are_no_source():
    claims = claims_in("Earlier counts had put the death toll at 19.")
    assert [(c.low, c.claimant) for c in claims] == [(19, "")]


@pytest.mark.parametrize(("text", "claimant"), [
    ("The Valley Monitoring Service said on Monday that 40 people had been killed, lawmaker "
     "Ana Pires told reporters. In January it put the losses at about 300 killed.",
     "The Valley Monitoring Service"),
    ("Governor Ana Pires said rescuers had reached the site, the ministry said. She said 12 "
     "people had died.", "Governor Ana Pires"),
    ("Pires said rescuers had reached the valley, officials said. He said 30 more people "
     "were missing.", "Pires"),
])
def test_it_is_a_body_and_he_or_she_a_person(text, claimant):
    assert claims_in(text)[-1].claimant == claimant


def test_its_investigators_speak_for_the_body_last_named():
    claims = claims_in("The Harbor Rights Office said it had sent a team to the town. Its "
                       "investigators said at least 500 people had been killed.")
    assert [c.claimant for c in claims] == ["The Harbor Rights Office"]


def test_a_news_briefs_place_label_gives_the_bare_institution_its_country():
    claims = claims_in("Turkey: A court arrested the mayor, officials said.\n\nNiger: The "
                       "defence ministry said 44 civilians were killed in an attack.")
    assert [c.claimant for c in claims] == ["Niger's defence ministry"]
