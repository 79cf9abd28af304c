"""The command line routes, helps, and refuses bad arguments with a status, never a traceback."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_help_works_and_lists_play():
    out = run("--help")
    assert out.returncode == 0
    assert "play" in out.stdout and "Traceback" not in out.stderr


def test_unknown_command_is_a_usage_error():
    out = run("launch-missiles")
    assert out.returncode == 2
    assert "invalid choice" in out.stderr and "Traceback" not in out.stderr
