"""The command line routes, helps, and refuses bad arguments with a status, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

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


def test_every_command_explains_itself_in_its_help():
    """Each command's --help says what it does (a description, not only its usage) and every argument has words."""
    import argparse

    from game.cli import build_parser

    def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found.append(((*path, name), sub))
                    found.extend(commands(sub, (*path, name)))
        return found

    for path, parser in commands(build_parser()):
        if path == ("room",) or path == ("play",):  # a group of commands; the default command (help is enough)
            continue
        assert parser.description, f"{' '.join(path)} --help has no description"
        for action in parser._actions:
            assert action.help, f"{' '.join(path)}: {action.dest} has no help text"
