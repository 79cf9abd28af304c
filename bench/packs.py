"""Which packs the benches measure by default: the built-in ones, and the largest of them.

DESIGN §11 sets the engine and validation targets on the largest built-in pack
and the simulator's on any built-in pack, so the benches default to those.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "fixture_pack"


def builtin_packs() -> list[Path]:
    """Every pack folder under scenarios/ (the shared event library is not a pack), by name."""
    scenarios = ROOT / "scenarios"
    packs = sorted(p for p in scenarios.iterdir() if (p / "pack.toml").is_file()) if scenarios.is_dir() else []
    return packs or [FIXTURE]


def largest_pack() -> Path:
    """The built-in pack with the most bytes of TOML."""
    return max(builtin_packs(), key=lambda p: sum(f.stat().st_size for f in p.glob("*.toml")))
