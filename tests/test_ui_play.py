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
