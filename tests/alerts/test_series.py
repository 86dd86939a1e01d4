"""Which figures belong to one series: whose losses, normalised, and the period kind."""

from __future__ import annotations

import pytest

from handlers.series import period_kind, same_claimant, series_key, topic_side


@pytest.mark.parametrize("subject", ["Palestinians", "people in Gaza", "Gazans",
                                     "the Palestinians"])
def test_one_group_for_the_people_of_gaza(subject):
    assert series_key(subject, "") == "palestine/total"


@pytest.mark.parametrize(("subject", "group"), [
    ("children in Gaza", "palestine/children/total"),
    ("aid workers in Gaza", "palestine/aid-workers/total"),
    ("journalists", "palestine/journalists/total"),
    ("the dead of the Jabalia strike", "palestine/event-jabalia/total"),
])
def test_sub_groups_and_single_events_are_their_own(subject, group):
    assert series_key(subject, "", default_side="palestine") == group


def test_two_earthquakes_never_merge():
    first = series_key("people killed in the Myanmar earthquake", "")
    second = series_key("people killed in the Herat earthquake", "")
    assert first != second and "event" in first


@pytest.mark.parametrize(("period", "kind"), [
    ("", "total"),
    ("in the last week alone", "window"),
    ("in the past 24 hours", "window"),
    ("since late October", "window"),
    ("a day", "window"),
    ("at the weekend", "total"),
    ("on Saturday", "total"),
    ("overnight", "total"),
])
def test_period_kind(period, kind):
    assert period_kind(period) == kind


def test_unsided_figure_counts_the_topics_people():
    side = topic_side("dprk", "North Korean troops in Russia's war", ("North Korea",))
    assert side == "north-korea"
    assert series_key("troops", "", default_side=side) == series_key("North Korean soldiers", "")


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Zelenskyy", "President Volodymyr Zelensky", True),
    ("the GUR", "GUR", True),
    ("Washington and Kyiv", "President Volodymyr Zelensky", False),
    ("", "", True),
    ("", "the GUR", False),
])
def test_claimant_normalisation(first, second, same):
    assert same_claimant(first, second) is same
