"""`simulate` from the command line: outputs written, exit codes for mistakes, Ctrl-C keeps partial results."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from tests.conftest import FIXTURE_PACK


def test_simulate_writes_json_and_a_self_contained_html(tmp_path, capsys):
    out, page = tmp_path / "sim.json", tmp_path / "sim.html"
    status = main(["simulate", str(FIXTURE_PACK), "--runs", "3", "--strategy", "random", "cynefin_matched",
                   "--json", str(out), "--html", str(page)])
    assert status == 0
    summary = json.loads(out.read_text())
    assert set(summary["strategies"]) == {"random", "cynefin_matched"}
    assert len(summary["results"]) == 6 and summary["complete"]
    assert (summary["seed"], summary["runs"]) == (7, 3)  # the pack's own seed by default
    html = page.read_text()
    assert html.count("data:image/png;base64,") == 3
    assert "http://" not in html and "https://" not in html
    assert "cynefin_matched" in capsys.readouterr().out


def test_history_is_skipped_with_a_note_when_the_pack_has_none(tmp_path, capsys):
    out = tmp_path / "sim.json"
    assert main(["simulate", str(FIXTURE_PACK), "--runs", "2", "--strategy", "history", "random",
                 "--json", str(out)]) == 0
    assert "history" in json.loads(out.read_text())["skipped"]
    assert "skipped history" in capsys.readouterr().out


def test_a_pack_that_does_not_load_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "pack.toml").write_text("format = 1\nid = [broken\n")
    assert main(["simulate", str(tmp_path), "--runs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("common-ground: cannot simulate") and "Traceback" not in err


@pytest.mark.parametrize("args", [["--runs", "0"], ["--strategy", "nobody"], ["--jobs", "x"], ["--seed", "-3"]])
def test_bad_arguments_are_usage_errors(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["simulate", str(FIXTURE_PACK), *args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "invalid _" not in err


def test_ctrl_c_prints_the_partial_results_and_exits_130(monkeypatch, tmp_path, capsys):
    import game.sim.runner as runner

    real_run = runner.run

    def interrupted(*args, **kwargs):
        for i, result in enumerate(real_run(*args, **kwargs)):
            if i == 3:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(runner, "run", interrupted)
    out = tmp_path / "partial.json"
    assert main(["simulate", str(FIXTURE_PACK), "--runs", "5", "--strategy", "random", "--json", str(out)]) == 130
    summary = json.loads(out.read_text())
    assert summary["complete"] is False and len(summary["results"]) == 3
    assert "partial" in capsys.readouterr().out


@pytest.mark.parametrize("flag", ["--json", "--html"])
def test_an_output_that_cannot_be_written_is_refused_before_any_game(monkeypatch, tmp_path, capsys, flag):
    import game.sim.runner as runner

    monkeypatch.setattr(runner, "run", lambda *a, **k: pytest.fail("games played before the output was checked"))
    assert main(["simulate", str(FIXTURE_PACK), "--runs", "2", flag, str(tmp_path / "no" / "r.out")]) == 1
    assert capsys.readouterr().err == f"common-ground: {flag} {tmp_path / 'no' / 'r.out'}: the folder {tmp_path / 'no'} does not exist\n"
    assert main(["simulate", str(FIXTURE_PACK), "--runs", "2", flag, str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith(f"common-ground: {flag} {tmp_path} is a folder")


def test_the_table_in_a_file_is_wide_enough_for_every_strategy_name(tmp_path, capsys):
    # Redirected to a file, rich used to assume 80 columns and print "tender…" and "cynefi…".
    assert main(["simulate", str(FIXTURE_PACK), "--runs", "2"]) == 0
    out = capsys.readouterr().out
    for name in ("tender_everything", "cynefin_matched", "prevention_first", "do_nothing"):
        assert f"│ {name} " in out
    assert "reserves £m" in out and "…" not in out.split("Head to head")[0]


def test_the_html_report_carries_the_teaching_checks_and_shares_as_percentages(tmp_path):
    page = tmp_path / "r.html"
    main(["simulate", str(FIXTURE_PACK), "--runs", "3", "--lessons", "--html", str(page)])
    html = page.read_text()
    assert "<h2>Teaching checks: " in html and "<td>FAIL</td>" in html  # matching wins the fixture from the start
    assert "Skipped history: the pack has no history.toml steps." in html
    assert "from master seed 7" in html
    h2h = html.split("<h2>Head to head</h2>")[1].split("<h2>")[0]
    cells = [c.split("</td>")[0] for c in h2h.split("<td>")[1:]]
    shares = [c for c in cells if c[:1].isdigit()]
    assert shares and all(c.endswith("%") for c in shares), shares  # 0.9832 used to be printed raw
    # only the figures never wrap: the teaching checks' long names must (they pushed the verdicts off the page)
    assert "<table class=figures>" in html and ".figures td{white-space:nowrap}" in html
    assert html.count("white-space:nowrap") == 1


def test_more_jobs_than_cores_use_the_cores(monkeypatch, capsys):
    import os

    import game.sim.runner as runner

    used: list[int] = []
    real_run = runner.run

    def counting(pack, tasks, jobs=1, on_progress=None):  # noqa: ANN001, ANN202
        used.append(jobs)
        return real_run(pack, tasks, 1, on_progress)

    monkeypatch.setattr(runner, "run", counting)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert main(["simulate", str(FIXTURE_PACK), "--runs", "2", "--strategy", "random", "--jobs", "64"]) == 0
    assert used == [2], "64 forked workers on a 2-core laptop"
    assert "using 2 worker processes: this computer has 2 cores" in capsys.readouterr().err
