"""Pack validation: each class of mistake gets its message, file, line and column; nothing escapes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from game.content import PackError, load_pack
from tests.conftest import FIXTURE_PACK, ROOT


@pytest.fixture
def bad(tmp_path):
    target = tmp_path / "pack"
    shutil.copytree(FIXTURE_PACK, target)
    return target


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def problems_of(folder: Path) -> list:
    with pytest.raises(PackError) as exc:
        load_pack(folder)
    return exc.value.problems


def line_of(folder: Path, file: str, needle: str) -> int:
    return next(i for i, line in enumerate((folder / file).read_text().splitlines(), 1) if needle in line)


def test_unknown_key_with_suggestion_at_its_line(bad):
    edit(bad, "pack.toml", 'pitch = "', 'pich = "')
    [p] = problems_of(bad)
    assert (p.file.endswith("pack.toml"), p.line, p.column) == (True, line_of(bad, "pack.toml", "pich ="), 1)
    assert p.path == "pich" and "unknown key 'pich' (did you mean 'pitch'?)" in p.message


def test_wrong_type_says_expected_and_found(bad):
    edit(bad, "pack.toml", "turns = 16", 'turns = "sixteen"')
    [p] = problems_of(bad)
    assert p.line == line_of(bad, "pack.toml", "turns =") and p.path == "turns"
    assert p.message == 'expected a whole number, found "sixteen"' and p.column == len("turns = ") + 1


def test_out_of_range_number(bad):
    edit(bad, "problems.toml", "outcome = 65", "outcome = 165")
    [p] = problems_of(bad)
    assert p.path == "problem[0].outcome" and p.message == "expected a number of at most 100, found 165"
    assert p.line == line_of(bad, "problems.toml", "outcome = 165")


def test_missing_field_points_at_its_table(bad):
    edit(bad, "providers.toml", 'type = "outsourcer"\nstrategic', 'strategic')
    [p] = problems_of(bad)
    assert p.path == "provider[1].type" and "required" in p.message
    assert p.line == line_of(bad, "providers.toml", 'id = "megaserve"') - 1  # the [[provider]] header


def test_every_problem_in_one_run_including_cross_references_and_conditions(bad):
    edit(bad, "problems.toml", 'stakeholders = ["vcse", "residents"]', 'stakeholders = ["vsce", "residents"]')
    edit(bad, "events.toml", 'provider = "nhs_trust"', 'provider = "nhs_trsut"')
    edit(bad, "events.toml", 'trigger = "quarter == 4', 'trigger = "quater == 4')
    found = problems_of(bad)
    messages = [p.message for p in found]
    assert len(found) == 3
    assert any("'vsce' (did you mean 'vcse'?)" in m for m in messages)
    assert any("'nhs_trsut' (did you mean 'nhs_trust'?)" in m for m in messages)
    assert any("unknown name 'quater' (did you mean 'quarter'?)" in m for m in messages)
    trig = next(p for p in found if "quater" in p.message)
    assert trig.line == line_of(bad, "events.toml", "quater") and trig.path == "event[3].trigger"


def test_toml_syntax_error_has_line_and_column(bad):
    edit(bad, "stakeholders.toml", 'name = "Residents"', 'name = "Residents')
    [p] = problems_of(bad)
    assert p.file.endswith("stakeholders.toml") and p.line == 3 and "not valid TOML" in p.message


def test_duplicate_ids_and_contracts_that_cannot_be(bad):
    edit(bad, "providers.toml", 'id = "cleanco"', 'id = "localfix"')
    edit(bad, "providers.toml", 'problem = "waste"\napproach = "tender"', 'problem = "waste"\napproach = "alliance"')
    messages = [p.message for p in problems_of(bad)]
    assert any("'localfix' is used twice" in m for m in messages)
    assert any("allows" in m and "found 'alliance'" in m for m in messages)


def test_a_problem_no_provider_can_serve_is_caught(bad):
    edit(bad, "problems.toml", 'approaches = ["tender", "in_house", "outcomes", "specialist"]', 'approaches = ["step_in"]')
    edit(bad, "providers.toml", 'type = "in_house"', 'type = "council_company"')
    messages = [p.message for p in problems_of(bad)]
    assert any("can never be served" in m for m in messages)


def test_scheduled_event_outside_the_game(bad):
    edit(bad, "events.toml", 'date = "2019Q1"', 'date = "2030Q1"')
    [p] = problems_of(bad)
    assert p.path == "event[1].date" and "inside the game" in p.message


def test_unknown_format_says_what_this_version_reads(bad):
    edit(bad, "pack.toml", "format = 1", "format = 7")
    [p] = problems_of(bad)
    assert "reads pack format 1, not 7" in p.message


@pytest.mark.parametrize("content, expected", [
    (b"", "required"),
    (b"\x00\x01\x02binary", "binary data"),
    (b"title = \"caf\xe9\"", "not UTF-8"),
])
def test_hostile_files_get_one_clear_line(bad, content, expected):
    (bad / "pack.toml").write_bytes(content)
    assert any(expected in p.message for p in problems_of(bad))


def test_huge_file_is_refused_before_parsing(bad):
    (bad / "events.toml").write_bytes(b"# " + b"x" * 50_000_000)
    [p] = problems_of(bad)
    assert "at most" in p.message


def test_not_a_pack(tmp_path):
    with pytest.raises(PackError, match="no pack.toml"):
        load_pack(tmp_path)
    with pytest.raises(PackError, match="does not exist"):
        load_pack(tmp_path / "nowhere")


MUTATIONS = st.sampled_from(["delete_line", "swap_type", "corrupt", "truncate"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(["pack.toml", "problems.toml", "providers.toml", "stakeholders.toml", "events.toml"]),
       how=MUTATIONS, where=st.floats(0, 1), data=st.binary(min_size=1, max_size=8))
def test_mutated_packs_never_raise_anything_but_pack_error(tmp_path_factory, file, how, where, data):
    target = tmp_path_factory.mktemp("mut") / "pack"
    shutil.copytree(FIXTURE_PACK, target)
    raw = (target / file).read_bytes()
    cut = int(len(raw) * where)
    lines = raw.splitlines(keepends=True)
    if how == "delete_line" and lines:
        del lines[min(len(lines) - 1, int(len(lines) * where))]
        raw = b"".join(lines)
    elif how == "swap_type":
        raw = raw.replace(b"= ", b'= "', 1) if where < 0.5 else raw.replace(b'"', b"", 2)
    elif how == "corrupt":
        raw = raw[:cut] + data + raw[cut + len(data):]
    else:
        raw = raw[:cut]
    (target / file).write_bytes(raw)
    try:
        load_pack(target)
    except PackError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)


def test_validate_command_exit_codes(bad, capsys):
    from game.cli import main

    assert main(["validate", str(FIXTURE_PACK)]) == 0
    edit(bad, "pack.toml", "turns = 16", "turns = 0")
    assert main(["validate", str(FIXTURE_PACK), str(bad)]) == 1
    assert "turns" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["validate"])
    assert exit_.value.code == 2


@pytest.mark.parametrize("folder", sorted(p for p in (ROOT / "scenarios").iterdir()
                                          if p.is_dir() and not p.name.startswith("_")) or [FIXTURE_PACK],
                         ids=lambda p: p.name)
def test_every_built_in_pack_validates(folder):
    load_pack(folder)


def test_schema_command_writes_draft4_schemas(tmp_path):
    import json

    from game.cli import main

    assert main(["schema", "--out", str(tmp_path)]) == 0
    schema = json.loads((tmp_path / "problems.json").read_text())
    text = json.dumps(schema)
    assert "$defs" not in text and "#/definitions/" in text
    assert "domain" in schema["definitions"]["Problem"]["properties"]


def test_pack_format_doc_names_every_model_field():
    from game.content.reference_doc import all_field_names

    doc = (ROOT / "docs" / "PACK_FORMAT.md").read_text()
    missing = [f"{model}.{field}" for model, field in sorted(all_field_names())
               if f"#### {model}" not in doc or f"| `{field}` |" not in doc]
    assert not missing, f"docs/PACK_FORMAT.md lacks: {missing} (regenerate with python -m game.content.reference_doc)"


def _taplo(schema_dir, toml):
    import subprocess

    schema = (schema_dir / f"{toml.stem}.json").resolve().as_uri()
    return subprocess.run(["taplo", "check", "--schema", schema, str(toml)], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("folder", sorted([FIXTURE_PACK, *(p for p in (ROOT / "scenarios").iterdir()
                                                           if (p / "pack.toml").is_file())]),
                         ids=lambda p: p.name)
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
