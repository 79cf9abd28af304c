"""The kept validators (game/content/prebuilt.py) and the stand-in modules (quick_start.py) that make
`validate` quick: the cache is written, then used; what `validate` says is byte-for-byte the same with a
warm, cold, corrupt, unwritable or stale cache and with none; and asyncio stays out of the command.

Each check runs the command in a fresh interpreter (a process builds each validator once), with its own
cache folder through XDG_CACHE_HOME."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
BUILT_IN = sorted(p for p in SCENARIOS.iterdir() if (p / "pack.toml").is_file())


def env_with(cache: Path | None, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "COMMON_GROUND_NO_CACHE")}
    if cache is None:
        env["COMMON_GROUND_NO_CACHE"] = "1"
    else:
        env["XDG_CACHE_HOME"] = str(cache)
    env.update(more)
    return env


def validate(cache: Path | None, *packs: Path, main: Path = ROOT / "main.py") -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, str(main), "validate", *map(str, packs)], capture_output=True,
                          cwd=ROOT, env=env_with(cache), timeout=120)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


PROBE = """
import json, sys
import pydantic._internal._model_construction as construction
built = []
original = construction.complete_model_class
def spy(cls, *args, **kwargs):
    built.append(cls.__name__)
    return original(cls, *args, **kwargs)
construction.complete_model_class = spy
from game.cli import main
status = main(["validate", *sys.argv[1:]])
print(json.dumps({"status": status, "built_by_pydantic": built}))
"""


def probe(cache: Path | None, *packs: Path) -> dict:
    """Validate in a fresh interpreter and say which models pydantic itself had to build."""
    done = subprocess.run([sys.executable, "-c", PROBE, *map(str, packs)], capture_output=True, cwd=ROOT,
                          env=env_with(cache), timeout=120, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def cache_files(cache: Path) -> list[Path]:
    return sorted((cache / "common-ground").glob("validators-*.pickle"))


def copy_with(tmp_path: Path, name: str, edits: list[tuple[str, str, str]]) -> Path:
    """A copy of Rotherham with each (file, old, new) replacement made once."""
    pack = tmp_path / name
    shutil.copytree(SCENARIOS / "rotherham", pack)
    for file, old, new in edits:
        text = (pack / file).read_text(encoding="utf-8")
        assert old in text, (file, old)
        (pack / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return pack


def broken_copy(tmp_path: Path) -> Path:
    """Mistakes found in the first round: a strict type, unknown keys (one a misplaced table)."""
    return copy_with(tmp_path, "broken", [
        ("pack.toml", "turns = 16 ", 'turns = "16" '),
        ("pack.toml", "[scoring.weights]", "colour = 3\n[scoring_weights]"),
        ("problems.toml", "[[problem]]\n", "[[problem]]\ndemmand = 4\n"),
    ])


def broken_events_only(tmp_path: Path) -> Path:
    """Sound core files and no [scoring] table (its default factories validate), an events.toml that fails
    as a whole (so each event is checked on its own) with a bad trigger, and a history with a misspelt action
    kind, a wrong domain and an unknown problem: the second round of checks."""
    weights = "[scoring.weights]\n"
    text = (SCENARIOS / "rotherham" / "pack.toml").read_text(encoding="utf-8")
    start = text.index(weights)
    block = text[start:text.index("\n\n", start)]
    return copy_with(tmp_path, "events", [
        ("pack.toml", block, ""),
        ("events.toml", 'id = "ofsted_2014"', 'id = "ofsted_2014"\nprobability = 2'),
        ("events.toml", 'trigger = "problem.homes.grade == 0', 'trigger = "problem.home.grade == 0'),
        ("history.toml", 'kind = "make_sense"', 'kind = "make_sens"'),
        ("history.toml", 'problem = "exploitation", domain = "chaotic"', 'problem = "exploitation", domain = "chaos"'),
        ("history.toml", 'problem = "social_care" }', 'problem = "socal_care" }'),
    ])


def test_first_run_writes_the_cache_and_the_second_uses_it(tmp_path):
    cache = tmp_path / "cache"
    first = probe(cache, SCENARIOS / "rotherham")
    assert first["status"] == 0 and "PackInfo" in first["built_by_pydantic"]
    assert len(cache_files(cache)) == 1
    second = probe(cache, SCENARIOS / "rotherham")
    assert second == {"status": 0, "built_by_pydantic": []}  # nothing left for pydantic to build


@pytest.mark.parametrize("pack", BUILT_IN, ids=lambda p: p.name)
def test_a_warm_cache_serves_every_model_a_built_in_pack_needs(tmp_path, pack):
    cache = tmp_path / "cache"
    probe(cache, SCENARIOS / "rotherham")
    assert probe(cache, pack)["built_by_pydantic"] == []


def test_the_cache_is_not_written_or_read_when_turned_off(tmp_path):
    cache = tmp_path / "cache"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", str(SCENARIOS / "wigan")],
                          capture_output=True, cwd=ROOT, env=env_with(cache, COMMON_GROUND_NO_CACHE="1"), timeout=120)
    assert done.returncode == 0
    assert not (cache / "common-ground").exists()


def test_messages_are_identical_without_with_a_cold_and_with_a_warm_cache(tmp_path):
    packs = [*BUILT_IN, broken_copy(tmp_path), broken_events_only(tmp_path), tmp_path / "nowhere"]
    cache = tmp_path / "cache"
    without = validate(None, *packs)
    found = ("make_sens", "classify.domain", "socal_care", "problem.home.grade")
    assert without[0] == 1 and all(f in without[2] for f in found)
    assert "checks between files may find more" in without[2]
    assert validate(cache, *packs) == without  # cold: pydantic builds, the cache is written
    assert cache_files(cache)
    assert validate(cache, *packs) == without  # warm: every validator comes from the cache


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path):
    cache = tmp_path / "cache"
    pack = broken_copy(tmp_path)
    expected = validate(None, pack)
    validate(cache, pack)
    [file] = cache_files(cache)
    good = file.read_bytes()
    for garbage in (b"", b"not a pickle", good[: len(good) // 2], b"\x80\x05N."):  # empty, junk, truncated, None
        file.write_bytes(garbage)
        assert validate(cache, pack) == expected
        assert file.read_bytes() != garbage  # rebuilt
        assert probe(cache, pack)["built_by_pydantic"] == []  # and used again


def test_a_cache_file_others_may_write_is_not_loaded(tmp_path):
    cache = tmp_path / "cache"
    validate(cache, SCENARIOS / "wigan")
    [file] = cache_files(cache)
    file.chmod(0o666)
    assert probe(cache, SCENARIOS / "wigan")["built_by_pydantic"] != []


def test_an_unwritable_cache_folder_changes_nothing(tmp_path):
    pack = broken_copy(tmp_path)
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("in the way")
    assert validate(not_a_folder, pack) == validate(None, pack)
    assert validate(not_a_folder, SCENARIOS / "rotherham")[0] == 0


def test_a_cache_written_for_other_model_code_is_not_used(tmp_path):
    """Change a bound in a copy of the code: the copy must not take the original's kept validators."""
    cache = tmp_path / "cache"
    assert validate(cache, SCENARIOS / "rotherham")[0] == 0
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "game", copy / "game", ignore=shutil.ignore_patterns("__pycache__", "assets", "*.png"))
    shutil.copy(ROOT / "main.py", copy / "main.py")
    models = copy / "game" / "content" / "models.py"
    text = models.read_text(encoding="utf-8")
    old = 'turns: int = Field(ge=2, le=40, description="Number of quarters the game lasts.")'
    assert old in text
    models.write_text(text.replace(old, old.replace("le=40", "le=12")), encoding="utf-8")
    status, _, err = validate(cache, SCENARIOS / "rotherham", main=copy / "main.py")
    assert status == 1 and "turns" in err and "12" in err
    assert len(cache_files(cache)) == 2  # one per version of the model code
    assert validate(cache, SCENARIOS / "rotherham")[0] == 0  # and the original's still serves the original


