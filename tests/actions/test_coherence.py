"""Every coherence rule on hand-built strategies (no database)."""

from dataclasses import replace
from datetime import date

import pytest

from actions import coherence
from actions.coherence import RULES, Severity, SuggestionSource, evaluate, findings, score
from actions.strategy import (
    FEATURES,
    Challenge,
    PolicyItem,
    balance_distance,
    kernel,
    planned_effort,
    shares,
)
from tests.actions.strategies import ANNA, BEN, DESIRED, TODAY, action, coherent, with_actions


def rules_of(strategy) -> list[str]:
    return [finding.rule for finding in findings(strategy)]


def test_a_coherent_strategy_has_no_findings_and_scores_100():
    report = evaluate(coherent())
    assert report.findings == ()
    assert report.score == 100
    assert report.balance.distance == 0


def test_a_strategy_without_key_challenges_says_so_and_links_to_the_diagnosis():
    strategy = replace(coherent(), challenges=())
    [finding] = [f for f in findings(strategy) if f.rule == "no_challenges"]
    assert finding.severity == Severity.HIGH
    assert finding.penalty == 30
    assert finding.link.url_name == "workspace_challenges"
    assert finding.link.kwargs == {"org_slug": "acme"}


def test_a_key_challenge_without_a_policy_is_found_with_a_link_to_write_one():
    strategy = coherent()
    strategy = replace(strategy, challenges=(*strategy.challenges, Challenge(3, "No mandate")))
    [finding] = findings(strategy)
    assert finding.rule == "challenge_without_policy"
    assert finding.subject_id == 3
    assert "No mandate" in finding.message
    assert (finding.link.url_name, dict(finding.link.query)) == ("policy_create", {"challenge": 3})


def test_a_retired_policy_does_not_cover_its_challenge():
    strategy = coherent()
    retired = replace(strategy.policies[0], retired=True)
    strategy = replace(strategy, policies=(retired, strategy.policies[1]))
    assert "challenge_without_policy" in rules_of(strategy)
    assert "action_on_retired_policy" in rules_of(strategy)


def test_a_policy_without_an_action_is_found_and_dropped_actions_do_not_count():
    strategy = coherent()
    dropped = [replace(a, status="dropped") if a.policy_id == 11 else a for a in strategy.actions]
    strategy = replace(strategy, actions=tuple(dropped))
    found = [f for f in findings(strategy) if f.rule == "policy_without_action"]
    assert [f.subject_id for f in found] == [11]
    assert found[0].link.url_name == "action_create"
    assert dict(found[0].link.query) == {"policy": 11}


def test_a_draft_policy_is_a_low_finding():
    strategy = coherent()
    draft = replace(strategy.policies[1], agreed=False)
    strategy = replace(strategy, policies=(strategy.policies[0], draft))
    [finding] = findings(strategy)
    assert (finding.rule, finding.severity, finding.penalty) == ("policy_not_agreed", "low", 2)
    assert finding.link.url_name == "policy_detail"
    assert finding.link.kwargs == {"org_slug": "acme", "pk": 11}


@pytest.mark.parametrize(
    ("status", "end", "overdue"),
    [
        ("in_progress", date(2026, 5, 31), True),
        ("planned", date(2026, 5, 31), True),
        ("on_hold", date(2026, 5, 31), True),
        ("done", date(2026, 5, 31), False),
        ("dropped", date(2026, 5, 31), False),
        ("in_progress", TODAY, False),
        ("in_progress", None, False),
    ],
)
def test_an_action_is_overdue_only_when_its_end_date_has_passed_and_it_is_not_done(
    status, end, overdue
):
    strategy = coherent()
    late = replace(strategy.actions[0], status=status, end=end)
    strategy = replace(strategy, actions=(late, *strategy.actions[1:]))
    overdue_findings = [f for f in findings(strategy) if f.rule == "action_overdue"]
    assert bool(overdue_findings) is overdue
    if overdue:
        assert overdue_findings[0].link.url_name == "action_progress"
        assert overdue_findings[0].link.kwargs["pk"] == late.id


def test_an_open_action_without_an_owner_is_found():
    strategy = coherent()
    orphan = replace(strategy.actions[0], owner_id=None, owner_name="")
    found = findings(replace(strategy, actions=(orphan, *strategy.actions[1:])))
    assert [f.rule for f in found if f.subject_id == orphan.id] == ["action_without_owner"]


def test_an_action_in_the_plan_without_a_metric_is_found_but_a_vision_action_is_not():
    strategy = coherent()
    vision = next(a for a in strategy.actions if a.horizon == "vision")
    plan = next(a for a in strategy.actions if a.horizon == "plan")
    changed = {
        vision.id: replace(vision, has_metric=False),
        plan.id: replace(plan, has_metric=False),
    }
    strategy = replace(strategy, actions=tuple(changed.get(a.id, a) for a in strategy.actions))
    found = [f for f in findings(strategy) if f.rule == "action_without_metric"]
    assert [f.subject_id for f in found] == [plan.id]


