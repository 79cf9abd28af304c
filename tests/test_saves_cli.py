"""`replay SAVE [--to-turn N]` and `debrief SAVE [--html OUT]` from the command line."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from game.cli import main
from game.saves import save_game
from tests.conftest import ROOT
from tests.saves_support import copy_pack, edit, played


@pytest.fixture(scope="module")
def state(game):
    return played(game, turns=8)


@pytest.fixture
def saved(tmp_path, state):
    folder = copy_pack(tmp_path)
    return save_game(tmp_path / "saves", state, name="Game", pack_path=folder), folder


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_replay_matches_the_save(saved, capsys):
    code, out, _ = run(capsys, "replay", str(saved[0]))
    assert code == 0
    assert "OK: the rebuilt game matches the save exactly" in out
    assert "replayed 12 decisions from seed 7" in out


def test_replay_to_a_turn(saved, capsys):
    code, out, _ = run(capsys, "replay", str(saved[0]), "--to-turn", "3")
    assert code == 0
    assert "now turn 4" in out and "OK: turns 1 to 3 match the save." in out


def test_replay_names_the_first_turn_that_differs(saved, capsys):
    path, folder = saved
    edit(folder / "events.toml", "turn = 5\neffects = [{ type = \"election\" }]",
         "turn = 6\neffects = [{ type = \"election\" }]")
    code, out, err = run(capsys, "replay", str(path))
    assert code == 1
    assert "has changed since the save" in err
    assert re.search(r"DIFFERS from turn 5: ", out), out


def test_replay_on_another_pack_folder(saved, capsys, tmp_path):
    path, _ = saved
    other = copy_pack(tmp_path, "elsewhere")
    edit(other / "pack.toml", "grant = 120.0", "grant = 100.0")
    code, out, _ = run(capsys, "replay", str(path), "--pack", str(other))
    assert code == 1
    assert "DIFFERS from turn 1: Reserves" in out


def test_replay_reports_a_decision_that_cannot_be_made(saved, capsys):
    path, folder = saved
    edit(folder / "providers.toml", 'id = "shelter_partners"\nname = "Shelter Partners"\ntype = "vcse"',
         'id = "shelter_partners"\nname = "Shelter Partners"\ntype = "outsourcer"')
    code, out, _ = run(capsys, "replay", str(path))
    assert code == 1
    assert "replay failed in turn 1: Decision 3 (quarter 1: commissioned alliance" in out


def test_debrief_prints_the_story(saved, capsys):
    code, out, _ = run(capsys, "debrief", str(saved[0]))
    assert code == 0
    for part in ("The decisions that mattered most", "Cynefin map", "Events that hit", "Grant cut"):
        assert part in out


def test_debrief_writes_one_html_file(saved, capsys, tmp_path):
    out_file = tmp_path / "report" / "debrief.html"
    code, out, err = run(capsys, "debrief", str(saved[0]), "--html", str(out_file))
    assert code == 0 and f"Wrote {out_file}" in out and "writing the report" in err
    html = out_file.read_text("utf-8")
    assert html.startswith("<!doctype html>") and "The three decisions that mattered most" in html


def test_debrief_of_a_changed_pack_offers_to_replay(saved, capsys):
    path, folder = saved
    edit(folder / "pack.toml", 'pitch = "A fictional', 'pitch = "An edited')
    code, _, err = run(capsys, "debrief", str(path))
    assert code == 1 and "has changed since" in err and "--replay" in err
    code, out, _ = run(capsys, "debrief", str(path), "--replay")
    assert code == 0 and "The decisions that mattered most" in out


@pytest.mark.parametrize("command", ["replay", "debrief"])
def test_a_bad_save_is_one_line_and_no_traceback(tmp_path, command):
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "something else"}', "utf-8")
    out = subprocess.run([sys.executable, "main.py", command, str(bad)], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert out.returncode == 1
    assert out.stderr.strip() == "common-ground: bad.json is not a Common Ground save (it holds other data)."


def test_to_turn_must_be_a_turn(saved, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["replay", str(saved[0]), "--to-turn", "0"])
    assert exit_.value.code == 2
    assert "turns are numbered from 1" in capsys.readouterr().err
