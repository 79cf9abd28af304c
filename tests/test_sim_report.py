"""The simulator's figures: deterministic across processes, percentiles that match the games, warnings
that fire on broken packs and stay quiet on the balanced fixture."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.content.models import ApproachTuning, Tuning
from game.sim.bots import BOTS
from game.sim.report import summarise
from game.sim.runner import run, tasks_for

PLAYABLE = [n for n in BOTS if n not in ("history", "do_nothing")]
"""history needs a history.toml; doing nothing keeps the starting contracts, so it ties whatever they tie"""
DOMAINS = ("clear", "complicated", "complex", "chaotic")


def simulate(pack, strategies=PLAYABLE, runs=6, seed=11, jobs=1) -> dict:
    return summarise(pack, list(run(pack, tasks_for(strategies, seed, runs), jobs=jobs)))


@pytest.fixture(scope="module")
def fixture_summary(pack):
    return simulate(pack, runs=10)


def test_same_seed_gives_the_same_json_whatever_the_jobs(pack):
    one = simulate(pack, runs=4, jobs=1)
    two = simulate(pack, runs=4, jobs=2)
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert json.dumps(simulate(pack, runs=4, seed=12)) != json.dumps(one)


def test_percentiles_match_a_direct_recomputation(fixture_summary):
    for name, figures in fixture_summary["strategies"].items():
        games = [g for g in fixture_summary["results"] if g["strategy"] == name]
        assert figures["games"] == len(games) == 10
        for key in ("reserves", "weighted_outcome", "mean_trust"):
            values = [g[key] for g in games]
            for p in (5, 50, 95):
                assert figures[key][f"p{p}"] == pytest.approx(np.percentile(values, p), abs=1e-3)
        assert figures["win_rate"] == pytest.approx(sum(g["won"] for g in games) / len(games), abs=1e-4)
        assert sum(figures["grades"].values()) == len(games)


def test_head_to_head_compares_the_same_seeds(fixture_summary):
    seeds = {n: [g["seed"] for g in fixture_summary["results"] if g["strategy"] == n] for n in PLAYABLE}
    assert all(s == seeds[PLAYABLE[0]] for s in seeds.values())
    pair = fixture_summary["head_to_head"][0]
    a = {g["seed"]: g["total"] for g in fixture_summary["results"] if g["strategy"] == pair["a"]}
    b = {g["seed"]: g["total"] for g in fixture_summary["results"] if g["strategy"] == pair["b"]}
    assert pair["a_ahead"] == pytest.approx(sum(a[s] > b[s] for s in a) / len(a), abs=1e-4)


def test_the_balanced_fixture_raises_no_warnings(fixture_summary):
    assert fixture_summary["warnings"] == []


def test_dominance_warning_when_all_approaches_but_one_are_useless(pack):
    keep = "in_house"
    useless = {a: ApproachTuning(fit={d: 0.1 for d in DOMAINS})
               for a in {a for p in pack.problems for a in p.approaches} if a != keep}
    crafted = pack.model_copy(update={"info": pack.info.model_copy(update={"tuning": Tuning(approaches=useless)})})
    warnings = simulate(crafted)["warnings"]
    assert any("better grade than every other strategy" in w for w in warnings), warnings


def test_unwinnable_warning_on_an_impossible_budget(pack):
    budget = pack.info.budget.model_copy(update={"fixed_costs": 400.0})
    crafted = pack.model_copy(update={"info": pack.info.model_copy(update={"budget": budget})})
    summary = simulate(crafted, runs=3)
    assert "no strategy won a single game: the pack may be unwinnable" in summary["warnings"]
    assert all(f["win_rate"] == 0 for f in summary["strategies"].values())


def test_unused_approaches_are_reported(pack):
    warnings = simulate(pack, strategies=["tender_everything"], runs=2)["warnings"]
    assert "no strategy ever used approach 'pilots'" in warnings
    assert not any("problem 'waste'" in w for w in warnings)


def test_decisive_events_compare_fired_and_quiet_games_within_a_strategy(fixture_summary):
    for entry in fixture_summary["events"]:
        diffs, weights = [], []
        for name in PLAYABLE:
            games = [g for g in fixture_summary["results"] if g["strategy"] == name]
            fired = [g["total"] for g in games if entry["event"] in g["events"]]
            quiet = [g["total"] for g in games if entry["event"] not in g["events"]]
            if fired and quiet:
                diffs.append(np.mean(fired) - np.mean(quiet))
                weights.append(len(games))
        assert entry["score_difference"] == pytest.approx(np.average(diffs, weights=weights), abs=1e-3)
