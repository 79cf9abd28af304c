"""Shared fixtures: the fixture pack, loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_PACK = Path(__file__).resolve().parent / "fixtures" / "fixture_pack"


@pytest.fixture(scope="session")
def pack():
    from game.content.loader import load_pack

    return load_pack(FIXTURE_PACK)


@pytest.fixture(scope="session")
def game(pack):
    from game.engine import prepare

    return prepare(pack)
