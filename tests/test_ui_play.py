"""What a learner trips over when playing the built-in scenarios through the real screens."""

from __future__ import annotations

from pathlib import Path

from tests.ui_driver import app, click_control, home, key, pump  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]


def test_a_briefing_list_item_wrapped_over_lines_stays_one_bullet(app):
    from game.ui.scenes.dialog import markdown_html

    briefing = ("**What you are responsible for**\n\n"
                "- **Adult social care**: council day centres\n  and care homes.\n"
                "- **Children in care**: council social work.\n")
    html = markdown_html(briefing, app.theme)
    assert html.count("•") == 2
    assert "- <b>Children" not in html and "day centres and care homes." in html


def test_each_report_line_adds_up_to_the_change_it_explains():
    """Wigan's first quarter has a dozen money movements: the four biggest alone do not explain reserves falling."""
    from game.content.loader import load_pack
    from game.engine import EndTurn, legal_actions, new_game, step
    from game.ui.scenes.report import turn_changes

    state = new_game(load_pack(ROOT / "scenarios" / "wigan"))
    while state.pending:
        state = step(state, legal_actions(state)[0])
    state = step(state, EndTurn())
    changes = turn_changes(state, 1)
    reserves = next(c for c in changes if c.metric == "reserves")
    assert any(why == "council tax" for _, why, _ in reserves.causes)
    for change in changes:
        assert abs(sum(amount for *_, amount in change.causes) - (change.end - change.start)) < 1e-6, change.label
