"""The alert rule as a table: a series' earlier claims, a new claim, the expected decision."""

from __future__ import annotations

from dataclasses import replace

import pytest

from handlers.alert_rule import (
    CHANGE,
    CONSISTENT,
    FIRST,
    INCREMENT,
    KNOWN,
    OLDER,
    PART,
    REVISION,
    VAGUE,
    current_estimate,
    decide,
)
from handlers.alerts import describe_change
from tests.alerts.helpers import claim

GUR_30 = claim(1, 30, 30, approx=True, qualifier="about", claimant="the GUR",
               made_on="2024-12-16")
US_HUNDREDS = claim(2, 200, 900, qualifier="several hundred",
                    claimant="a senior US military official", made_on="2024-12-18")
ZELENSKYY_3000 = claim(3, 3000, None, qualifier="more than", claimant="Zelenskyy",
                       made_on="2024-12-23")
DEPLOYED = claim(10, 10_000, 12_000, metric="deployed", claimant="Washington and Kyiv")

CASES = [
    # (name, history, new, alert, reason, compared with)
    ("first of its series", [], GUR_30, True, FIRST, None),
    ("range beyond the current estimate", [GUR_30], US_HUNDREDS, True, CHANGE, 1),
    ("open bound doubles: more than 3,000 -> more than 6,000",
     [GUR_30, US_HUNDREDS, ZELENSKYY_3000],
     claim(4, 6000, None, qualifier="more than", claimant="UK Ministry of Defence",
           made_on="2025-06-15"), True, CHANGE, 3),
    ("open bound nudged within reach: more than 3,000 -> 3,400 (another source)",
     [ZELENSKYY_3000], claim(4, 3400, 3400, claimant="an analyst", made_on="2024-12-24"),
     False, CONSISTENT, 3),
    ("exact toll updated by another source: 100 -> 104",
     [claim(1, 100, 100, claimant="health ministry")],
     claim(2, 104, 104, claimant="civil defence", made_on="2024-12-18"), True, CHANGE, 1),
    ("claimant revises their own figure, even within reach: about 100 -> 104",
     [claim(1, 100, 100, approx=True, claimant="health ministry")],
     claim(2, 104, 104, claimant="the health ministry", made_on="2024-12-18"),
     True, REVISION, 1),
    ("about 100 -> 104 by someone else is consistent",
     [claim(1, 100, 100, approx=True, claimant="health ministry")],
     claim(2, 104, 104, claimant="civil defence", made_on="2024-12-18"),
     False, CONSISTENT, 1),
    ("vague and compatible: thousands after 10,000 to 12,000", [DEPLOYED],
     claim(11, 2000, 9999, metric="deployed", qualifier="thousands", made_on="2024-12-18"),
     False, VAGUE, 10),
    ("unattributed lower figure is compatible", [ZELENSKYY_3000],
     claim(4, 500, 500, made_on="2024-12-24"), False, VAGUE, 3),
    ("unattributed figure beyond the estimate alerts", [ZELENSKYY_3000],
     claim(4, 9000, 9000, made_on="2024-12-24"), True, CHANGE, 3),
    ("vague figure beyond the estimate alerts",
     [claim(1, 300, 300, claimant="the army")],
     claim(2, 2000, 9999, qualifier="thousands", claimant="a monitor",
           made_on="2024-12-20"), True, CHANGE, 1),
    ("a figure made earlier than the current estimate joins silently",
     [GUR_30, ZELENSKYY_3000], claim(5, 200, 900, claimant="a US official",
                                     made_on="2024-12-18"), False, OLDER, 3),
    ("an increment is not a new total", [DEPLOYED],
     claim(12, 3000, 3000, metric="deployed", increment=True, claimant="Seoul",
           made_on="2025-06-01"), False, INCREMENT, 10),
    ("approximately 11,000 sits inside 10,000 to 12,000", [DEPLOYED],
     claim(13, 11_000, 11_000, metric="deployed", approx=True, claimant="UK Ministry of Defence",
           made_on="2025-06-15"), False, CONSISTENT, 10),
    ("the same range from a new claimant is a known figure", [DEPLOYED],
     claim(14, 10_000, 12_000, metric="deployed", claimant="Zelensky", made_on="2024-12-18"),
     False, KNOWN, 10),
    ("one night's toll is a dated part of the total, not a new total",
     [claim(1, 50_000, None, qualifier="more than", claimant="health ministry")],
     replace(claim(2, 40, 40, claimant="civil defence", made_on="2024-12-18"),
             period="overnight"),
     False, PART, 1),
]


def _ids(cases):
    return [case[0] for case in cases]


@pytest.mark.parametrize(("name", "history", "new", "alert", "reason", "previous_id"), CASES,
                         ids=_ids(CASES))
def test_rule(name, history, new, alert, reason, previous_id):
    decision = decide(new, [*history, new])
    assert (decision.alert, decision.reason) == (alert, reason)
    assert (decision.previous.id if decision.previous else None) == previous_id


def test_vague_figure_never_becomes_the_current_estimate():
    thousands = claim(11, 2000, 9999, metric="deployed", qualifier="thousands",
                      made_on="2024-12-18")
    assert current_estimate([DEPLOYED, thousands]) == DEPLOYED


def test_older_statement_never_becomes_current():
    late_report = claim(5, 200, 900, claimant="a US official", made_on="2024-12-18")
    assert current_estimate([ZELENSKYY_3000, late_report]) == ZELENSKYY_3000


@pytest.mark.parametrize(("before", "after", "text"), [
    (claim(1, 3000, None), claim(2, 6000, None), "×2"),
    (claim(1, 100, 100), claim(2, 104, 104), "+4"),
    (claim(1, 30, 30), claim(2, 200, 900), "×18"),
    (claim(1, 1000, 1000), claim(2, 700, 700), "−300"),
    (claim(1, 900, 900), claim(2, 300, 300), "÷3"),
    (claim(1, 10_000, 12_000), claim(2, 11_000, 11_000), "revised"),
])
def test_change_says_how_much(before, after, text):
    assert describe_change(after, before) == text
