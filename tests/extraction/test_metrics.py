"""What a figure counts, and the figures that are not casualty claims at all."""

from __future__ import annotations

import pytest

from .conftest import claims_in, only_claim


@pytest.mark.parametrize(("sentence", "metric", "low"), [
    ("Rescuers said 41 villagers were killed by the landslide.", "killed", 41),
    ("The death toll from the blast has risen to 212, police said.", "killed", 212),
    ("Hospital staff counted 17 dead after the shelling.", "killed", 17),
    ("Nineteen passengers lost their lives when the bus overturned.", "killed", 19),
    ("The army confirmed 9 fatalities among its engineers.", "killed", 9),
    ("The brigade listed 14 soldiers as KIA in the spring fighting.", "killed", 14),
    ("At least 63 people died in the fire, the governor said.", "killed", 63),
    ("The strike wounded 48 people, medics said.", "wounded", 48),
    ("About 120 people were injured in the stampede.", "wounded", 120),
    ("Officials said 33 residents were hurt by falling glass.", "wounded", 33),
    ("Some 300 soldiers were killed or wounded near the river.", "casualties", 300),
    ("More than 2,000 fighters have been killed and injured, he said.", "casualties", 2000),
    ("The regiment suffered 650 casualties in a month.", "casualties", 650),
    ("The army has lost 5,100 troops killed or wounded this year.", "casualties", 5100),
    ("Police said 27 climbers are still missing on the mountain.", "missing", 27),
    ("Another 8 fishermen remain unaccounted for, the coastguard said.", "missing", 8),
    ("Kyiv says its forces have captured 45 Russian soldiers.", "captured", 45),
    ("The militia took 70 hostages during the raid.", "captured", 70),
    ("Twelve sailors were taken prisoner, the navy said.", "captured", 12),
    ("The government has sent 2,500 troops to the border region.", "deployed", 2500),
    ("Roughly 900 marines were deployed to the island last year.", "deployed", 900),
    ("Minsk dispatched 600 soldiers to the exercise, officials said.", "deployed", 600),
])
def test_metric_words(sentence, metric, low):
    claim = only_claim(sentence)
    assert (claim.metric, claim.low) == (metric, low)


def test_metric_far_from_figure_in_one_sentence():
    claim = only_claim(
        "“Several thousand casualties is the number our analysts believe the brigade has "
        "taken,” a Western diplomat said."
    )
    assert (claim.metric, claim.low, claim.high) == ("casualties", 2000, 9000)
    assert claim.qualifier == "Several thousand"


def test_killed_and_wounded_with_two_figures_are_two_claims():
    claims = claims_in("The storm left 12 dead and 85 injured across the province.")
    assert [(c.metric, c.low) for c in claims] == [("killed", 12), ("wounded", 85)]


def test_active_verbs_with_two_objects_keep_their_own_metric():
    claims = claims_in("The drone strike killed 14 people and wounded at least 40, police said.")
    assert [(c.metric, c.low, c.high) for c in claims] == [
        ("killed", 14, 14), ("wounded", 40, None)]


def test_bound_binds_only_the_figure_it_precedes():
    claims = claims_in("At least 310 were killed and 1,045 wounded, the ministry said.")
    assert [(c.metric, c.low, c.high) for c in claims] == [
        ("killed", 310, None), ("wounded", 1045, 1045)]


def test_breakdown_of_a_total_is_its_own_claim():
    claims = claims_in("The shelling killed 26 people, including seven children, officials said.")
    assert [(c.metric, c.low, c.subject) for c in claims] == [
        ("killed", 26, "people"), ("killed", 7, "children")]
    assert claims[1].claimant == claims[0].claimant == "officials"


def test_breakdown_of_them_inherits_the_metric():
    claims = claims_in("A further 230 people were injured, 31 of them critically.")
    assert [(c.metric, c.low) for c in claims] == [("wounded", 230), ("wounded", 31)]


def test_object_of_active_verb_is_whose_losses():
    claim = only_claim("Ukrainian artillery killed 45 Russian paratroopers near the bridge.")
    assert claim.subject == "Russian paratroopers"
    assert claim.topics == ("ukraine-war",)


def test_their_resolves_from_the_sentence_before():
    claims = claims_in(
        "North Korean units were thrown into the assault near the village. "
        "Commanders said they lost 400 of their soldiers killed or wounded in three days."
    )
    assert len(claims) == 1
    assert claims[0].metric == "casualties"
    assert "North Korean" in claims[0].subject


def test_increment_is_marked():
    claim = only_claim("Divers recovered 6 more bodies from the wreck on Tuesday.")
    assert (claim.metric, claim.low, claim.increment) == ("killed", 6, True)
    claim = only_claim("The country sent around 1,800 additional troops to the front.")
    assert (claim.metric, claim.increment) == ("deployed", True)


