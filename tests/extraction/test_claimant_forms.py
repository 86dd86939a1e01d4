"""Claimant forms met on wire and broadcaster pages: datelines, appositives, lower-case
institutions, names that contain a reporting verb."""

from __future__ import annotations

import pytest

from .conftest import claims_in


@pytest.mark.parametrize(("text", "claimant"), [
    ("LIMA, May 2 (Andes Wire) - The regional government said 44 people had died.",
     "The regional government"),
    ("OSLO - Norwegian officials said on Monday that 19 bodies had been recovered.",
     "Norwegian officials"),
    ("Eleven people were confirmed dead, the coast guard said on Friday evening.",
     "the coast guard"),
    ("Three workers were injured, according to the plant's operator, Borealis Power.",
     "Borealis Power"),
    ("KIRA, a Vienna-based group that tracks the region, said it had counted 310 deaths.",
     "KIRA"),
    ("Colonel Ana Ruiz, head of the southern command, said 15 soldiers had been killed.",
     "Colonel Ana Ruiz"),
])
def test_claimant_is_the_source_not_its_surroundings(text, claimant):
    assert claims_in(text)[0].claimant == claimant


def test_capitalised_states_in_a_name_is_not_a_reporting_verb():
    claims = claims_in("The United States pressed on with the airlift. Its envoy spoke. "
                       "Later, 22 people were killed in a second blast.")
    assert "United" not in claims[0].claimant


def test_named_source_replaces_a_summary_reference_to_it():
    claims = claims_in("- At least 52 people killed, the health minister says\n"
                       "Health Minister Olena Dvir says at least 52 people have been killed.")
    assert [c.claimant for c in claims] == ["Health Minister Olena Dvir"]
