"""Figure patterns seen on pages the engine was not tuned on: tolls after their verb,
troop counts, hospital counts, lists, and counts of things that are not victims."""

from __future__ import annotations

import pytest

from .conftest import claims_in


def _facts(text: str) -> list[tuple]:
    return [(c.metric, c.low, c.high) for c in claims_in(text)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The death toll from the landslide rose to 318 on Tuesday.", ("killed", 318, 318)),
    ("By Monday the toll had climbed past 1,650.", ("killed", 1650, None)),
    ("The number of dead has risen to 902, the ministry said.", ("killed", 902, 902)),
    ("The army's death toll passed 4,000 in March.", ("killed", 4000, None)),
    ("Flood toll tops 7,300 as rains return.", ("killed", 7300, None)),
    ("Enemy losses in the valley climb to 2,800, the general staff said.",
     ("casualties", 2800, 2800)),
    ("Its estimate of personnel losses, which stood at 181,000, was published daily.",
     ("casualties", 181000, 181000)),
    ("Rebel deaths were approaching 9,000, the monitors said.", ("killed", 9000, 9000)),
    ("The envoy put the number of dead as high as 80,000.", ("killed", None, 80000)),
])
def test_toll_with_figure_after_its_verb(sentence, expected):
    assert _facts(sentence)[0] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The alliance has about 7,300 troops in the province.", ("deployed", 7300, 7300)),
    ("Some 3,100 blue-helmeted peacekeepers remained at the border.", ("deployed", 3100, 3100)),
    ("The airfield hosts about 2,500 US troops; no one was hurt.", ("deployed", 2500, 2500)),
])
def test_troops_somewhere_are_deployed(sentence, expected):
    assert _facts(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "The kingdom has an estimated 600,000 active-duty troops.",
    "The army is thought to recruit 20,000 new soldiers a month.",
    "Were the junta ever to send 8,000 soldiers, it could lose half of them.",
    "The ministry denied that 250 of its soldiers had surrendered near the river.",
])
def test_army_sizes_and_hypothetical_troops_are_not_claims(sentence):
    assert _facts(sentence) == []


def test_hospital_counts_are_wounded():
    assert _facts("Medics said 48 people had been treated in three hospitals, 21 of whom "
                  "were still being cared for, nine of them in intensive care.") == [
        ("wounded", 48, 48), ("wounded", 21, 21), ("wounded", 9, 9)]
    assert _facts("A nurse said 11 people were being treated for burns.") == [
        ("wounded", 11, 11)]


def test_list_after_the_dead_gives_one_claim_per_group():
    claims = claims_in("The carrier said the dead came from 22 countries, among them 27 "
                       "Italians, 14 Greeks, six Swedes and five Chileans.")
    assert [(c.metric, c.low) for c in claims] == [
        ("killed", 27), ("killed", 14), ("killed", 6), ("killed", 5)]
    assert {c.claimant for c in claims} == {"The carrier"}


def test_coordinated_figures_share_the_metric():
    assert _facts("On the other side, 41 police and three civilians were killed.") == [
        ("killed", 41, 41), ("killed", 3, 3)]
    assert _facts("Guides said 30 people who survived and four people who died were found.") \
        == [("killed", 4, 4)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The bus plunged into a river, killing all 61 people on board.", ("killed", 61, 61)),
    ("Divers recovered the bodies of 17 fishermen.", ("killed", 17, 17)),
    ("A gas blast killed 12 of their co-workers at the plant.", ("killed", 12, 12)),
    ("Its drones had killed more than 30 senior commanders, the army said.",
     ("killed", 30, None)),
])
def test_victims_after_a_kill_verb_or_bodies_of(sentence, expected):
    assert _facts(sentence)[0] == expected


@pytest.mark.parametrize("sentence", [
    "The island was still recovering from three typhoons and storms that killed many.",
    "In 2005, two strong quakes in the south killed 900 people.",
    "Thousands of mourners gathered for the funerals of the miners killed in the blast.",
    "Hundreds of relatives holding photographs of missing sons waited at the gate.",
    "Observers saw one soldier about to be captured near the bridge.",
    "About 1,900 people had been injured, and 2,100 homes destroyed.",
    "The agency said 640 people had been injured and 95 rescued alive.",
    "The group will free 20 hostages, women and men over 60 and the wounded.",
])
def test_counts_of_agents_crowds_and_things_are_not_claims(sentence):
    facts = _facts(sentence)
    assert (("killed", 2, 2) not in facts and ("killed", 3, 3) not in facts
            and not any(f[0] in ("killed", "missing") and f[1] == 200 for f in facts)
            and ("killed", 2000, 9999) not in facts and ("captured", 1, 1) not in facts
            and ("wounded", 2100, 2100) not in facts and ("wounded", 95, 95) not in facts
            and ("wounded", 60, None) not in facts)


def test_semicolon_keeps_a_source_in_its_own_clause():
    claims = claims_in("Storm kills nine in the port; Ankara says 40 dead inland")
    by_figure = {c.low: c.claimant for c in claims}
    assert by_figure[9] == "" and by_figure[40] == "Ankara"