@pytest.mark.parametrize("sentence", [
    "The coastguard impounded 31 vessels and fined their owners $2.5m.",
    "Some 20,000 protesters marched through the capital on Saturday.",
    "The new rules will affect one billion people worldwide.",
    "The 47th Mechanised Brigade moved 12 km north.",
    "He was the 30th victim identified by the coroner.",
    "The general was killed in the blast, officials said.",
    "No casualties were reported after the 5.2 tremor.",
    "The ministry said there were no deaths among the 400 passengers.",
    "The army could lose up to 8,000 soldiers if the offensive stalls.",
    "A collapse of the dam would leave up to 3,000 people injured, planners warned.",
    "The ministry denied reports that 150 soldiers had been killed in the ambush.",
    "The agency detained 14 suspected spies last month.",
    "Rescuers evacuated 2,300 residents and pulled 40 people from the rubble alive.",
    "The bill, number 11842, passed by 301 votes to 12.",
    "The 1950-53 war ended in an armistice.",
])
def test_not_claims(sentence):
    assert claims_in(sentence) == []


def test_repeated_paragraph_is_one_claim():
    paragraph = "The health ministry said 1,932 people had been killed since the war began."
    claims = claims_in("\n\n".join([paragraph, "Other news follows.", paragraph]))
    assert len(claims) == 1


def test_same_figure_from_two_distinct_sources_is_kept_twice():
    claims = claims_in(
        "Kyiv says 7,000 enemy troops were deployed to the sector.\n"
        "Separately, the Pentagon said 7,000 enemy troops were deployed to the sector."
    )
    assert len(claims) == 2


@pytest.mark.parametrize(("sentence", "expected"), [
    # the verb lies past an aside that names a sub-group
    ("At least 71 people, including 14 children, have been killed, the monitor said.",
     [("killed", 71), ("killed", 14)]),
    ("The charity said five of its workers, among them two nurses, were killed in the raid.",
     [("killed", 5), ("killed", 2)]),
    ("Nine migrants, among them a baby, are missing after the boat sank, the coastguard said.",
     [("missing", 9)]),
    ("More than 800 passengers \u2014 tourists, pilgrims and crew who had boarded at dawn \u2014 "
     "were missing.", [("missing", 800)]),
])
def test_an_aside_between_figure_and_verb(sentence, expected):
    assert [(c.metric, c.low) for c in claims_in(sentence)] == expected


def test_an_aside_followed_by_a_new_clause_ends_the_noun_phrase():
    claims = claims_in("The shelling killed 26 people, including seven children, officials said.")
    assert claims[0].subject == "people"


@pytest.mark.parametrize(("sentence", "metric"), [
    ("Gunmen later said 64 hostages had been killed inside the hotel.", "killed"),
    ("Prosecutors said 212 hostages, including 87 children, were killed in the siege.", "killed"),
    ("Moscow said 52 prisoners of war had died in the shelling of the camp.", "killed"),
    ("Soldiers entering the house found the bodies of four hostages.", "killed"),
    ("The guards shot dead 11 prisoners during the riot, the inquiry found.", "killed"),
    ("The militants are still holding 130 hostages, officials said.", "captured"),
    ("Rebels said they had taken 45 prisoners near the dam.", "captured"),
])
def test_captives_later_killed_count_as_killed(sentence, metric):
    assert all(c.metric == metric for c in claims_in(sentence)) and claims_in(sentence)


@pytest.mark.parametrize(("sentence", "metric", "high"), [
    ("The mayor said as many as 4,000 people may have died in the province alone.",
     "killed", 4000),
    ("The agency said as many as 300 people may be missing.", "missing", 300),
])
def test_an_estimate_with_a_modal_is_still_a_claim(sentence, metric, high):
    claim = only_claim(sentence)
    assert (claim.metric, claim.high) == (metric, high)


@pytest.mark.parametrize("sentence", [
    "The governor said the toll could rise to 500.",
    "Officials warned that 2,000 people could be killed if the dam failed.",
])
def test_a_projection_is_still_not_a_claim(sentence):
    assert claims_in(sentence) == []


@pytest.mark.parametrize(("sentence", "metric", "low", "high"), [
    ('The spokesman said there had been "under 50" civilian casualties.', "casualties", None,
     50),
    ('An official said the rebels had suffered "several hundred" casualties in the battle.',
     "casualties", 200, 900),
])
def test_a_quoted_figure_still_meets_its_metric(sentence, metric, low, high):
    claim = only_claim(sentence)
    assert (claim.metric, claim.low, claim.high) == (metric, low, high)


