"""The player's display and sound preferences, kept between games.

Stored as JSON in the platform's per-user config folder (or under
`$COMMON_GROUND_HOME` when set, which the tests use). A damaged or
hand-edited file never stops the game: unreadable values fall back to the
defaults and the player is told once.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

RESOLUTIONS: tuple[tuple[int, int], ...] = (
    (1280, 720), (1366, 768), (1600, 900), (1920, 1080), (2560, 1440), (3840, 2160),
)
UI_SCALES: tuple[float, ...] = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5)
TEXT_SIZES: tuple[float, ...] = (0.9, 1.0, 1.15, 1.3)
PALETTES: tuple[str, ...] = ("standard", "colour_blind")


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    resolution: tuple[int, int] = Field((1280, 720), description="Window size when not fullscreen.")
    fullscreen: bool = False
    ui_scale: float = Field(1.0, ge=0.5, le=2.5)
    text_size: float = Field(1.0, ge=0.7, le=2.0)
    palette: Literal["standard", "colour_blind"] = "standard"
    sound: bool = True


def config_dir() -> Path:
    """`$COMMON_GROUND_HOME`, else the platform's per-user configuration folder."""
    home = os.environ.get("COMMON_GROUND_HOME")
    if home:
        return Path(home)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "Common Ground"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Common Ground"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "common-ground"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> tuple[Settings, str | None]:
    """The saved settings and, if the file could not be used as it was, a message saying so."""
    path = settings_path()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), f"Could not read your settings ({exc.strerror}); using the defaults."
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except ValueError:
        return Settings(), f"Your settings file {path} is damaged; using the defaults."
    try:
        return Settings.model_validate(data), None
    except ValidationError as exc:
        good = {k: v for k, v in data.items() if not any(e["loc"] and e["loc"][0] == k for e in exc.errors())}
        names = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
        return Settings.model_validate(good), f"Some settings were not understood ({names}); using defaults for those."


def save_settings(settings: Settings) -> str | None:
    """Write the settings (atomically); returns a message if that failed."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(settings.model_dump_json(indent=2), "utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        return f"Could not save your settings to {path}: {exc.strerror or exc}."
    return None
