"""What a learner trips over when playing the built-in scenarios through the real screens."""

from __future__ import annotations

from pathlib import Path

from tests.ui_driver import app, click, click_control, drag, home, key, playing, pump  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]


def drawn_lines(app, monkeypatch) -> dict[str, str]:  # noqa: ANN001
    """Redraw the screen and return every line drawn with a width limit, as it showed (an ellipsis if cut)."""
    from game.ui import draw

    shown: dict[str, str] = {}
    real_text = draw.text

    def text(surface, font, value, colour, pos, align="left", max_width=None):  # noqa: ANN001, ANN202
        if max_width is not None:
            shown[value] = draw.fit(font, value, max_width)
        return real_text(surface, font, value, colour, pos, align, max_width)

    monkeypatch.setattr(draw, "text", text)
    app.top.invalidate()
    pump(app)
    monkeypatch.setattr(draw, "text", real_text)
    return shown


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


def _wigan_left_to_fail():
    """Wigan with every answer the first and nothing commissioned: care collapses in quarter 9, an event still open."""
    from game.content.loader import load_pack
    from game.engine import EndTurn, legal_actions, new_game, step

    state = new_game(load_pack(ROOT / "scenarios" / "wigan"))
    while not state.is_over:
        while state.pending and not state.is_over:
            state = step(state, legal_actions(state)[0])
        if not state.is_over:
            state = step(state, EndTurn())
    assert state.over == "loss_condition" and state.pending
    return state


def test_the_last_report_of_a_lost_game_leads_to_the_score_not_to_an_event(app, monkeypatch):
    from game.ui import draw
    from game.ui.scenes.game_over import GameOver
    from game.ui.scenes.report import TurnReport
    from game.ui.session import Session

    app.session = Session(_wigan_left_to_fail(), autosave_enabled=False)
    report = app.push(TurnReport(app, app.session.state.turn - 1))
    assert report.ring.get("continue").element.text == "See the final score"
    click_control(app, "continue")
    assert isinstance(app.top, GameOver)
    said: list[str] = []
    monkeypatch.setattr(draw, "paragraph", lambda surface, font, value, *a, **k: said.append(value) or 0)
    app.top.invalidate()
    pump(app)
    assert any("Adult social care: outcome below 20, or Children in care: outcome below 20" in s for s in said)


def test_the_debrief_names_the_failure_condition():
    from game.debrief.build import build_debrief

    ending = build_debrief(_wigan_left_to_fail()).ending
    assert ending.startswith("Ended in quarter 9: ") and "Adult social care: outcome below 20" in ending


def test_ending_a_contract_warns_when_the_penalty_would_sink_the_reserves(app, monkeypatch):
    """Wigan's management contract costs £330m to end in the first quarter, four times the reserves."""
    from game.content.loader import load_pack
    from game.engine import new_game
    from game.ui import draw
    from game.ui.scenes.contract import ContractDialog
    from game.ui.session import Session

    app.session = Session(new_game(load_pack(ROOT / "scenarios" / "wigan")), autosave_enabled=False)
    cid = next(c.id for c in app.session.state.contracts.values() if c.problem == "back_office" and c.live)
    said: list[str] = []
    monkeypatch.setattr(draw, "paragraph", lambda surface, font, value, *a, **k: said.append(value) or 0)
    app.push(ContractDialog(app, cid))
    pump(app)
    assert any(s.startswith("This leaves reserves at −£") and "section 114" in s for s in said)


def test_clicking_a_problem_rows_numbers_opens_its_detail(playing):
    """The outcome, demand and funding of a row explain themselves on hover, and a click still opens the problem."""
    from game.ui.scenes.problem import ProblemDetail

    pid = next(iter(playing.session.state.problems))
    click(playing, playing.top.ring.get(f"problem:{pid}:outcome").rect.center)
    assert isinstance(playing.top, ProblemDetail) and playing.top.pid == pid


def test_the_map_subtitle_is_not_cut_off(app):
    from game.ui import draw
    from game.ui.scenes.cynefin import SUBTITLE, TITLE_WIDTH

    for size in ((1280, 720), (1920, 1080)):
        app.apply_settings(app.settings.model_copy(update={"resolution": size}))
        assert draw.fit(app.theme.font("small"), SUBTITLE, app.theme.px(TITLE_WIDTH)) == SUBTITLE


def test_budget_spending_labels_fit_at_720p(playing):
    """The spending column is narrow at 1280×720: every account's name must fit it whole."""
    from game.ui import draw
    from game.ui.scenes.budget import ACCOUNT_LABELS, Budget

    budget = playing.push(Budget(playing))
    t = playing.theme
    width = budget.spend_card.width // 2 - t.px(150) - t.px(20) - t.px(110)  # as Budget.paint lays out the column
    for label in ACCOUNT_LABELS.values():
        assert draw.fit(t.font("body"), label, width) == label


