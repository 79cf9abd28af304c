"""Plays many games per strategy across processes and returns one compact record per game.

Determinism: game i of every strategy uses the same int seed, drawn from
`SeedSequence(seed).spawn(runs)`, for both the engine and the bot's own
generator; results are put back in task order, so any `jobs` gives the same list.
Each worker loads and prepares the pack once (pool initializer), then plays
chunks of tasks, so only small tasks and records cross process boundaries.
"""

from __future__ import annotations

import gc
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from typing import Callable, Iterator

import numpy as np

from game import collector
from game.content.expr import Expr, compile_expr
from game.content.models import Pack
from game.engine import Game, State, new_game, prepare, score, step, value_names, values, weighted_outcome

from .bots import BOTS

CHECKPOINT_TURN = 4
"""Head-to-head is also compared after this turn: early leads that do not last show up."""


@dataclass(frozen=True)
class Task:
    index: int
    strategy: str
    seed: int


@dataclass(frozen=True)
class GameResult:
    index: int
    strategy: str
    seed: int
    total: float
    grade: str
    won: bool
    failed: str | None
    turn: int
    reserves: float
    weighted_outcome: float
    mean_trust: float
    total_at_checkpoint: float | None
    events: tuple[str, ...]
    used: tuple[tuple[str, str], ...]
    reserves_series: tuple[float, ...]
    outcome_series: tuple[float, ...]
    expected: tuple[float, ...] = ()
    """each history.toml `[[expect]]` at the end: 1/0 for a condition, the value for a metric"""

    def to_dict(self) -> dict:
        return asdict(self)


def game_seeds(seed: int, runs: int) -> list[int]:
    """One independent int seed per game (shared by every strategy for head-to-head comparison)."""
    return [int(child.generate_state(1)[0]) for child in np.random.SeedSequence(seed).spawn(runs)]


def tasks_for(strategies: list[str], seed: int, runs: int) -> list[Task]:
    seeds = game_seeds(seed, runs)
    return [
        Task(i * runs + j, name, s) for i, name in enumerate(strategies) for j, s in enumerate(seeds)
    ]


def _weighted_outcomes(game: Game, state: State) -> tuple[float, ...]:
    return tuple(round(weighted_outcome(game, snap), 2) for snap in state.snapshots)


@dataclass(frozen=True)
class Prepared:
    """A pack ready to play many games: the engine's Game and the history checks compiled once."""

    game: Game
    checks: tuple[Expr, ...]


def prepare_for_simulation(pack: Pack) -> Prepared:
    history = pack.history
    names = value_names(pack)
    checks = tuple(
        compile_expr(x.condition, names, want="bool") if x.condition is not None
        else compile_expr(x.metric or "", names, want="number")
        for x in (history.expect if history else ())
    )
    return Prepared(prepare(pack), checks)


def play(prepared: Prepared, task: Task) -> GameResult:
    """One whole game of `task.strategy`; the bot's moves are legal by construction (step would raise)."""
    game = prepared.game
    bot = BOTS[task.strategy](game, np.random.default_rng(task.seed))
    state = new_game(game, task.seed, record=False)  # results need the numbers, not the trace
    at_checkpoint = None
    while not state.is_over:
        state = step(state, bot.act(state))
        if at_checkpoint is None and state.turn > CHECKPOINT_TURN:
            at_checkpoint = score(state).total
    card = score(state)
    used = sorted({(c.problem, c.approach) for c in state.contracts.values() if c.origin != "pack"})
    return GameResult(
        index=task.index, strategy=task.strategy, seed=task.seed, total=card.total, grade=card.grade,
        won=card.won, failed=state.over if state.over != "completed" else None, turn=state.turn,
        reserves=card.reserves, weighted_outcome=card.weighted_outcome, mean_trust=round(card.mean_trust, 2),
        total_at_checkpoint=at_checkpoint, events=tuple(sorted(set(state.fired))), used=tuple(used),
        reserves_series=tuple(float(s["reserves"]) for s in state.snapshots),
        outcome_series=_weighted_outcomes(game, state),
        expected=_expected(prepared.checks, state),
    )


def _expected(checks: tuple[Expr, ...], state: State) -> tuple[float, ...]:
    if not checks:
        return ()
    table = values(state)
    return tuple(float(check(table)) for check in checks)


_PREPARED: Prepared | None = None


def _init_worker(pack: Pack) -> None:
    """Prepare the pack once per worker. Ctrl-C is the parent's to handle: it stops handing out chunks
    and keeps what has finished, so a worker must not die half-way through a chunk."""
    global _PREPARED
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collector.tune()  # a forked worker has the parent's setting already; a spawned one starts afresh
    _PREPARED = prepare_for_simulation(pack)
    gc.freeze()  # see `run`


def _play_chunk(chunk: list[Task]) -> list[GameResult]:
    assert _PREPARED is not None, "worker not initialised"
    return [play(_PREPARED, task) for task in chunk]


def run(
    pack: Pack, tasks: list[Task], jobs: int = 1, on_progress: Callable[[int], None] | None = None,
    chunk_size: int | None = None,
) -> Iterator[GameResult]:
    """Yield every task's result (in completion order; sort by index for a stable list).

    Stopping the iteration early (Ctrl-C in the caller) cancels the chunks not yet started.
    Once the pack is prepared, everything alive then (modules, the pack, the prepared game) lives to
    the end, so it is frozen out of the cyclic collector, which would otherwise walk it again at
    every full collection among thousands of games (~3.5 % of a Hounslow run's instructions)."""
    progress = on_progress or (lambda n: None)
    if jobs <= 1:
        prepared = prepare_for_simulation(pack)
        gc.freeze()
        try:
            for task in tasks:
                result = play(prepared, task)
                progress(1)
                yield result
        finally:
            gc.unfreeze()  # this process goes on (a test, a caller): let its objects be collected again
        return
    size = chunk_size or max(1, min(50, len(tasks) // (jobs * 8) or 1))
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(pack,))
    try:
        pending = {pool.submit(_play_chunk, chunk) for chunk in chunks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                results = future.result()
                progress(len(results))
                yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