def test_a_window_in_a_comparison_belongs_to_the_other_figure():
    claim = only_claim("The army has suffered 400 casualties, a senior official said, far more "
                       "than the toll given by Kyiv earlier this week.")
    assert claim.period == ""


@pytest.mark.parametrize(("sentence", "metric", "low"), [
    ("The death toll from Thursday's drone attack on a crowded market in the northern city of "
     "Sumy has risen to 31, officials said.", "killed", 31),
    ("The interior ministry put the number of civilians killed in the two villages at 140.",
     "killed", 140),
    ("The number of children injured in the strikes has reached 52, the agency said.",
     "wounded", 52),
])
def test_a_tally_noun_far_from_its_figure(sentence, metric, low):
    claim = only_claim(sentence)
    assert (claim.metric, claim.low) == (metric, low)


def test_the_number_put_at_restates_the_previous_figure():
    claims = claims_in("Western intelligence says 8,000 troops were sent to the border. "
                       "Kyiv has put the figure at 9,000-10,000.")
    assert [(c.metric, c.low, c.high, c.claimant, c.subject) for c in claims] == [
        ("deployed", 8000, 8000, "Western intelligence", "troops"),
        ("deployed", 9000, 10000, "Kyiv", "troops")]


def test_the_number_put_at_in_the_same_sentence():
    claims = claims_in("The ministry said 2,000 soldiers had been killed in the offensive, while "
                       "the UN put the number at more than 1,500.")
    assert [(c.metric, c.low, c.claimant) for c in claims] == [
        ("killed", 2000, "The ministry"), ("killed", 1500, "the UN")]


@pytest.mark.parametrize(("sentence", "lows"), [
    ("The war has killed 150,000 people, the monitor said, and forced more than 6 million from "
     "their homes.", [150_000]),
    ("The floods killed 1,200 people and left 3 million homeless.", [1200]),
    ("The agency said 40,000 body bags had been sent to the region.", []),
])
def test_figures_that_count_no_victims_beside_ones_that_do(sentence, lows):
    assert [c.low for c in claims_in(sentence)] == lows


@pytest.mark.parametrize(("sentence", "expected"), [
    ('The army said it had killed "dozens of rebels" in the raid.', [("killed", 24)]),
    ('The general staff said 140 "militants" were "neutralised" in the operation.',
     [("killed", 140)]),
    ("The governor said 12 bodies had been recovered and 47 people had sought medical help.",
     [("killed", 12), ("wounded", 47)]),
    ("Shelling killed six civilians and wounded 19 others who had gathered at a water point.",
     [("killed", 6), ("wounded", 19)]),
    ("The number of migrants who died after being locked in a lorry near the border rose to "
     "39 on Tuesday, police said.", [("killed", 39)]),
    ("Nine people, including two children, were taken to hospitals with burns.",
     [("wounded", 9), ("wounded", 2)]),
    ("A total of 214 people, more than half of them women, died in the fire.",
     [("killed", 214)]),
    ("About 1,900 more people, it said, were missing under the rubble.", [("missing", 1900)]),
    ("Officials said 150 people were now known to be held in the tunnels.",
     [("captured", 150)]),
    ("Up to 2,000 troops could be deployed to the region, the ministry said.",
     [("deployed", None)]),
    ("The UN rights office said it had documented the killing of at least 2,100 civilians.",
     [("killed", 2100)]),
    ("Medics said they had treated 64 people at the scene.", [("wounded", 64)]),
    ("Paramedics took 40 people to hospital after the crash.", [("wounded", 40)]),
    ("Eleven people were killed in Accumoli and 46 in Arquata.", [("killed", 11),
                                                                   ("killed", 46)]),
    ("The war has killed 20,000 people, UN figures show, and left more than half of the "
     "country's 30 million people short of food.", [("killed", 20000)]),
])
def test_more_ways_news_copy_ties_a_figure_to_its_metric(sentence, expected):
    assert [(c.metric, c.low) for c in claims_in(sentence)] == expected


@pytest.mark.parametrize(("sentence", "evidence"), [
    ("Officials in the two capitals said on Tuesday that Pyongyang had sent 10,000 to 12,000 "
     "soldiers to fight.", "sent 10,000 to 12,000 soldiers"),
    ("A long preamble about the weather and the roads before the shelling killing 14 people.",
     "killing 14 people"),
])
def test_evidence_starts_at_the_verb_before_the_figure(sentence, evidence):
    assert only_claim(sentence).evidence.startswith(evidence)


def test_a_hypothetical_far_before_the_verb_is_still_seen():
    assert claims_in("Last year, planners assumed a quake beneath the city that would leave "
                     "up to 1,500 injured.") == []


