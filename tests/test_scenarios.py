"""The built-in scenarios as a whole (issue 6): they load, cite their numbers, do not copy their sources,
share the Carillion shock, and still teach their lesson over many seeds.

The lesson checks run on a small number of seeds here so that CI stays fast;
docs/BALANCE.md records the same checks over at least 2,000 seeds per pack.
Pack-specific behaviour (the real shocks on their real turns, the history path's
own story) lives in tests/test_scenario_<folder>.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from game.content.loader import load_pack
from game.content.models import Pack
from game.content.provenance import pack_unsourced
from game.engine.calendar import quarter_of
from game.sim.lessons import carillion_events, check_lessons, play_without_carillion
from game.sim.runner import run, tasks_for
from game.sim.bots import BOTS
from game.ui.catalogue import catalogue
from tests.originality import copied_runs, seed_fingerprints

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
BUILT_IN = ("wigan", "rotherham", "leicestershire", "hounslow")
LESSON_RUNS = 40
CARILLION_QUARTER = (2018, 1)


@lru_cache(maxsize=None)
def built_in(folder: str) -> Pack:
    path = SCENARIOS / folder
    assert (path / "pack.toml").is_file(), f"the built-in scenario {folder} is missing from scenarios/"
    return load_pack(path)


def covers(pack: Pack, year: int, quarter: int) -> bool:
    start = pack.info.start
    return any(quarter_of(start.year, start.quarter, t) == (year, quarter) for t in range(1, pack.info.turns + 1))


@pytest.mark.parametrize("folder", BUILT_IN)
def test_the_pack_is_complete(folder):
    pack = built_in(folder)
    assert pack.history is not None and pack.history.step and pack.history.outcome and pack.history.expect
    assert pack.history.direction
    assert all(o.source for o in pack.history.outcome)
    assert {"briefing", "debrief"} <= set(pack.texts)
    guide = (ROOT / "docs" / "scenarios" / f"{folder}.md").read_text("utf-8").lower()
    for heading in ("learning goals", "decisive moments", "debrief questions"):
        assert heading in guide, f"docs/scenarios/{folder}.md has no '{heading}' section"


@pytest.mark.parametrize("folder", [*BUILT_IN, "tutorial"])
def test_every_number_names_its_source_or_says_it_is_an_assumption(folder):
    path = SCENARIOS / folder
    assert path.is_dir(), f"scenarios/{folder} is missing"
    unsourced = pack_unsourced(path)
    assert not unsourced, "\n".join(map(str, unsourced[:20]))


def pack_prose(folder: Path) -> str:
    texts = [p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.suffix in (".toml", ".md")]
    return "\n".join(texts)


@pytest.mark.parametrize("folder", [*BUILT_IN, "tutorial"])
def test_no_sentence_is_copied_from_the_sources(folder):
    path = SCENARIOS / folder
    assert path.is_dir(), f"scenarios/{folder} is missing"
    copied = copied_runs(pack_prose(path), seed_fingerprints())
    assert not copied, f"text in scenarios/{folder} repeats the sources word for word: {copied[:5]}"


def test_the_copy_check_would_catch_a_copied_sentence():
    quoted = ("Hounslow's parks and open spaces were managed by Carillion up to January 2017 when Carillion "
              "collapsed.")
    assert copied_runs(quoted, seed_fingerprints())


def test_carillion_hits_every_scenario_whose_years_cover_january_2018():
    folders = [p for p in sorted(SCENARIOS.iterdir()) if (p / "pack.toml").is_file()]
    assert {f.name for f in folders} >= set(BUILT_IN)
    for folder in folders:
        pack = built_in(folder.name) if folder.name in BUILT_IN else load_pack(folder)
        shocks = carillion_events(pack)
        if covers(pack, *CARILLION_QUARTER):
            assert [e.date for e in shocks] == ["2018Q1"], f"{folder.name} covers January 2018 but has no Carillion"
            assert any(v.strategic for v in pack.providers), f"{folder.name} has nobody for Carillion to be"
        else:
            assert not shocks, f"{folder.name} does not cover January 2018 yet has the Carillion event"


def test_the_scenario_select_lists_every_built_in_scenario():
    listed = {info.folder.name: info for info in catalogue(SCENARIOS)}
    for folder in BUILT_IN:
        info = listed[folder]
        assert not info.error, info.error
        assert info.title and info.pitch and info.turns >= 12 and info.difficulty and "–" in info.years


@lru_cache(maxsize=None)
def lessons(folder: str) -> tuple:
    pack = built_in(folder)
    seed = pack.info.seed
    results = list(run(pack, tasks_for(list(BOTS), seed, LESSON_RUNS), jobs=2))
    without = play_without_carillion(pack, seed, LESSON_RUNS, jobs=2)
    return tuple(check_lessons(pack, results, without))


@pytest.mark.parametrize("folder", BUILT_IN)
def test_the_lesson_holds(folder):
    failed = [f"{lesson.name}: {lesson.measured} (target {lesson.target})"
              for lesson in lessons(folder) if not lesson.passed]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("folder", BUILT_IN)
def test_the_carillion_check_runs_where_it_should(folder):
    names = [lesson.name for lesson in lessons(folder)]
    has_shock = bool(carillion_events(built_in(folder)))
    assert ("the Carillion event changes the final score" in names) == has_shock
