"""The engine bench and its yardstick: the figure at the reference machine's speed is the measured
figure times how much slower DESIGN §11's bare screen runs here (not a speed test: it checks the
arithmetic and the report, on a few games)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURE_PACK

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _number(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in:\n{text}"
    return float(found.group(1).replace(",", ""))


def test_the_figure_at_reference_speed_is_the_measured_one_times_the_yardstick_factor():
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_engine.py"), str(FIXTURE_PACK), "--games", "30", "--repeat", "1",
         "--yardstick", "30"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    measured = _number(r"turns/s \(cpu\): ([\d,]+)", out)
    p99 = _number(r"on the reference machine\): ([\d.]+) ms", out)
    scaled = _number(r"reference machine's speed: best ([\d,]+)", out)
    assert measured > 0 and p99 > 0
    assert abs(scaled - measured * p99 / 2.0) <= 0.01 * scaled + 2


def test_the_yardstick_can_be_left_out():
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_engine.py"), str(FIXTURE_PACK), "--games", "5", "--repeat", "1",
         "--yardstick", "0"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "turns/s (cpu)" in done.stdout and "yardstick" not in done.stdout


def test_the_yardstick_reports_its_p99_alone_when_asked():
    done = subprocess.run([sys.executable, str(BENCH / "calibrate.py"), "--frames", "20", "--repeat", "2", "--p99"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    values = [float(line) for line in done.stdout.split()]
    assert len(values) == 2 and all(v > 0 for v in values)
