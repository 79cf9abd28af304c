"""Screenshots of every screen, regenerated with one command.

    Xvfb :99 -screen 0 1920x1080x24 &
    DISPLAY=:99 python -m game.ui.screenshots --out docs/screenshots --pack tests/fixtures/fixture_pack

Drives the real app through each screen with a game in progress (the demo
player) and saves a PNG of each. Saves go to a temporary folder, never the
player's own.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]


def _parse_size(text: str) -> tuple[int, int]:
    w, _, h = text.lower().partition("x")
    return int(w), int(h)


def save_shot(app, path: Path, written: list[Path]) -> None:  # noqa: ANN001 - the App
    """Draw the whole window afresh and save it as a PNG at `path` (noted in `written`)."""
    import pygame

    app.request_redraw()
    app.pump()
    pygame.image.save(app.window, str(path))
    written.append(path)


def take_all(out: Path, size: tuple[int, int], pack_folder: Path | None = None) -> list[Path]:
    from ..content.loader import load_pack
    from ..engine import InjectEvent, step
    from .app import App
    from .catalogue import FALLBACK, scenario_folders
    from .demo import late_game
    from .scenes.advisor import Advisor
    from .scenes.budget import Budget
    from .scenes.commission import CommissionDialog
    from .scenes.contract import ContractDialog
    from .scenes.cynefin import CynefinMap
    from .scenes.event import EventDialog
    from .scenes.game_over import GameOver
    from .scenes.pause import PauseMenu
    from .scenes.problem import ProblemDetail
    from .scenes.provider import ProviderDialog
    from .scenes.report import TurnReport
    from .scenes.saves import SaveLoad
    from .scenes.scenarios import ScenarioSelect
    from .scenes.settings import SettingsScreen
    from .scenes.title import Title
    from .session import Session
    from .settings import Settings

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    app = App(Settings(resolution=size))

    def shot(name: str) -> None:
        save_shot(app, out / f"{name}.png", written)

    def show(name: str, make: Callable[[], object]) -> None:
        scene = make()
        app.push(scene)  # type: ignore[arg-type]
        shot(name)
        app.pop(scene)  # type: ignore[arg-type]

    app.push(Title(app))
    shot("title")
    show("scenario-select", lambda: ScenarioSelect(app))
    folder = pack_folder or next(iter(scenario_folders()), FALLBACK)
    pack = load_pack(folder)
    state = late_game(pack, turns=min(9, pack.info.turns - 2))
    session = Session(state, pack_path=folder, autosave_enabled=False)
    session.picture = app.picture
    app.session = session
    from .scenes.dashboard import Dashboard

    app.replace_all(Dashboard(app))
    shot("dashboard")
    first_problem = max(state.problems, key=lambda pid: state.game.problem[pid].weight)
    app._tip = ("status.reserves", app.top.ring.get("status.reserves").tooltip_text(),  # type: ignore[union-attr]
                app.top.ring.get("status.reserves").rect, 0.0)  # type: ignore[union-attr]
    shot("dashboard-tooltip")
    app._tip = None
    show("cynefin-map", lambda: CynefinMap(app, first_problem))
    detail = ProblemDetail(app, first_problem)
    app.push(detail)
    shot("problem-detail")
    approach = next((a for a in ("alliance", "community", "pilots") if a in state.game.problem[first_problem].approaches),
                    state.game.problem[first_problem].approaches[0])
    show("commission", lambda: CommissionDialog(app, first_problem, approach))
    app.pop(detail)
    live = [c.id for c in state.contracts.values() if c.status == "active"]
    if live:
        show("end-contract", lambda: ContractDialog(app, live[0]))
    strategic = next((v.id for v in state.game.pack.providers if v.strategic), next(iter(state.providers)))
    show("provider", lambda: ProviderDialog(app, strategic))
    show("budget", lambda: Budget(app))
    show("turn-report", lambda: TurnReport(app, state.turn - 1))
    show("advisor", lambda: Advisor(app))
    show("pause", lambda: PauseMenu(app))
    show("settings", lambda: SettingsScreen(app))
    session.save("Before the grant settlement")
    show("save", lambda: SaveLoad(app, mode="save"))
    show("load", lambda: SaveLoad(app, mode="load"))
    choice_event = next((e.id for e in state.game.pack.events if e.choices and e.injectable), None)
    if choice_event is not None:
        session.state = step(state, InjectEvent(choice_event))
        app.state_changed()
        show("event", lambda: EventDialog(app))
        session.state = state
        app.state_changed()
    app.apply_settings(app.settings.model_copy(update={"palette": "colour_blind"}))
    shot("dashboard-colour-blind")
    show("cynefin-map-colour-blind", lambda: CynefinMap(app, first_problem))
    app.apply_settings(app.settings.model_copy(update={"palette": "standard", "resolution": (1280, 720)}))
    shot("dashboard-1280x720")
    app.apply_settings(app.settings.model_copy(update={"resolution": size}))
    session.state = late_game(pack, turns=pack.info.turns + 1)
    app.state_changed()
    app.push(GameOver(app))
    shot("game-over")
    debrief_shots(app, shot)
    tutorial_shots(app, shot)
    return written


def debrief_shots(app, shot: Callable[[str], None]) -> None:  # noqa: ANN001 - the App
    """Every page of the debrief screen for a finished game of a pack with a history (one page at 1280×720 too)."""
    from ..advice import hints, note_used
    from ..content.loader import load_pack
    from .catalogue import scenario_folders
    from .demo import late_game
    from .scenes.debrief import DebriefScreen
    from .scenes.game_over import GameOver
    from .session import Session

    packs = (load_pack(folder) for folder in scenario_folders())
    pack = next((p for p in packs if p.history is not None and p.history.step), None)
    if pack is None:
        return
    used: tuple = ()
    for turns in (0, 2):  # a player who asked the advisor in the first quarters
        early = late_game(pack, turns=turns)
        used = note_used(used, early, hints(early))
    app.session = Session(late_game(pack, turns=pack.info.turns + 1), autosave_enabled=False, hints_used=used)
    app.state_changed()
    app.push(GameOver(app))
    screen = DebriefScreen(app)
    app.push(screen)
    for key, _ in screen.tabs:
        screen.show(key)
        shot(f"debrief-{key}")
    size = app.size
    app.apply_settings(app.settings.model_copy(update={"resolution": (1280, 720)}))
    for key in ("decisions", "cynefin"):
        screen.show(key)
        shot(f"debrief-{key}-1280x720")
    app.apply_settings(app.settings.model_copy(update={"resolution": size}))
    app.pop(screen)


def tutorial_shots(app, shot: Callable[[str], None]) -> None:  # noqa: ANN001 - the App
    """The guided tutorial at several steps, following its own ring as a learner would (and one at 1280×720)."""
    from ..engine import Classify
    from .tutorial import start_tutorial

    def follow(until: str) -> None:
        for _ in range(10):
            app.pump()
            control = app.tutorial.target(app)
            if control is None or control.key == until:
                return
            app.activate(app.top, control)

    start_tutorial(app)
    shot("tutorial-1-answer-an-event")
    follow("map")
    app.activate(app.top, app.top.ring.get("map"))
    app.activate(app.top, app.top.ring.get("token:millbrook_flood"))
    shot("tutorial-2-make-sense")
    follow("token:millbrook_flood")
    shot("tutorial-3-classify")
    app.act(Classify("millbrook_flood", "chaotic"))
    follow("confirm")
    shot("tutorial-4-commission")
    follow("end_turn")
    follow("continue")
    shot("tutorial-5-read-the-report")
    follow("close")
    shot("tutorial-6-over-to-you")
    size = app.size
    app.apply_settings(app.settings.model_copy(update={"resolution": (1280, 720)}))
    shot("tutorial-6-over-to-you-1280x720")
    app.apply_settings(app.settings.model_copy(update={"resolution": size}))
    app.tutorial = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.ui.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNGs")
    parser.add_argument("--size", default="1920x1080", help="window size, e.g. 1920x1080")
    parser.add_argument("--pack", default=None, help="scenario folder (default: the first built-in one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        os.environ["COMMON_GROUND_HOME"] = home
        written = take_all(Path(args.out), _parse_size(args.size), Path(args.pack) if args.pack else None)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