def test_models_completed_from_the_cache_look_as_pydantic_leaves_them(tmp_path):
    script = """
import inspect, json, re, sys
from game.content import loader, prebuilt
served = prebuilt.ready(loader.VALIDATED)
out = {}
for model in loader.VALIDATED:
    out[model.__name__] = [sorted(k for k in vars(model) if k.startswith("__pydantic") or k == "__signature__"),
                           type(model.__pydantic_validator__).__name__, type(model.__pydantic_serializer__).__name__,
                           re.sub(" at 0x[0-9a-f]+", "", str(inspect.signature(model))), model.__pydantic_complete__,
                           json.dumps(model.model_json_schema(), sort_keys=True)]
print(json.dumps([served, out]))
"""

    def run(cache: Path | None) -> list:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                              env=env_with(cache), timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    cache = tmp_path / "cache"
    built = run(None)
    assert built[0] is False
    run(cache)
    served = run(cache)
    assert served[0] is True
    assert served[1] == built[1]


def test_every_model_made_by_a_default_factory_is_kept():
    """A table a file may leave out (`Field(default_factory=Weights)`) is validated by its own validator,
    so it must be in the kept set or every run would build it."""
    from pydantic import BaseModel

    from game.content import models
    from game.content.loader import VALIDATED

    factories = {field.default_factory for model in vars(models).values()
                 if isinstance(model, type) and issubclass(model, BaseModel)
                 for field in model.model_fields.values()}
    made = {f for f in factories if isinstance(f, type) and issubclass(f, BaseModel)}
    assert made and made <= set(VALIDATED)