def test_a_declared_council_tax_is_not_shown_as_an_error(playing, monkeypatch):
    from game.engine import SetCouncilTax
    from game.ui import draw
    from game.ui.scenes.budget import Budget

    playing.act(SetCouncilTax(1.0))
    budget = playing.push(Budget(playing))
    said: list[tuple[str, tuple]] = []
    monkeypatch.setattr(draw, "paragraph", lambda surface, font, value, colour, *a, **k: said.append((value, colour)) or 0)
    budget.invalidate()
    pump(playing)
    why = next(colour for value, colour in said if value == budget.tax_why)
    assert why == playing.theme.palette.muted


def test_commissioning_to_need_with_a_cheap_provider_reads_as_fully_funded(playing, monkeypatch):
    """Hounslow's Carillion bid 85% of the standard cost: "funded to need" beside "85% of need" read as a contradiction."""
    from game.engine import is_legal
    from game.ui import draw
    from game.ui.scenes.commission import CommissionDialog

    state = playing.session.state
    dialog = None
    for pid, spec in state.game.problem.items():
        for approach in spec.approaches:
            probe = CommissionDialog(playing, pid, approach)
            cheap = [v for v in probe.providers_for(approach) if state.game.provider[v].price != 1.0]
            if cheap and is_legal(state, probe.action(cheap[0])):
                dialog, provider = probe, cheap[0]
                break
        if dialog is not None:
            break
    assert dialog is not None, "the fixture pack has a provider priced off the standard"
    playing.push(dialog)
    dialog._set_provider(provider)
    said: list[str] = []
    monkeypatch.setattr(draw, "paragraph", lambda surface, font, value, *a, **k: said.append(value) or 0)
    dialog.invalidate()
    pump(playing)
    value = next(s for s in said if " a year: " in s)
    assert "100% of today's need at this provider's price" in value


def test_enter_in_the_save_name_saves(playing, home):
    import pygame

    key(playing, pygame.K_s, mod=pygame.KMOD_CTRL)
    assert playing.top.name == "saves"
    key(playing, pygame.K_x, unicode="x")
    key(playing, pygame.K_RETURN)
    assert playing.top.name == "dashboard"
    assert list((home / "saves").glob("*.json"))


def test_a_contract_from_before_the_game_has_no_negative_break_quarter(app, monkeypatch):
    """The tutorial's taxi contract passed its break point before quarter 1: no 'quarter -3'."""
    from game.content.loader import load_pack
    from game.engine import new_game
    from game.ui import draw
    from game.ui.scenes.common import contract_tooltip
    from game.ui.scenes.contract import ContractDialog
    from game.ui.session import Session

    app.session = Session(new_game(load_pack(ROOT / "scenarios" / "tutorial")), autosave_enabled=False)
    old = [c.id for c in app.session.state.contracts.values() if c.live and c.break_at < 1]
    assert old, "the tutorial has a contract whose break point is before the game"
    said: list[str] = []
    monkeypatch.setattr(draw, "paragraph", lambda surface, font, value, *a, **k: said.append(value) or 0)
    app.push(ContractDialog(app, old[0]))
    pump(app)
    assert any(s.startswith("Ending after its break point costs a tenth") for s in said)
    assert not any("quarter -" in s for s in said)
    assert "past its break point" in contract_tooltip(app.session.state, old[0])


def test_the_compact_tutorial_panel_over_a_report_is_not_cut_off(app, monkeypatch):
    """At 1280×720 the last step's ring is on the dashboard while the report covers it: the one-row panel's hint
    must still fit its row."""
    from game.ui.scenes.report import TurnReport
    from game.ui.tutorial import start_tutorial

    start_tutorial(app)
    for _ in range(40):  # a learner doing what the ring asks, as far as the second quarter's report
        pump(app)
        target = app.tutorial.target(app)
        if target is None:
            break
        if target.key.startswith("token:"):
            drag(app, target.rect.center, app.top.quads["chaotic"].center)
        else:
            app.activate(app.top, target)
    assert isinstance(app.top, TurnReport) and app.tutorial.target(app) is None
    shown = drawn_lines(app, monkeypatch)
    assert app.tutorial.panel.height < app.size[1] // 4, "the compact panel"
    counter = [value for value in shown if value.startswith("TUTORIAL")]
    assert counter and all(shown[value] == value for value in counter)


def test_resizing_mid_save_keeps_the_name_typed(playing):
    """Typing goes at the end of the name offered (it went before its first letter), and a resize keeps it."""
    import pygame

    key(playing, pygame.K_s, mod=pygame.KMOD_CTRL)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="x"))
    pump(playing)
    typed = playing.top.entry.get_text()
    assert typed.endswith("x")
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    pump(playing)
    assert playing.top.name == "saves" and playing.top.entry.get_text() == typed


def test_tab_from_the_chosen_scenario_to_start_starts_that_one(app):
    """Down to the second scenario, then Tab to Start: the second one begins, not the last one Tab passed."""
    import pygame

    from game.ui.scenes.title import Title

    app.push(Title(app))
    pump(app)
    key(app, pygame.K_n, unicode="n")
    items = app.top.items
    assert len(items) >= 3, "the built-in scenarios"
    key(app, pygame.K_DOWN)
    assert app.top.current is items[1] and app.top.ring.focused_key == f"scenario:{items[1].id}"
    for _ in range(20):
        if app.top.ring.focused_key == "start":
            break
        key(app, pygame.K_TAB)
    assert app.top.current is items[1], "passing over the list with Tab chose nothing"
    key(app, pygame.K_RETURN)
    assert app.session.state.game.pack.info.title == items[1].title


