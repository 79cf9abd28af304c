"""A crash at any moment of a save leaves the old save or the new one on disk, never a broken file.

A real process writes saves in a loop and is killed with SIGKILL at random
moments; after each kill the file must load as one of the two games, and a
reader watching while it writes must never see anything else.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from game.engine import digest, new_game
from game.saves import list_saves, read_save
from game.saves.atomic import atomic_write, is_temp, sweep_temp
from tests.conftest import FIXTURE_PACK, ROOT
from tests.helpers import end_turns

WRITER = """
import os, sys
from pathlib import Path
from game.content.loader import load_pack
from game.engine import digest, new_game
from game.saves import save_game
from tests.helpers import end_turns

pack = load_pack(sys.argv[3])
small, large = new_game(pack, 1), end_turns(new_game(pack, 2), 16)
thumb = b"\\x89PNG\\r\\n\\x1a\\n" + os.urandom(1_500_000)  # a big file, so kills often land mid-write
target, ready = Path(sys.argv[1]), Path(sys.argv[2])
save_game(target, small, thumbnail=thumb)
ready.write_text("ready")
while True:
    save_game(target, large, thumbnail=thumb)
    save_game(target, small, thumbnail=thumb)
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def start_writer(target, ready) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(ready), str(FIXTURE_PACK)], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not ready.exists():
        if proc.poll() is not None:
            pytest.fail(f"writer died: {proc.stderr.read().decode()}")
        assert time.monotonic() < deadline, "writer never started"
        time.sleep(0.02)
    ready.unlink()
    return proc


def test_killing_the_writer_at_any_moment_leaves_a_whole_save(tmp_path, game):
    expected = {digest(new_game(game, 1)), digest(end_turns(new_game(game, 2), 16))}
    target, ready = tmp_path / "slot.json", tmp_path / "ready"
    rng = random.Random(8)
    for _ in range(4):
        proc = start_writer(target, ready)
        try:
            deadline = time.monotonic() + rng.uniform(0.2, 0.9)
            while time.monotonic() < deadline:  # a reader alongside the writer never sees a partial file
                assert read_save(target).digest in expected
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        assert read_save(target).digest in expected
        assert [i.path.name for i in list_saves(tmp_path)] == ["slot.json"], "leftover temp files are not saves"


def test_failed_write_removes_its_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "x.json"
    target.write_bytes(b"old")

    def broken_fsync(_fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("game.saves.atomic.os.fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_stale_temporary_files_are_swept_and_fresh_ones_kept(tmp_path):
    stale, fresh = tmp_path / ".a.json.1.tmp", tmp_path / ".b.json.2.tmp"
    for p in (stale, fresh):
        p.write_bytes(b"partial")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    sweep_temp(tmp_path)
    assert not stale.exists() and fresh.exists() and is_temp(fresh)
