"""The debrief's parts (events, history, hints, series) and the self-contained HTML report."""

from __future__ import annotations

import re

import pytest

from game.advice import HintUse
from game.content.models import HistoryFile
from game.debrief import build_debrief, render_html, text_report, write_html
from game.debrief.charts import chart_png
from game.engine import prepare
from tests.helpers import variant
from tests.saves_support import played

HISTORY = {
    "direction": "The real council listened first, then built an alliance on homelessness.",
    "step": [
        {"turn": 1, "action": {"kind": "make_sense", "problem": "homelessness"},
         "note": "Listened to people sleeping rough", "source": "F1 seed.md"},
        {"turn": 2, "action": {"kind": "commission", "problem": "homelessness", "approach": "alliance",
                               "provider": "shelter_partners"},
         "note": "Alliance with Shelter Partners", "source": "F2 seed.md"},
        {"turn": 3, "action": {"kind": "end_contract", "contract": "c99"}, "note": "A step the game cannot take",
         "source": "F3 seed.md"},
        {"turn": 30, "action": {"kind": "end_turn"}, "note": "Beyond the game", "source": "F4 seed.md"},
    ],
    "outcome": [{"label": "Rough sleeping fell by half", "date": "2019", "source": "F5 seed.md"}],
}
HINTS = (HintUse(turn=1, id="classify", subject="cynefin", severity="advice", text="Place your problems first."),
         HintUse(turn=3, id="signal:megaserve", subject="provider:megaserve", severity="warning",
                 text="MegaServe plc is showing serious warning signs."))


@pytest.fixture(scope="module")
def history_game(pack):
    tricky = pack.events[0].model_copy(update={"title": "Grant <cut> & \"squeeze\"", "text": "<script>x</script>"})
    return prepare(variant(pack, history=HistoryFile.model_validate(HISTORY), events=[tricky, *pack.events[1:]]))


@pytest.fixture(scope="module")
def debrief(history_game):
    return build_debrief(played(history_game, turns=10), HINTS)


def test_series_cover_every_turn(debrief):
    s = debrief.series
    assert s.points == tuple(range(10)), "the start and the end of each of the nine turns played"
    assert s.labels[:3] == ("start", "2017 Q2", "2017 Q3")
    assert len(s.reserves) == len(s.weighted_outcome) == 10
    assert set(s.outcomes) == set(s.demand) and all(v[0] == pytest.approx(100) for v in s.demand.values())
    assert s.names["homelessness"] == "Homelessness" and s.names["vcse"] == "Voluntary and community sector"


def test_events_say_when_they_hit_and_how_the_player_answered(debrief):
    hit = {e.event: e for e in debrief.events}
    cut = hit["grant_cut"]
    assert cut.turns == (4,) and cut.answers == ((4, "Cover it from reserves this year"),)
    assert any(m.metric == "income.grant" for m in cut.moves) and cut.points < 0
    assert hit["local_election"].answers == ()


def test_history_runs_beside_the_players_path(debrief):
    h = debrief.history
    assert h.direction.startswith("The real council listened")
    ran = {s.note: s for s in h.steps}
    assert ran["Alliance with Shelter Partners"].ran
    assert not ran["A step the game cannot take"].ran and "no contract 'c99'" in ran["A step the game cannot take"].why_not
    assert not ran["Beyond the game"].ran and "ended before" in ran["Beyond the game"].why_not
    assert h.card is not None and h.series is not None and len(h.series.points) == 17
    assert h.outcomes == (("Rough sleeping fell by half", "2019", "F5 seed.md"),)
    assert h.player[1][-1] == "commissioned alliance / partnership for Homelessness from Shelter Partners"


def test_no_history_file_means_no_history_section(game):
    d = build_debrief(played(game, turns=5))
    assert d.history is None
    assert "What really happened" not in text_report(d)


def test_text_report_tells_the_whole_story(debrief):
    text = text_report(debrief)
    for part in ("The decisions that mattered most", "1. Quarter 3: changed the in-house / council company contract", "Cynefin map",
                 "Homelessness", "Events that hit", "What really happened", "Rough sleeping fell by half",
                 "Hints used: 2"):
        assert part in text, part


