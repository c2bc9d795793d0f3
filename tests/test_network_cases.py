"""Seeded network cases (telltale.ads.casegen): the hand-written case first, then fresh ones that
keep the tells of coordinated behaviour and the hard decoys."""
from __future__ import annotations

from datetime import timedelta

from telltale.ads import investigation
from telltale.ads.casegen import case_for, generate_case
from telltale.ads.load import load_network


def test_the_hand_written_case_comes_first_and_a_seed_gives_the_same_case():
    hand_written = load_network()
    assert case_for(0, 7, hand_written) is hand_written
    assert case_for(1, 7, hand_written) == case_for(1, 7, hand_written)
    assert case_for(1, 7, hand_written).accounts != case_for(2, 7, hand_written).accounts


def test_generated_cases_keep_the_behaviour_tells():
    for seed in range(40):
        case = generate_case(seed)
        network = [a for a in case.accounts if a.belongs_to_network]
        ordinary = [a for a in case.accounts if not a.belongs_to_network]
        assert 4 <= len(network) <= 6 and 5 <= len(ordinary) <= 7
        assert len({a.handle for a in case.accounts}) == len(case.accounts)
        # created in one batch, minutes apart; ordinary accounts years apart
        batch = min(a.created_at for a in network)
        assert all(a.created_at - batch <= timedelta(hours=1) for a in network)
        assert all(abs(a.created_at - batch) > timedelta(days=1) for a in ordinary)
        # shared admins tie the network together, never an ordinary account
        network_admins = {x for a in network for x in a.admins}
        assert all(set(a.admins) & network_admins for a in network)
        assert not any(set(a.admins) & network_admins for a in ordinary)
        # posts on the dot (whole minutes in a daily slot) against irregular human times
        assert all(len(a.post_times) >= 10 for a in network)
        assert all(list(a.post_times) == sorted(a.post_times) for a in case.accounts)
        # grading works on a generated case as on the hand-written one
        score, _, _ = investigation.grade(case, sorted(case.network_handles), ["batch-created"])
        assert len(score.hits) == len(network) and not score.false_alarms


def test_some_cases_are_hard_on_purpose():
    cases = [generate_case(seed) for seed in range(40)]
    assert any(all(a.admin_country == "Westmark" for a in c.accounts if a.belongs_to_network) for c in cases)
    assert any(a.admin_country != "Westmark" for c in cases for a in c.accounts if not a.belongs_to_network)