def test_a_part_of_a_whole_meets_the_verb_and_the_whole_is_no_claim():
    claims = claims_in("The jet crashed near the coast, and 38 of the 67 people on board were "
                       "killed.")
    assert [(c.metric, c.low) for c in claims] == [("killed", 38)]


def test_a_part_of_a_counted_group_keeps_both_figures():
    claims = claims_in("Officials said 12 of the 30 wounded were children.")
    assert ("wounded", 30) in [(c.metric, c.low) for c in claims]


def test_every_item_of_a_list_meets_the_verb_after_the_list():
    claims = claims_in("The minister said 142 students, four police officers and three "
                       "soldiers were among the dead.")
    assert sorted((c.metric, c.low) for c in claims) == [
        ("killed", 3), ("killed", 4), ("killed", 142)]


def test_a_comma_before_a_clause_of_its_own_is_no_list():
    claims = claims_in("Around 1,000 people were injured, 100 of them seriously, and 15 were "
                       "still unaccounted for, officials said.")
    assert ("missing", 100) not in [(c.metric, c.low) for c in claims]
    assert ("missing", 15) in [(c.metric, c.low) for c in claims]


@pytest.mark.parametrize(("sentence", "expected"), [
    ('"We lost 30 members of our family," said a man in the village.', [("killed", 30)]),
    ("The army said it had lost 30 soldiers in the battle.", [("casualties", 30)]),
    ("Some 3,600 Kenyan troops serve with the African Union force fighting the militants.",
     [("deployed", 3600)]),
    ("That includes some 3,000 reinforcements dispatched in January, he said.",
     [("deployed", 3000)]),
])
def test_who_was_lost_or_sent(sentence, expected):
    assert [(c.metric, c.low) for c in claims_in(sentence)] == expected


def test_the_parts_a_tally_includes_break_down_the_figure_before():
    claims = claims_in("More than 1,300 people had been killed, the monitor said. Its count "
                       "includes 231 members of the security forces and 148 fighters.")
    assert [(c.metric, c.low, c.claimant) for c in claims] == [
        ("killed", 1300, "the monitor"), ("killed", 231, "the monitor"),
        ("killed", 148, "the monitor")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The death toll rose to 92, up from 84 on Thursday, officials said.",
     [("killed", 92, "officials", ""), ("killed", 84, "officials", "")]),
    ("At least 5,900 people were injured, up from 5,700 on Sunday, the agency said.",
     [("wounded", 5900, "the agency", ""), ("wounded", 5700, "the agency", "")]),
    ("The toll climbed to 56 on Sunday, up from a total of 42 on Saturday, the agency said.",
     [("killed", 56, "the agency", ""), ("killed", 42, "the agency", "")]),
    ("The minister gave the new toll, up from 16 dead reported earlier by the governor.",
     [("killed", 16, "the governor", "")]),
])
def test_the_earlier_figure_a_toll_rose_from(sentence, expected):
    assert [(c.metric, c.low, c.claimant, c.period) for c in claims_in(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The party disputed the official count, saying its own tally showed 128 people had been "
     "killed.", [("killed", 128, 128, "The party")]),
    ('The army has disputed that figure, saying the number of people killed "has so far not '
     'exceeded 150".', [("killed", None, 150, "The army")]),
    ("The army denied that 40 civilians were killed.", []),
])
def test_a_denial_then_the_deniers_own_figure(sentence, expected):
    assert [(c.metric, c.low, c.high, c.claimant) for c in claims_in(sentence)] == expected


def test_a_sentence_breaking_down_the_dead_before_it():
    claims = claims_in("At least 68 journalists have been killed, the group said. Of those "
                       "killed, 61 were local, four were foreign and three were freelancers.")
    assert [(c.metric, c.low, c.subject) for c in claims][1:] == [
        ("killed", 61, "local"), ("killed", 4, "foreign"), ("killed", 3, "freelancers")]


def test_a_part_of_them_between_a_figure_and_its_verb():
    claims = claims_in("Health officials said 60 people, 20 of them children, had died.")
    assert [(c.metric, c.low, c.subject) for c in claims] == [
        ("killed", 60, "people"), ("killed", 20, "children")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The toll had risen to 15, from 13 on Monday, police said.", [15, 13]),
    ("Officials revised the toll down to 125, from 174 previously.", [125, 174]),
    ("The toll rose to 40, the highest figure from 12 villages so far.", [40]),
])
def test_a_bare_from_gives_an_earlier_figure_only_with_its_time(sentence, expected):
    assert [c.low for c in claims_in(sentence)] == expected
