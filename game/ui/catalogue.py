"""The scenarios the select screen offers: every pack folder under scenarios/ (not _library).

Listing reads only each pack.toml and its briefing, so the screen opens at
once; the full pack is loaded and validated when the player starts it, and a
broken pack is shown with its error instead of being hidden.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..engine.calendar import label, quarter_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
FALLBACK = ROOT / "tests" / "fixtures" / "fixture_pack"
"""shown only when no built-in scenario is installed yet"""
ORDER = ("tutorial", "wigan", "rotherham", "leicestershire", "hounslow")


@dataclass(frozen=True)
class ScenarioInfo:
    folder: Path
    id: str
    title: str
    pitch: str
    place: str
    difficulty: str
    turns: int
    start: str
    end: str
    years: str
    briefing: str
    error: str = ""


def scenario_folders(root: Path = SCENARIOS) -> list[Path]:
    found = [p for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(("_", "."))
             and (p / "pack.toml").is_file()] if root.is_dir() else []
    found.sort(key=lambda p: (ORDER.index(p.name) if p.name in ORDER else len(ORDER), p.name))
    return found or ([FALLBACK] if (FALLBACK / "pack.toml").is_file() else [])


def read_info(folder: Path) -> ScenarioInfo:
    briefing = ""
    try:
        briefing = (folder / "text" / "briefing.md").read_text("utf-8")
    except OSError:
        pass
    try:
        data = tomllib.loads((folder / "pack.toml").read_text("utf-8"))
        start = data["start"]
        turns = int(data["turns"])
        year, quarter = int(start["year"]), int(start["quarter"])
        end_year, end_quarter = quarter_of(year, quarter, turns)
        return ScenarioInfo(
            folder=folder, id=str(data.get("id", folder.name)), title=str(data.get("title", folder.name)),
            pitch=str(data.get("pitch", "")), place=str(data.get("place", "")),
            difficulty=str(data.get("difficulty", "standard")), turns=turns,
            start=label(year, quarter), end=label(end_year, end_quarter),
            years=f"{year}–{end_year}" if end_year != year else str(year), briefing=briefing,
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        return ScenarioInfo(folder, folder.name, folder.name, "", "", "", 0, "", "", "", briefing,
                            error=f"This scenario's pack.toml cannot be read: {exc}")


def catalogue(root: Path = SCENARIOS) -> list[ScenarioInfo]:
    return [read_info(folder) for folder in scenario_folders(root)]
