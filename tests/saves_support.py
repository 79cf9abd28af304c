"""Games played a known way, shared by the saves, debrief and advice tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.engine import Choose, Classify, Commission, MakeSense, State, VaryContract, new_game, step
from tests.conftest import FIXTURE_PACK
from tests.helpers import answer_pending, end_turns


def played(game, turns: int = 6, seed: int = 7) -> State:
    """A game with a little of everything: sense-making, a classification, a commission, a variation, an answer."""
    s = new_game(game, seed)
    s = step(s, MakeSense("homelessness"))
    s = step(s, Classify("homelessness", "complex"))
    s = step(s, Commission("homelessness", "alliance", "shelter_partners"))
    s = end_turns(s, 2)
    s = step(s, VaryContract("c5", 60.0))
    s = end_turns(s, 1)
    if s.pending:
        s = step(s, Choose(s.pending[0].event, "reserves"))
    return end_turns(answer_pending(s), turns - 4)


def copy_pack(tmp_path: Path, name: str = "pack") -> Path:
    dest = tmp_path / name
    shutil.copytree(FIXTURE_PACK, dest)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")
