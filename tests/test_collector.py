"""The game's garbage-collector setting (game.collector): what it rests on, and who applies it."""

from __future__ import annotations

import gc
import signal
from collections.abc import Iterator

import numpy as np
import pytest

from game import collector
from game.engine import new_game
from tests.conftest import ROOT
from tests.helpers import play_bot, random_play


@pytest.fixture
def default_thresholds() -> Iterator[None]:
    """CPython's thresholds during the test, and the session's own back after it."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize("record", [True, False])
def test_playing_a_game_makes_no_reference_cycles(game, record):
    """The setting holds the youngest collection back because play makes nothing for it to free: every
    game's objects go when their last reference does. A cycle added to the engine fails this."""
    from game.sim.bots import BOTS

    gc.collect()
    gc.disable()
    try:
        for seed in range(4):
            random_play(new_game(game, seed, record=record), np.random.default_rng(seed))
        for name in BOTS:
            play_bot(game, name, 7)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_tune_raises_only_the_youngest_threshold(default_thresholds):
    gc.set_threshold(700, 12, 15)
    collector.tune()
    assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, 12, 15)
    assert collector.YOUNG_THRESHOLD > 700


def test_every_command_runs_with_the_setting(default_thresholds):
    from game.cli import main

    assert main(["validate", str(ROOT / "scenarios" / "tutorial")]) == 0
    assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD


def test_a_simulator_worker_applies_it_itself(default_thresholds, pack):
    """A forked worker inherits the parent's setting; a spawned one (Windows, macOS) starts with
    CPython's, so the worker's initialiser sets it (called here in this process, from CPython's
    thresholds, as a spawned worker would start)."""
    from game.sim import runner

    handler = signal.getsignal(signal.SIGINT)
    frozen = gc.get_freeze_count()
    try:
        runner._init_worker(pack)
        assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD
    finally:
        signal.signal(signal.SIGINT, handler)
        if gc.get_freeze_count() > frozen:
            gc.unfreeze()
        runner._PREPARED = None
