"""The authoring commands: a fresh scaffold is a valid, playable pack with editor schemas that taplo
accepts, and the schemas catch a wrong value as the editor would."""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pytest

from game.cli import main
from game.content import load_pack
from game.engine import legal_actions, new_game, prepare, step
from tests.conftest import FIXTURE_PACK, ROOT

PACKS = sorted([FIXTURE_PACK, *(p for p in (ROOT / "scenarios").iterdir() if (p / "pack.toml").is_file())])


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory):
    where = tmp_path_factory.mktemp("new")
    assert main(["new-scenario", "Little Snoring", "--dir", str(where)]) == 0
    [folder] = [p for p in where.iterdir() if p.is_dir()]
    return folder


def test_a_fresh_scaffold_validates_unchanged_and_plays_to_the_end(scaffold, capsys):
    assert main(["validate", str(scaffold)]) == 0
    assert "valid" in capsys.readouterr().out
    game = prepare(load_pack(scaffold))
    rng = np.random.default_rng(1)
    state = new_game(game, 1)
    while not state.is_over:
        actions = legal_actions(state)
        state = step(state, actions[int(rng.integers(len(actions)))])
    assert state.turn >= 1 and state.over is not None


def test_every_scaffold_file_says_what_its_fields_mean_and_names_its_schema(scaffold):
    for toml in scaffold.glob("*.toml"):
        text = toml.read_text("utf-8")
        assert text.startswith("#:schema "), toml.name
        assert text.count("#") > 10, f"{toml.name} has too few comments for an author who never read the code"


def test_schema_command_writes_draft4_schemas(tmp_path):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    schema = json.loads((tmp_path / "problems.json").read_text())
    text = json.dumps(schema)
    assert "$defs" not in text and "#/definitions/" in text
    assert "domain" in schema["definitions"]["Problem"]["properties"]
    assert "expect" in json.loads((tmp_path / "history.json").read_text())["properties"]


def test_schema_into_a_file_is_one_line_not_a_traceback(tmp_path, capsys):
    (tmp_path / "taken").write_text("x")
    assert main(["schema", "--out", str(tmp_path / "taken")]) == 1
    err = capsys.readouterr().err
    assert err == f"common-ground: --out {tmp_path / 'taken'} is a file; give a folder to write the schemas into\n"
    assert main(["schema", "--out", str(tmp_path / "taken" / "schemas")]) == 1
    assert capsys.readouterr().err.startswith(f"common-ground: cannot write the schemas to {tmp_path / 'taken'}")


def _taplo(schema_dir, toml):
    schema = (schema_dir / f"{toml.stem}.json").resolve().as_uri()
    return subprocess.run(["taplo", "check", "--schema", schema, str(toml)], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("folder", PACKS, ids=lambda p: p.name)
def test_packs_pass_the_editor_schema(folder, tmp_path):
    from game.content.schema import write_schemas

    if shutil.which("taplo") is None:
        pytest.skip("taplo (pip install taplo) is not installed")
    write_schemas(tmp_path)
    for toml in folder.glob("*.toml"):
        result = _taplo(tmp_path, toml)
        assert result.returncode == 0, result.stderr


def test_the_editor_schema_catches_a_wrong_domain(tmp_path):
    from game.content.schema import write_schemas

    if shutil.which("taplo") is None:
        pytest.skip("taplo (pip install taplo) is not installed")
    write_schemas(tmp_path)
    bad = tmp_path / "problems.toml"
    bad.write_text((FIXTURE_PACK / "problems.toml").read_text().replace('domain = "clear"', 'domain = "clearr"', 1))
    result = _taplo(tmp_path, bad)
    assert result.returncode != 0 and "clearr" in result.stderr
