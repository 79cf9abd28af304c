"""Teaching validity (issue 6): whether a pack still teaches its lesson, measured over many seeds.

A scenario is only worth playing in an academy if matching the approach to the
problem wins in the end but does not win at once (the slow approaches cost
first), if replaying the real council's decisions lands where the real council
did, if no single strategy wins every game, and if the shared Carillion shock
actually matters. Each check here is a number, a target and pass/fail, so a pack
author sees which lesson broke after a tuning change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable, Iterable

from game.content.models import Event, Pack

from .runner import CHECKPOINT_TURN, GameResult, run, tasks_for

MATCHED, TENDER, HISTORY, IDLE = "cynefin_matched", "tender_everything", "history", "do_nothing"
FINAL_AHEAD = 0.90
"""matching the domain must end ahead of tendering everything in at least this share of seeds"""
EARLY_AHEAD = 0.60
"""…but after the first turns it may be ahead in at most this share (the slow approaches cost first)"""
CARILLION = "carillion"
SHOCK_CHANGED = 0.5
"""the Carillion event must change the final score in at least this share of seeds of some strategy"""
SHOCK_STRATEGIES = (TENDER, MATCHED)


@dataclass(frozen=True)
class Lesson:
    name: str
    measured: str
    target: str
    passed: bool

    def to_dict(self) -> dict:
        return asdict(self)


def _by_strategy(results: Iterable[GameResult]) -> dict[str, dict[int, GameResult]]:
    out: dict[str, dict[int, GameResult]] = {}
    for r in results:
        out.setdefault(r.strategy, {})[r.seed] = r
    return out


def _share(pairs: list[tuple[float | None, float | None]]) -> float | None:
    """Share of pairs where the first is strictly ahead (pairs with a missing side are left out)."""
    valid = [(a, b) for a, b in pairs if a is not None and b is not None]
    return sum(a > b for a, b in valid) / len(valid) if valid else None


def _percent(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def matched_versus_tender(games: dict[str, dict[int, GameResult]]) -> list[Lesson]:
    matched, tender = games.get(MATCHED), games.get(TENDER)
    if not matched or not tender:
        return [Lesson("matching the domain beats tendering everything", "not played",
                       f"play {MATCHED} and {TENDER}", False)]
    seeds = sorted(matched.keys() & tender.keys())
    final = _share([(matched[s].total, tender[s].total) for s in seeds])
    early = _share([(matched[s].total_at_checkpoint, tender[s].total_at_checkpoint) for s in seeds])
    return [
        Lesson(f"{MATCHED} ends ahead of {TENDER}", _percent(final), f"≥ {FINAL_AHEAD:.0%} of seeds",
               final is not None and final >= FINAL_AHEAD),
        Lesson(f"…but after turn {CHECKPOINT_TURN} it is ahead in", _percent(early),
               f"≤ {EARLY_AHEAD:.0%} of seeds", early is not None and early <= EARLY_AHEAD),
    ]


def history_direction(pack: Pack, games: dict[str, dict[int, GameResult]]) -> list[Lesson]:
    """A pack with no history.toml (a made-up place) has no real path to check: skipped, as the history bot is.

    A history.toml without `[[expect]]` fails: its author wrote down what happened but not where it led.
    """
    if pack.history is None:
        return []
    expectations = pack.history.expect
    if not expectations:
        return [Lesson("history lands in the documented direction", "no [[expect]] in history.toml",
                       "at least one check", False)]
    history, idle = games.get(HISTORY, {}), games.get(IDLE, {})
    lessons = []
    for i, x in enumerate(expectations):
        if x.condition is not None:
            held = [r.expected[i] > 0 for r in history.values()]
            how = f"history: {x.condition}"
        else:
            seeds = sorted(history.keys() & idle.keys())
            sign = -1 if x.than_doing_nothing == "lower" else 1
            held = [sign * (history[s].expected[i] - idle[s].expected[i]) > 0 for s in seeds]
            how = f"history: {x.metric} {x.than_doing_nothing} than {IDLE}"
        share = sum(held) / len(held) if held else None
        lessons.append(Lesson(f"{x.label} ({how})", _percent(share), f"≥ {x.share:.0%} of seeds",
                              share is not None and share >= x.share))
    return lessons


def no_dominant_strategy(games: dict[str, dict[int, GameResult]]) -> Lesson:
    """A strategy 'wins' a seed when its final score is strictly the best of all strategies played."""
    seeds = sorted(set.intersection(*(set(g) for g in games.values()))) if games else []
    wins = {name: 0 for name in games}
    for s in seeds:
        totals = sorted(((g[s].total, name) for name, g in games.items()), reverse=True)
        if len(totals) > 1 and totals[0][0] > totals[1][0]:
            wins[totals[0][1]] += 1
    best = max(wins, key=wins.__getitem__, default=None)
    share = wins[best] / len(seeds) if best and seeds else None
    return Lesson("no strategy wins every seed", f"{best} best in {_percent(share)}", "< 100 % for every strategy",
                  share is not None and share < 1 and len(games) > 1)


def everything_used(pack: Pack, games: dict[str, dict[int, GameResult]]) -> list[Lesson]:
    used = {tuple(pair) for g in games.values() for r in g.values() for pair in r.used}
    problems = [p.id for p in pack.problems if p.id not in {p for p, _ in used}]
    approaches = sorted({a for p in pack.problems for a in p.approaches} - {a for _, a in used})
    return [
        Lesson("every problem is commissioned by some strategy", ", ".join(problems) or "all",
               "none left out", not problems),
        Lesson("every allowed approach is used by some strategy", ", ".join(approaches) or "all",
               "none left out", not approaches),
    ]


def carillion_events(pack: Pack) -> list[Event]:
    return [e for e in pack.events if e.id == CARILLION or e.use == CARILLION]


def without_carillion(pack: Pack) -> Pack:
    shocks = {e.id for e in carillion_events(pack)}
    return pack.model_copy(update={"events": [e for e in pack.events if e.id not in shocks]})


def carillion_matters(with_shock: dict[str, dict[int, GameResult]],
                      without: dict[str, dict[int, GameResult]]) -> Lesson:
    shares = {}
    for name, games in without.items():
        seeds = sorted(games.keys() & with_shock.get(name, {}).keys())
        changed = [abs(with_shock[name][s].total - games[s].total) > 1e-9 for s in seeds]
        if changed:
            shares[name] = sum(changed) / len(changed)
    best = max(shares, key=shares.__getitem__, default=None)
    measured = ", ".join(f"{n} {_percent(v)}" for n, v in shares.items()) or "not played"
    return Lesson("the Carillion event changes the final score", measured,
                  f"≥ {SHOCK_CHANGED:.0%} of seeds for some strategy",
                  best is not None and shares[best] >= SHOCK_CHANGED)


def check_lessons(pack: Pack, results: Iterable[GameResult],
                  results_without_carillion: Iterable[GameResult] = ()) -> list[Lesson]:
    games = _by_strategy(results)
    lessons = [*matched_versus_tender(games), *history_direction(pack, games), no_dominant_strategy(games),
               *everything_used(pack, games)]
    if carillion_events(pack):
        lessons.append(carillion_matters(games, _by_strategy(results_without_carillion)))
    return lessons


def play_without_carillion(pack: Pack, seed: int, runs: int, jobs: int,
                           on_progress: Callable[[int], None] | None = None) -> list[GameResult]:
    """The same seeds of the strategies most exposed to the shock, with the shock taken out."""
    if not carillion_events(pack):
        return []
    return list(run(without_carillion(pack), tasks_for(list(SHOCK_STRATEGIES), seed, runs), jobs, on_progress))