def run_python(script: str) -> None:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")


def test_validate_leaves_asyncio_and_importlib_metadata_out_and_both_work_after():
    run_python("""
import sys
from game.cli import main
assert main(["validate", "scenarios/rotherham"]) == 0  # a history: pydantic's plugin loader is imported
assert not [m for m in sys.modules if m.startswith("asyncio") or m == "importlib.metadata"]
import asyncio
async def answer():
    await asyncio.sleep(0)
    return 42
assert asyncio.run(answer()) == 42
assert asyncio.coroutines.iscoroutinefunction(answer)
import importlib.metadata
import pydantic
assert importlib.metadata.version("pydantic") == pydantic.VERSION
import pydantic.plugin._loader as plugins  # it kept the stand-in: that now answers from the real module
assert plugins.importlib_metadata.version("pydantic") == pydantic.VERSION
assert list(plugins.get_plugins()) == [] and plugins._plugins == {}  # discovery ran, through the stand-in
print("ok")
""")


def test_a_stand_in_becomes_the_real_module_when_used_and_is_gone_after_its_block():
    import asyncio

    from game.content.quick_start import modules_left_out

    with modules_left_out():
        assert sys.modules["asyncio"] is asyncio  # imported already: left alone
    run_python("""
import sys
from game.content.quick_start import StandIn, modules_left_out
with modules_left_out():
    import asyncio.coroutines
    import importlib.metadata
    assert isinstance(asyncio, StandIn) and isinstance(importlib.metadata, StandIn)
    assert not asyncio.coroutines.iscoroutinefunction(len)  # answered by the stand-in: asyncio not imported
    assert "asyncio.events" not in sys.modules
    kept = asyncio
    assert asyncio.run(asyncio.sleep(0, "slept")) == "slept"  # anything else: the real asyncio, imported now
    assert not isinstance(sys.modules["asyncio"], StandIn) and "asyncio.events" in sys.modules
    assert importlib.metadata.version("pydantic")
    assert not isinstance(sys.modules["importlib.metadata"], StandIn)
assert not isinstance(sys.modules["asyncio"], StandIn) and kept.get_event_loop_policy() is not None
with modules_left_out():
    assert not isinstance(sys.modules["asyncio"], StandIn)  # nothing to stand in for now
print("ok")
""")
    run_python("""
import sys
from game.content.quick_start import StandIn, modules_left_out
with modules_left_out():
    import importlib
    assert isinstance(importlib.metadata, StandIn)
assert "asyncio" not in sys.modules and "importlib.metadata" not in sys.modules
assert not hasattr(importlib, "metadata")
import asyncio, importlib.metadata
assert not isinstance(asyncio, StandIn) and not isinstance(importlib.metadata, StandIn)
assert importlib.metadata is sys.modules["importlib.metadata"]
print("ok")
""")


def test_validate_skips_pydantic_plugin_discovery_and_restores_the_switch(monkeypatch):
    from game.content.quick_start import pydantic_plugins_off

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    with pydantic_plugins_off():
        assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    assert "PYDANTIC_DISABLE_PLUGINS" not in os.environ
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some_plugin")
    with pydantic_plugins_off():
        assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some_plugin"  # the user's choice stands
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some_plugin"
    script = """
import os
from game.cli import main
assert main(["validate", "scenarios/rotherham"]) == 0  # a history: the engine's action parser is built
import pydantic.plugin._loader as loader
assert loader._plugins is None and "PYDANTIC_DISABLE_PLUGINS" not in os.environ
print("ok")
"""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0, done.stderr


def test_validate_pauses_cyclic_gc_only_while_it_runs():
    import gc

    from game.cli import main
    from game.content.quick_start import cyclic_gc_paused

    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
    assert main(["validate", str(SCENARIOS / "tutorial")]) == 0
    assert gc.isenabled()


def test_if_completing_from_the_cache_fails_pydantic_builds_the_models_and_nothing_changes(tmp_path):
    """Should a pydantic release complete models differently from prebuilt._complete, half-completed
    models are rebuilt by pydantic itself and validate says the same."""
    cache = tmp_path / "cache"
    pack = broken_events_only(tmp_path)
    expected = validate(None, pack)
    validate(cache, pack)
    script = """
import sys
from game.content import prebuilt
original, done = prebuilt._complete, []
def fails_on_the_second(model, *parts):
    if done:
        raise RuntimeError("not as expected")
    done.append(model)
    original(model, *parts)
prebuilt._complete = fails_on_the_second
from game.cli import main
sys.exit(main(["validate", sys.argv[1]]))
"""
    done = subprocess.run([sys.executable, "-c", script, str(pack)], capture_output=True, cwd=ROOT,
                          env=env_with(cache), timeout=120)
    assert (done.returncode, done.stdout.decode(), done.stderr.decode()) == expected