def test_each_feature_without_an_accountable_leader_is_a_finding():
    strategy = coherent()
    # Only features 1 and 2 are developed, and feature 2 only by an action nobody owns.
    strategy = with_actions(
        strategy,
        action(1, policy_id=10, dimensions=(FEATURES[0],), horizon="vision"),
        action(2, policy_id=11, dimensions=(FEATURES[1],), owner_id=None, horizon="plan"),
        action(3, policy_id=11, dimensions=(), horizon="now"),
    )
    found = [f for f in findings(strategy) if f.rule == "feature_without_leader"]
    assert [f.subject_id for f in found] == list(FEATURES[1:])
    assert sum(f.penalty for f in found) == 5 * 4
    assert found[0].link.url_name == "action_create"
    assert dict(found[0].link.query) == {"feature": FEATURES[1]}


def test_the_feature_rule_is_capped_at_24_points():
    strategy = replace(coherent(), actions=())
    found = [f for f in findings(strategy) if f.rule == "feature_without_leader"]
    assert len(found) == 6
    assert sum(f.penalty for f in found) == RULES["feature_without_leader"].cap == 24


def test_the_balance_distance_is_half_the_l1_distance_between_share_vectors():
    planned = {"individual_productive": 70, "individual_generative": 10,
               "organisational_productive": 10, "organisational_generative": 10}  # fmt: skip
    assert balance_distance(planned, DESIRED) == 45
    assert balance_distance(DESIRED, DESIRED) == 0
    everything_elsewhere = {"individual_productive": 100}
    assert balance_distance(everything_elsewhere, {"organisational_generative": 100}) == 100


def test_planned_effort_counts_person_days_per_quadrant_of_actions_not_dropped():
    strategy = with_actions(
        coherent(),
        action(1, quadrant="individual_productive", effort_days=30),
        action(2, quadrant="individual_productive", effort_days=None),
        action(3, quadrant="organisational_generative", effort_days=10),
        action(4, quadrant="organisational_generative", effort_days=50, status="dropped"),
    )
    assert planned_effort(strategy) == {
        "individual_productive": 30,
        "individual_generative": 0,
        "organisational_productive": 0,
        "organisational_generative": 10,
    }
    assert shares(planned_effort(strategy))["individual_productive"] == 75
    assert evaluate(strategy).balance.unestimated == 1


def test_a_small_imbalance_is_tolerated():
    # 35/25/20/20 against 25 each: distance 10, below the tolerance of 15.
    days = {"individual_productive": 35, "individual_generative": 25,
            "organisational_productive": 20, "organisational_generative": 20}  # fmt: skip
    strategy = with_actions(
        coherent(), *(action(i, quadrant=q, effort_days=d) for i, (q, d) in enumerate(days.items()))
    )
    assert evaluate(strategy).balance.distance == 10
    assert "quadrant_imbalance" not in rules_of(strategy)


def test_a_large_imbalance_costs_half_the_distance_and_points_at_the_most_missing_quadrant():
    strategy = with_actions(
        coherent(),
        action(1, quadrant="individual_productive", effort_days=80),
        action(2, quadrant="individual_generative", effort_days=20),
    )
    [finding] = [f for f in findings(strategy) if f.rule == "quadrant_imbalance"]
    # Planned 80/20/0/0 against 25 each: distance (55 + 5 + 25 + 25) / 2 = 55.
    assert finding.severity == Severity.HIGH
    assert finding.penalty == 20  # 55 / 2 = 27.5, capped at 20
    assert finding.link.url_name == "action_create"
    assert dict(finding.link.query)["quadrant"] in {
        "organisational_productive",
        "organisational_generative",
    }


def test_a_moderate_imbalance_is_a_medium_finding_costing_half_the_distance():
    strategy = with_actions(
        coherent(),
        action(1, quadrant="individual_productive", effort_days=45),
        action(2, quadrant="individual_generative", effort_days=25),
        action(3, quadrant="organisational_productive", effort_days=25),
        action(4, quadrant="organisational_generative", effort_days=5),
    )
    [finding] = [f for f in findings(strategy) if f.rule == "quadrant_imbalance"]
    assert (finding.severity, finding.penalty) == (Severity.MEDIUM, 10)
    assert dict(finding.link.query) == {"quadrant": "organisational_generative"}


def test_without_a_desired_balance_there_is_no_balance_finding():
    strategy = with_actions(
        replace(coherent(), desired_quadrants=None),
        action(1, quadrant="individual_productive", effort_days=100),
    )
    assert evaluate(strategy).balance.distance is None
    assert "quadrant_imbalance" not in rules_of(strategy)


