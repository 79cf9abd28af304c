"""What a facilitator reads after a simulation: per-strategy figures, head-to-head, decisive events, warnings.

`summarise` turns the per-game records into plain JSON-ready data (every figure
the terminal table and the HTML report show comes from here, so they agree).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Iterable

import numpy as np

from game.content.models import Pack

from .runner import GameResult

PERCENTILES = (5, 50, 95)
DOMINANCE_SHARE = 0.95
"""A strategy earning a better grade than every other on at least this share of seeds makes the pack a
one-answer puzzle. Grades, not raw scores: the oracle bot edging others by a point is expected; a
strategy that always lands a grade higher is a balance problem."""
GRADES = ("A", "B", "C", "D", "E")


def percentiles(values: Iterable[float]) -> dict[str, float | None]:
    data = np.asarray(list(values), dtype=float)
    if not data.size:
        return {f"p{p}": None for p in PERCENTILES}
    return {f"p{p}": round(float(np.percentile(data, p)), 3) for p in PERCENTILES}


def share_text(value: float | None) -> str:
    """A share of seeds as the terminal and the HTML report both print it: `42%`, or `–` when unknown."""
    return "–" if value is None else f"{value:.0%}"


def failure_turn_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def triple(figures: dict, sep: str = " / ") -> str:
    """p5 / p50 / p95 as one short cell (`sep="\n"` stacks them, for a narrow terminal)."""
    return sep.join("–" if v is None else f"{v:.1f}" for v in figures.values())


def _strategy_figures(results: list[GameResult]) -> dict:
    failed = [r.turn for r in results if r.failed]
    return {
        "games": len(results),
        "win_rate": round(sum(r.won for r in results) / len(results), 4),
        "mean_score": round(float(np.mean([r.total for r in results])), 3),
        "grades": {g: sum(r.grade == g for r in results) for g in GRADES},
        "reserves": percentiles(r.reserves for r in results),
        "weighted_outcome": percentiles(r.weighted_outcome for r in results),
        "mean_trust": percentiles(r.mean_trust for r in results),
        "failures": dict(Counter(r.failed for r in results if r.failed)),
        "mean_failure_turn": round(float(np.mean(failed)), 2) if failed else None,
    }


def _share_ahead(a: dict[int, float | None], b: dict[int, float | None]) -> float | None:
    seeds = [s for s in a if s in b and a[s] is not None and b[s] is not None]
    return round(sum(a[s] > b[s] for s in seeds) / len(seeds), 4) if seeds else None


def head_to_head(by_strategy: dict[str, list[GameResult]]) -> list[dict]:
    """For each pair, the share of shared seeds on which each side scored higher (final and at the
    checkpoint) and on which it earned the better grade."""
    final = {n: {r.seed: r.total for r in rs} for n, rs in by_strategy.items()}
    early = {n: {r.seed: r.total_at_checkpoint for r in rs} for n, rs in by_strategy.items()}
    grade = {n: {r.seed: -GRADES.index(r.grade) for r in rs} for n, rs in by_strategy.items()}
    return [
        {"a": a, "b": b, "a_ahead": _share_ahead(final[a], final[b]), "b_ahead": _share_ahead(final[b], final[a]),
         "a_ahead_at_checkpoint": _share_ahead(early[a], early[b]),
         "b_ahead_at_checkpoint": _share_ahead(early[b], early[a]),
         "a_better_grade": _share_ahead(grade[a], grade[b]), "b_better_grade": _share_ahead(grade[b], grade[a])}
        for a, b in combinations(by_strategy, 2)
    ]


def decisive_events(by_strategy: dict[str, list[GameResult]], pack: Pack) -> list[dict]:
    """Mean final score when an event fired minus when it did not, compared within each strategy
    (so a strategy that triggers an event more often does not masquerade as the event's effect)
    and averaged with weights by games; events that always or never fired have no figure."""
    out = []
    for event in (e.id for e in pack.events):
        diffs, weights, fired_games = [], [], 0
        for results in by_strategy.values():
            fired = [r.total for r in results if event in r.events]
            quiet = [r.total for r in results if event not in r.events]
            fired_games += len(fired)
            if fired and quiet:
                diffs.append(np.mean(fired) - np.mean(quiet))
                weights.append(len(results))
        if diffs:
            out.append({"event": event, "score_difference": round(float(np.average(diffs, weights=weights)), 3),
                        "fired_games": fired_games})
    return sorted(out, key=lambda e: (-abs(e["score_difference"]), e["event"]))


def warnings(pack: Pack, by_strategy: dict[str, list[GameResult]], pairs: list[dict]) -> list[str]:
    found = []
    names = list(by_strategy)
    for name in names:
        shares = [p["a_better_grade"] if p["a"] == name else p["b_better_grade"] for p in pairs if name in (p["a"], p["b"])]
        if len(names) > 1 and shares and all(s is not None and s >= DOMINANCE_SHARE for s in shares):
            found.append(f"'{name}' earns a better grade than every other strategy on at least {DOMINANCE_SHARE:.0%} of seeds: "
                         "the pack may have one right answer")
    if names and not any(r.won for rs in by_strategy.values() for r in rs):
        found.append("no strategy won a single game: the pack may be unwinnable")
    used = {pair for rs in by_strategy.values() for r in rs for pair in map(tuple, r.used)}
    used_problems = {p for p, _ in used}
    used_approaches = {a for _, a in used}
    for problem in pack.problems:
        if problem.id not in used_problems:
            found.append(f"no strategy ever commissioned anything for problem '{problem.id}'")
    allowed = sorted({a for p in pack.problems for a in p.approaches})
    for approach in allowed:
        if approach not in used_approaches:
            found.append(f"no strategy ever used approach '{approach}'")
    return found


def summarise(pack: Pack, results: list[GameResult], skipped: dict[str, str] | None = None,
              complete: bool = True) -> dict:
    """Every figure of the report, JSON-ready; `results` in any order."""
    results = sorted(results, key=lambda r: r.index)
    by_strategy: dict[str, list[GameResult]] = {}
    for r in results:
        by_strategy.setdefault(r.strategy, []).append(r)
    pairs = head_to_head(by_strategy)
    return {
        "pack": pack.id,
        "complete": complete,
        "games": len(results),
        "skipped": dict(skipped or {}),
        "strategies": {n: _strategy_figures(rs) for n, rs in by_strategy.items()},
        "head_to_head": pairs,
        "events": decisive_events(by_strategy, pack),
        "warnings": warnings(pack, by_strategy, pairs),
        "series": {n: _series(rs) for n, rs in by_strategy.items()},
        "results": [r.to_dict() for r in results],
    }


def _series(results: list[GameResult]) -> dict:
    """Median reserves and weighted outcome per turn (games that ended early stop contributing)."""
    def medians(rows: list[tuple[float, ...]]) -> list[float]:
        length = max(map(len, rows), default=0)
        return [round(float(np.median([r[t] for r in rows if len(r) > t])), 3) for t in range(length)]

    return {"reserves": medians([r.reserves_series for r in results]),
            "weighted_outcome": medians([r.outcome_series for r in results])}