def test_html_report_is_self_contained(debrief, tmp_path):
    path = write_html(debrief, tmp_path / "out" / "report.html")
    html = path.read_text("utf-8")
    assert "http://" not in html and "https://" not in html
    targets = re.findall(r"\b(?:src|href)\s*=\s*[\"']?([^\"'\s>]*)", html, re.I)
    assert targets and all(t.startswith("data:") for t in targets), "every src is inline data"
    assert not re.search(r"url\(|@import|<script|<link|<iframe|<object", html, re.I)
    assert len(re.findall(r'src="data:image/png;base64,[A-Za-z0-9+/=]+"', html)) == 5


def test_html_report_has_every_section_and_escapes_pack_text(debrief):
    html = render_html(debrief)
    for part in ("Score card", "The three decisions that mattered most", "How the game went",
                 "Your Cynefin map beside the truth", "The approach on each problem against its fit",
                 "Events that hit, and how you answered", "What really happened", "Hints you asked for (2)",
                 "Rough sleeping fell by half", "F5 seed.md", "MegaServe plc is showing serious warning signs."):
        assert part in html, part
    assert "Grant &lt;cut&gt; &amp; &quot;squeeze&quot;" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_charts_are_png(debrief):
    png = chart_png("trust", debrief.series)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and b"matplotlib" not in png.lower()
    with pytest.raises(ValueError, match="unknown chart"):
        chart_png("pie", debrief.series)


@pytest.mark.parametrize("folder", ["wigan", "leicestershire", "hounslow", "rotherham"])
def test_what_really_happened_is_the_path_the_balance_checks_played(folder):
    """The debrief's replay of the real decisions and `simulate`'s history bot answer events alike, so the
    score a learner is shown for the real council is the one docs/BALANCE.md measured (Wigan's settlements
    once came out as the first answer, not the Deal, and the real council scored a grade lower)."""
    from pathlib import Path

    from game.content.loader import load_pack
    from game.debrief.history import NOT_ASKED, run_history
    from game.engine import digest
    from tests.helpers import play_bot

    path = Path(__file__).resolve().parents[1] / "scenarios" / folder
    if not (path / "pack.toml").is_file():
        pytest.skip(f"scenarios/{folder} is not installed")
    game = prepare(load_pack(path))
    for seed in (0, 3):
        replayed, steps = run_history(game, seed)
        assert digest(replayed) == digest(play_bot(game, "history", seed)), (folder, seed)
        answered = {(a["event"], a["choice"]) for _, a in replayed.actions if a["kind"] == "choose"}
        for s in steps:
            if s.action.startswith("answered "):
                assert s.ran or s.why_not == NOT_ASKED, (folder, seed, s)
        recorded = {(st.action["event"], st.action["choice"]) for st in game.pack.history.step
                    if st.action["kind"] == "choose"}
        assert recorded & answered, "the real council's recorded answers are the ones given"


def test_what_you_did_names_the_answer_given(game):
    """'answered A national paper names Wigan…' beside the real council's decisions said nothing of the answer."""
    from game.debrief.history import player_path
    from game.engine import Choose, new_game, step
    from tests.helpers import end_turns

    s = end_turns(new_game(game, 1), 3)
    s = step(s, Choose("grant_cut", "cuts"))
    assert "answered 'Grant cut': Cut every department by the same share" in player_path(s)[4]


def test_a_learner_reads_the_sources_by_their_titles(tmp_path):
    """history.toml's [sources] names each cited document; file names, line numbers and fact ids stay out."""
    from pathlib import Path

    from game.content.loader import load_pack
    from game.debrief.history import cite
    from tests.helpers import play_bot

    titles = {"003_x.txt": "The 2019 report", "002_y.txt": "The brochure"}
    assert cite("W-17 · 003_x.txt; W-02 · 002_y.txt L3397-3401", titles) == "The 2019 report; The brochure"
    assert cite("003_x.txt L1; 003_x.txt L9", titles) == "The 2019 report"
    assert cite("W-03 · an annual report", titles) == "W-03 · an annual report", "an unnamed source is kept as written"

    game = prepare(load_pack(Path(__file__).resolve().parents[1] / "scenarios" / "wigan"))
    d = build_debrief(play_bot(game, "do_nothing", 1))
    shown = [s.source for s in d.history.steps] + [source for _label, _date, source in d.history.outcomes]
    assert shown and all(".txt" not in s and not re.search(r"\bL\d", s) for s in shown), shown
    assert any(s.startswith("PSTA, State of transformation 2019") for s in shown)
    html = render_html(d)
    assert "003_065efc72c0722ef5.txt" not in html and "State of transformation 2019" in html