def test_each_horizon_without_an_action_is_found():
    strategy = with_actions(coherent(), action(1, horizon="now"))
    found = [f for f in findings(strategy) if f.rule == "horizon_missing"]
    assert [f.subject_id for f in found] == ["vision", "plan"]
    assert dict(found[0].link.query) == {"horizon": "vision"}


def test_a_missing_vision_is_a_low_finding_linking_to_the_vision_form():
    [finding] = findings(replace(coherent(), vision="  "))
    assert (finding.rule, finding.severity, finding.penalty) == ("no_vision", "low", 5)
    assert finding.link.url_name == "vision_edit"


def test_penalties_add_up_to_the_points_lost_and_each_rule_is_capped():
    strategy = coherent()
    many = tuple(Challenge(50 + i, f"Challenge {i}") for i in range(5))
    strategy = replace(strategy, challenges=strategy.challenges + many)
    found = findings(strategy)
    assert sum(f.penalty for f in found if f.rule == "challenge_without_policy") == 30
    assert score(found) == round(100 - sum(f.penalty for f in found)) == 70


def test_the_score_never_drops_below_zero():
    strategy = replace(
        coherent(),
        challenges=tuple(Challenge(i, f"C{i}") for i in range(1, 9)),
        policies=tuple(PolicyItem(10 + i, f"P{i}", (99,)) for i in range(9)),
        actions=(),
        vision="",
    )
    assert evaluate(strategy).score == 0


def test_findings_are_ordered_by_severity():
    strategy = replace(
        coherent(), vision="", challenges=(*coherent().challenges, Challenge(3, "X"))
    )
    severities = [f.severity for f in findings(strategy)]
    assert severities == sorted(severities, key=coherence.SEVERITY_ORDER.get)
    assert severities[0] == Severity.HIGH


def test_suggestions_offer_unadopted_library_policies_and_ideas_for_the_weakest_dimensions():
    library = (
        SuggestionSource("a", "Policy A", ("f4-autonomy",)),
        SuggestionSource("b", "Policy B", ("f4-autonomy", "f5-supportive-leadership")),
        SuggestionSource("c", "Policy C", ("f1-learning-culture",)),
    )
    ideas = (SuggestionSource("i1", "Idea 1", ("f5-supportive-leadership",)),)
    strategy = replace(
        coherent(),
        weakest_dimensions=("f4-autonomy", "f5-supportive-leadership", "f6-lasting-improvement"),
        dimension_names={"f4-autonomy": "Autonomy"},
        policies=(*coherent().policies, PolicyItem(12, "Adopted A", (1,), True, source_code="a")),
    )
    report = evaluate(strategy, library, ideas)
    assert [s.dimension for s in report.suggestions] == ["f4-autonomy", "f5-supportive-leadership"]
    autonomy, leadership = report.suggestions
    assert autonomy.dimension_name == "Autonomy"
    assert [p.code for p in autonomy.policies] == ["b"]  # "a" is adopted already
    assert [p.code for p in leadership.policies] == ["b"]
    assert [i.code for i in leadership.ideas] == ["i1"]


def test_the_kernel_nests_policies_under_each_challenge_they_address_and_keeps_orphans_apart():
    strategy = coherent()
    shared = PolicyItem(12, "Shared", (1, 2), agreed=True)
    retired = PolicyItem(13, "Old", (1,), agreed=True, retired=True)
    strategy = replace(
        strategy,
        policies=(*strategy.policies, shared, retired),
        actions=(action(1, policy_id=12), action(2, policy_id=13)),
    )
    tree = kernel(strategy)
    first, second = tree.challenges
    assert [node.policy.id for node in first.policies] == [10, 12]
    assert [node.policy.id for node in second.policies] == [11, 12]
    assert [a.id for a in first.policies[1].actions] == [1]
    assert [a.id for a in tree.orphan_actions] == [2]


def test_the_feature_leaders_list_each_leader_owning_an_action_for_the_feature():
    report = evaluate(coherent())
    assert report.dimension_leaders[FEATURES[0]] == (ANNA,)
    assert report.dimension_leaders[FEATURES[1]] == (BEN,)


def test_a_policy_whose_challenges_are_gone_is_found_and_kept_apart_in_the_kernel():
    strategy = coherent()
    loose = PolicyItem(12, "Loose", (), agreed=True)
    gone = PolicyItem(13, "Gone", (99,), agreed=True)
    strategy = replace(
        strategy,
        policies=(*strategy.policies, loose, gone),
        actions=(*strategy.actions, action(1, policy_id=12), action(2, policy_id=13)),
    )
    found = [f for f in findings(strategy) if f.rule == "policy_without_challenge"]
    assert [f.subject_id for f in found] == [12, 13]
    assert found[0].link.url_name == "policy_edit"
    assert [node.policy.id for node in kernel(strategy).unlinked_policies] == [12, 13]
