"""The strategy charts drawn from a snapshot's ``strategy`` part."""

from django.utils import translation

from reports.strategy_charts import coherence_chart


def coherence_scores(score: float, points_lost: dict, findings: list) -> dict:
    return {
        "strategy": {
            "coherence": {"score": score, "points_lost": points_lost, "findings": {"en": findings}}
        },
        "labels": {"en": {}},
    }


def finding(severity: str, message: str, penalty: float) -> dict:
    return {"severity": severity, "message": message, "penalty": penalty}


def test_coherence_is_a_score_out_of_100_above_the_points_each_kind_of_finding_costs():
    scores = coherence_scores(
        62,
        {"action_overdue": 8, "challenge_without_policy": 30},
        [finding("high", "“Churn” has no guiding policy.", 30), finding("low", "Late.", 8)],
    )
    with translation.override("en"):
        chart = coherence_chart(scores, "en")
    bullet, findings = chart["figure"]["data"]
    layout = chart["figure"]["layout"]
    assert bullet["x"] == [62]
    assert layout["xaxis2"]["range"] == [0, 100]  # the score's axis runs from 0 to 100
    assert layout["annotations"][0]["text"] == "62 / 100"
    # Points lost are positive lengths, the costliest first, labelled with what they cost.
    assert findings["y"] == ["Challenges without a<br>policy", "Overdue actions"]
    assert findings["x"] == [30, 8]
    assert findings["text"] == ["−30", "−8"]
    assert min(layout["xaxis"]["range"]) == 0
    assert chart["summary"] == (
        "The strategy scores 62 out of 100 for coherence. "
        "Most points are lost on: challenges without a policy."
    )
    assert chart["table"]["rows"][0] == ["High", "“Churn” has no guiding policy.", "30"]


def test_a_coherent_strategy_shows_only_its_score():
    with translation.override("en"):
        chart = coherence_chart(coherence_scores(100, {}, []), "en")
    assert [trace["x"] for trace in chart["figure"]["data"]] == [[100]]
    assert chart["figure"]["layout"]["annotations"][0]["text"] == "100 / 100"
    assert chart["table"]["rows"] == []