def test_long_scenario_titles_and_pitches_are_not_cut(app, monkeypatch):
    """Leicestershire's title and Wigan's pitch ended in an ellipsis at 1280×720 and at 1920×1080."""
    from game.ui.scenes.scenarios import ScenarioSelect

    select = app.push(ScenarioSelect(app))
    for index, info in enumerate(select.items):
        select._choose(index)
        assert " ".join(select.pitch_lines) == info.pitch, info.id
    shown = drawn_lines(app, monkeypatch)
    assert all(shown[info.title] == info.title for info in select.items)


def test_the_dashboard_column_headings_fit_at_720p(playing, monkeypatch):
    from game.ui.scenes.dashboard import PROBLEM_HEADINGS

    shown = drawn_lines(playing, monkeypatch)
    headings = [value for value in shown if value in PROBLEM_HEADINGS]
    assert headings and all(shown[value] == value for value in headings)


def test_a_two_line_choice_stays_inside_its_card(app, monkeypatch):
    """Wigan's 'Build one plain plan with residents' explains itself in two lines: the second fell off the card."""
    from game.content.loader import load_pack
    from game.engine import new_game
    from game.ui import draw
    from game.ui.scenes.event import EventDialog
    from game.ui.session import Session

    for size in ((1280, 720), (1920, 1080)):
        app.apply_settings(app.settings.model_copy(update={"resolution": size}))
        app.session = Session(new_game(load_pack(ROOT / "scenarios" / "wigan")), autosave_enabled=False)
        dialog = app.push(EventDialog(app))
        bottoms = {choice.text: rect.bottom for choice, rect in dialog.choice_rects}
        ends: dict[str, int] = {}
        monkeypatch.setattr(draw, "paragraph", lambda surface, font, value, colour, rect, max_lines=None, spacing=1.2:
                            ends.setdefault(value, rect.top + len(draw.wrap(font, value, rect.width, max_lines))
                                            * round(font.get_linesize() * spacing)))
        dialog.invalidate()
        pump(app)
        assert set(ends) >= set(bottoms), "every choice's explanation was drawn"
        for text, bottom in bottoms.items():
            assert ends[text] <= bottom, (size, text)
        app.pop(dialog)
        monkeypatch.undo()


def test_a_small_demand_change_reads_as_it_moved():
    """The tutorial's bin collection went '48 → 49 (±0)', its causes '±0' and '±0'."""
    from game.ui.scenes.report import _fmt

    assert _fmt("demand", 48.3) == "48.3" and _fmt("demand", 0.4, True) == "+0.4"
    assert _fmt("demand", 4036.2) == "4,036" and _fmt("demand", 36.2, True) == "+36"


def test_the_provider_signal_chip_does_not_cover_its_text(playing, monkeypatch):
    from game.ui import draw
    from game.ui.scenes.provider import ProviderDialog

    vid = next(iter(playing.session.state.providers))
    chips: list = []
    texts: list = []
    real_chip, real_paragraph = draw.chip, draw.paragraph
    monkeypatch.setattr(draw, "chip", lambda *a, **k: chips.append(real_chip(*a, **k)) or chips[-1])
    monkeypatch.setattr(draw, "paragraph", lambda s, f, v, c, rect, *a, **k: texts.append(rect) or real_paragraph(
        s, f, v, c, rect, *a, **k))
    playing.push(ProviderDialog(playing, vid))
    pump(playing)
    assert chips and texts and not any(chip.colliderect(rect) for chip in chips for rect in texts)


def test_a_providers_contract_rows_fit_their_buttons(playing):
    from game.ui import draw
    from game.ui.scenes.provider import ProviderDialog

    state = playing.session.state
    vid = next(v for v in state.providers if any(c.provider == v and c.live for c in state.contracts.values()))
    dialog = playing.push(ProviderDialog(playing, vid))
    rows = [c for c in dialog.ring.controls if c.key.startswith("contract:")]
    font = playing.theme.font("body")
    assert rows and all(draw.fit(font, c.element.text, c.rect.width - playing.theme.px(20)) == c.element.text
                        for c in rows)


def test_trust_gates_name_stakeholders_not_ids(playing):
    """The commission summary said 'needs 45 from vcse, nhs, staff'; the approach tooltip the same."""
    from game.ui.scenes.common import trust_needed
    from game.ui.scenes.problem import ProblemDetail

    state = playing.session.state
    gated = state.game.cfg.approach["alliance"].trust_with
    assert trust_needed(state, "alliance") == ", ".join(state.game.stakeholder[sid].name for sid in gated)
    pid = next(pid for pid, spec in state.game.problem.items() if "alliance" in spec.approaches)
    tip = ProblemDetail(playing, pid)._approach_tip("alliance")
    assert trust_needed(state, "alliance") in tip and ", ".join(gated) not in tip
