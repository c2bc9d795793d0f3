from statistics import NormalDist

import pytest

from telltale import results, scoring
from telltale.scoring import Judgement


def judgements(pairs):
    return [Judgement(answer, choice, confidence) for answer, choice, confidence in pairs]


def test_grading_is_a_pure_comparison():
    assert scoring.is_correct("ai", "ai")
    assert not scoring.is_correct("real", "ai")
    with pytest.raises(ValueError, match="choice must be one of"):
        scoring.is_correct("real", "maybe")


def test_hits_false_alarms_and_d_prime_with_log_linear_correction():
    # 4 AI faces: 3 caught; 4 real faces: 1 called AI.
    result = scoring.detection(judgements([
        ("ai", "ai", 80), ("ai", "ai", 90), ("ai", "ai", 60), ("ai", "real", 50),
        ("real", "ai", 70), ("real", "real", 80), ("real", "real", 90), ("real", "real", 100),
    ]))
    assert (result.hits, result.misses, result.false_alarms, result.correct_rejections) == (3, 1, 1, 3)
    assert result.accuracy == 0.75
    z = NormalDist().inv_cdf
    assert result.d_prime == pytest.approx(z(3.5 / 5) - z(1.5 / 5), abs=1e-3)
    assert result.criterion == pytest.approx(0.0, abs=1e-3)


def test_calling_everything_ai_shows_as_bias_not_skill():
    result = scoring.detection(judgements([("ai", "ai", 90)] * 5 + [("real", "ai", 90)] * 5))
    assert result.d_prime == pytest.approx(0.0, abs=1e-9)
    assert result.criterion < -0.3
    assert "calling faces AI" in results.bias_in_words(result.criterion)
    assert "guessing" in results.sensitivity_in_words(result.d_prime)


def test_perfect_score_stays_finite():
    result = scoring.detection(judgements([("ai", "ai", 100)] * 5 + [("real", "real", 100)] * 5))
    assert 1.5 < result.d_prime < 3.0


def test_calibration_groups_by_confidence_and_overconfidence():
    data = judgements([("ai", "ai", 90), ("ai", "real", 90), ("real", "real", 50), ("real", "real", 50)])
    bins = {b.confidence: b for b in scoring.calibration(data)}
    assert bins[90].accuracy == 0.5 and bins[90].n == 2
    assert bins[50].accuracy == 1.0
    assert scoring.overconfidence(data) == pytest.approx(70 - 75)


def test_drift_warning_only_after_a_run_of_ai_answers():
    assert not scoring.drifting_to_ai(["ai"] * 5)
    assert scoring.drifting_to_ai(["real"] + ["ai"] * 6)
    assert scoring.drifting_to_ai(["ai", "ai", "real", "ai", "ai", "ai"])
    assert not scoring.drifting_to_ai(["ai", "real", "real", "ai", "ai", "ai"])
