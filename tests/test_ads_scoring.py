"""Scoring of ad decisions, ticked red flags and network picks."""
from __future__ import annotations

import pytest

from telltale.ads.scoring import INVENTED_PENALTY, score_ad, score_network


@pytest.fixture(scope="module")
def fake(lesson):
    return lesson.example("save-our-rivers")


@pytest.fixture(scope="module")
def honest(lesson):
    return lesson.example("hartmoor-bakery")


def test_decision_credit(fake, honest):
    assert score_ad(fake, "inauthentic", []).decision_credit == 1
    assert score_ad(fake, "authentic", []).decision_credit == 0
    assert score_ad(honest, "authentic", []).correct is True
    assert score_ad(honest, "inauthentic", []).correct is False


def test_bad_decision_is_refused(fake):
    with pytest.raises(ValueError):
        score_ad(fake, "fake", [])


def test_all_true_flags_score_one(fake):
    score = score_ad(fake, "inauthentic", fake.flag_ids)
    assert score.flag_score == 1.0
    assert score.found == fake.flag_ids and not score.invented and not score.missed


def test_partial_flags_score_the_share_found(fake):
    true = sorted(fake.flag_ids)
    score = score_ad(fake, "inauthentic", true[:2])
    assert score.flag_score == pytest.approx(2 / len(true))
    assert score.found == set(true[:2]) and score.missed == set(true[2:])


def test_invented_flags_cost_a_penalty(fake):
    true = sorted(fake.flag_ids)
    score = score_ad(fake, "inauthentic", true + ["too-good-to-be-true"])
    assert score.invented == {"too-good-to-be-true"}
    assert score.flag_score == pytest.approx(1 - INVENTED_PENALTY)


def test_flag_score_is_clipped_at_zero(fake, lesson):
    everything_else = set(lesson.flags) - fake.flag_ids
    score = score_ad(fake, "inauthentic", everything_else)
    assert score.flag_score == 0.0 and score.found == set()


def test_ticking_every_flag_does_not_pay(fake, lesson):
    assert score_ad(fake, "inauthentic", lesson.flags).flag_score < 0.5


def test_authentic_example_flags_are_all_invented(honest):
    clean = score_ad(honest, "authentic", [])
    assert clean.flag_score == 1.0 and not clean.invented and not clean.missed
    one = score_ad(honest, "authentic", ["new-page"])
    assert one.invented == {"new-page"} and one.found == set()
    assert one.flag_score == pytest.approx(1 - INVENTED_PENALTY)
    many = score_ad(honest, "inauthentic", ["new-page", "foreign-managers", "urgent-share", "off-site-link", "name-changes"])
    assert many.flag_score == 0.0


def test_duplicate_ticks_count_once(fake):
    first = sorted(fake.flag_ids)[0]
    assert score_ad(fake, "inauthentic", [first, first]).flag_score == pytest.approx(1 / len(fake.flag_ids))


def test_score_ad_is_pure(fake):
    a = score_ad(fake, "inauthentic", ["new-page", "copy-paste-text"])
    b = score_ad(fake, "inauthentic", ("copy-paste-text", "new-page"))
    assert a == b


def test_network_perfect_score(case):
    score = score_network(case, case.network_handles)
    assert score.score == 1.0 and not score.false_alarms and not score.misses
    assert score.hits == case.network_handles


def test_network_picking_everyone_or_no_one_scores_zero(case):
    everyone = score_network(case, [a.handle for a in case.accounts])
    assert everyone.score == 0.0 and everyone.hit_rate == 1.0 and everyone.false_alarm_rate == 1.0
    nobody = score_network(case, [])
    assert nobody.score == 0.0 and nobody.misses == case.network_handles


def test_network_mixed_picks(case):
    network = sorted(case.network_handles)
    outside = sorted({a.handle for a in case.accounts} - case.network_handles)
    score = score_network(case, network[:3] + outside[:1])
    assert score.hits == set(network[:3]) and score.false_alarms == {outside[0]}
    assert score.misses == set(network[3:])
    assert score.correct_rejections == set(outside[1:])
    expected = 3 / len(network) - 1 / len(outside)
    assert score.score == pytest.approx(expected)


def test_network_unknown_handle_is_refused(case):
    with pytest.raises(ValueError, match="@nobody"):
        score_network(case, ["@nobody"])
