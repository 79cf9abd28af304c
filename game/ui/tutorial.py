"""The guided tutorial: an overlay that asks the learner to do each thing once, on the real screens.

The steps are data (`scenarios/tutorial/text/tutorial.toml`): what to say,
which control to ring ("screen:control", the first one on the screen in
front wins, so a step can guide the way there from anywhere) and what counts
as done. Done is read from what actually happened — the actions the session
submitted, the screens that opened or closed — never from a click on the
ring, so a step cannot be passed by clicking the wrong thing. A learner who
ran ahead is not made to repeat themselves: a step already done counts.

The overlay lives on the app, not in a scene: scenes are rebuilt on every
action and resize, and the learner's place in the tutorial must survive both.
It draws above whatever screen is in front, takes only the clicks on its own
panel, and answers F7 (restart) and F8 (skip, or finish on the last step)
from any screen.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import draw
from .catalogue import SCENARIOS

if TYPE_CHECKING:
    from .app import App
    from .focus import Control
    from .session import Session

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TUTORIAL_PACK = SCENARIOS / "tutorial"
STEPS_FILE = Path("text") / "tutorial.toml"
NOT_HERE_SHORT = "Esc back to the ringed screen."
"""the compact panel's hint when the ringed control is elsewhere: the long one was cut off at 1280×720"""
RESTART_KEY, SKIP_KEY = pygame.K_F7, pygame.K_F8


class Done(BaseModel):
    """What counts as done: exactly one of the four."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    action: str | None = Field(None, description="an engine action of this kind was submitted")
    closed: str | None = Field(None, description="this screen was shown during the step and has closed")
    opened: str | None = Field(None, description="this screen is in front")
    finish: bool = Field(False, description="the learner pressed Finish")

    @model_validator(mode="after")
    def _one(self) -> "Done":
        if sum(x is not None and x is not False for x in (self.action, self.closed, self.opened, self.finish)) != 1:
            raise ValueError("give exactly one of action, closed, opened or finish")
        return self


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    text: str
    point: tuple[str, ...] = Field(min_length=1, description="'screen:control' to ring, first match wins")
    done: Done


class StepsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    step: tuple[Step, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _finish_last(self) -> "StepsFile":
        if [s.done.finish for s in self.step] != [False] * (len(self.step) - 1) + [True]:
            raise ValueError("the last step, and only the last, is done with finish = true")
        return self


class TutorialError(Exception):
    """The steps file is missing or wrong: said in one line, never a traceback."""


def load_steps(pack: Path = TUTORIAL_PACK) -> tuple[Step, ...]:
    path = pack / STEPS_FILE
    try:
        data = tomllib.loads(path.read_text("utf-8"))
        return StepsFile.model_validate(data).step
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TutorialError(f"The tutorial's steps cannot be read from {path}: {exc}") from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(x) for x in first["loc"])
        raise TutorialError(f"{path}: {where}: {first['msg']}") from None


def start_tutorial(app: "App", pack: Path = TUTORIAL_PACK) -> None:
    """A fresh game of the tutorial pack with the guide from its first step (also what Restart does)."""
    from ..content.loader import PackError, load_pack
    from ..engine import new_game
    from .session import Session

    try:
        steps = load_steps(pack)
        loaded = load_pack(pack)
    except (TutorialError, PackError) as exc:
        app.toast(f"The tutorial cannot start: {exc}", "bad")
        return
    session = Session(new_game(loaded), pack_path=pack.resolve())
    app.tutorial = None
    app.start(session)
    app.tutorial = Tutorial(pack, steps, session)
    app.request_redraw()


class Tutorial:
    """Where the learner is in the steps, and the panel, ring and arrow that show it."""

    def __init__(self, pack: Path, steps: tuple[Step, ...], session: "Session") -> None:
        self.pack = pack
        self.steps = steps
        self.session = session
        self.index = 0
        self.seen: set[str] = set()
        """every screen that has been open since the tutorial began (for `opened` and `closed`)"""
        self.panel: pygame.Rect | None = None
        self.buttons: dict[str, pygame.Rect] = {}

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    # ---------------------------------------------------------------- progress

    def update(self, app: "App") -> None:
        """Called every frame: leave if the learner left the game; move on past every step already done."""
        if app.session is not self.session:
            app.tutorial = None
            app.request_redraw()
            return
        while self._done(app):  # never past the last step: it is finished from the panel
            self.index += 1
            app.sounds.play("click")
            app.request_redraw()

    def _done(self, app: "App") -> bool:
        done = self.step.done
        names = {scene.name for scene in app.stack}
        self.seen |= names
        if done.action is not None:
            return any(a.kind == done.action for a in self.session.submitted)
        if done.closed is not None:
            return done.closed in self.seen and done.closed not in names
        if done.opened is not None:
            return done.opened in self.seen
        return False

    def restart(self, app: "App") -> None:
        start_tutorial(app, self.pack)

    def skip(self, app: "App") -> None:
        last = self.index == len(self.steps) - 1
        app.tutorial = None
        app.request_redraw()
        if last:
            app.toast("Tutorial complete. Play on to the end of the six quarters, then read your debrief.", "good")
        else:
            app.toast("Tutorial closed. Play on as you like, or start it again from the title screen (Tutorial).")

    # ---------------------------------------------------------------- what to ring

    def target(self, app: "App") -> "Control | None":
        """The control the step points at on the screen in front, if it is there and visible."""
        top = app.top
        if top is None:
            return None
        for spec in self.step.point:
            screen, _, key = spec.partition(":")
            if screen != top.name:
                continue
            for control in top.ring.controls:
                if fnmatch.fnmatchcase(control.key, key) and _shown(control, app.size):
                    return control
        return None

    # ---------------------------------------------------------------- input

    def handle(self, app: "App", event: pygame.event.Event) -> bool:
        """F7 / F8 anywhere; clicks on the panel's buttons. Returns True when the event was the tutorial's."""
        if event.type == pygame.KEYDOWN and event.key in (RESTART_KEY, SKIP_KEY):
            (self.restart if event.key == RESTART_KEY else self.skip)(app)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and self.panel is not None and self.panel.collidepoint(event.pos):
            if event.button == 1 and self.buttons["restart"].collidepoint(event.pos):
                self.restart(app)
            elif event.button == 1 and self.buttons["skip"].collidepoint(event.pos):
                self.skip(app)
            return True  # the panel covers what is under it: a click on it is not for the screen below
        return False  # a release always reaches the screen, so a drag that ends over the panel still drops

    # ---------------------------------------------------------------- drawing

    def draw(self, app: "App", surface: pygame.Surface) -> None:
        t = app.theme
        p = t.palette
        if app.top is not None and app.top.dragging:  # out of the way of wherever the learner drops
            self.panel = None
            return
        target = self.target(app)
        goal = target.rect if target is not None else None
        panel = self._place_panel(app, goal)
        self.panel = panel.rect
        if goal is not None:
            width = max(3, t.px(4))
            ring = goal.inflate(width * 2 + t.px(8), width * 2 + t.px(8))
            pygame.draw.rect(surface, p.surface, ring.inflate(t.px(4), t.px(4)), width + t.px(2),
                             border_radius=t.px(12))
            pygame.draw.rect(surface, p.focus, ring, width, border_radius=t.px(12))
            if not panel.compact:  # a compact panel sits over a dialog: an arrow would cross its text
                _arrow(surface, p.focus, p.surface, panel.rect, ring, width)
        self._paint_panel(app, surface, panel, found=goal is not None)

    def _labels(self) -> dict[str, str]:
        last = self.index == len(self.steps) - 1
        return {"skip": "Finish  (F8)" if last else "Skip tutorial  (F8)", "restart": "Restart  (F7)"}

    def _layout(self, app: "App", width: int, compact: bool = False) -> "Panel":
        """The panel's text and buttons at `width` (buttons stack when they do not fit side by side).

        A compact panel is one row — step, title, buttons — for a dialog that leaves no room beside it:
        the dialog's own text matters more then, and the ring still shows what to do.
        """
        t = app.theme
        pad = t.px(22)
        bh = t.px(44)
        head = t.font("tiny").get_linesize() + t.font("large").get_linesize()
        if compact:
            return Panel(pygame.Rect(0, 0, width, 2 * pad + max(head, bh)), [], False, True)
        inner = width - 2 * pad
        lines = draw.wrap(t.font("body"), self.step.text.strip(), inner)
        font = t.font("small", "semibold")
        widths = [font.size(label)[0] + t.px(32) for label in self._labels().values()]
        stacked = sum(widths) + t.px(10) > inner
        buttons_h = 2 * bh + t.px(8) if stacked else bh
        height = (pad + head + t.px(6) + len(lines) * t.font("body").get_linesize() + t.px(10)
                  + t.font("small").get_linesize() + t.px(12) + buttons_h + pad)
        return Panel(pygame.Rect(0, 0, width, height), lines, stacked)

    def _place_panel(self, app: "App", goal: pygame.Rect | None) -> "Panel":
        """Where the panel hides least: never the ringed control if it can help it, then as little else as it can.

        Tried in the four corners (bottom left first), and, over a dialog, narrower beside the dialog, so the
        dialog's own text stays readable on a small window.
        """
        t = app.theme
        w, h = app.size
        m = t.px(16)
        top = app.top
        shapes = [(min(t.px(640), max(360, w // 3)), False)]
        card = top.area if top is not None and top.modal else None
        if card is not None:
            beside = max(card.left, w - card.right) - 2 * m
            shapes.append((beside, False) if beside >= t.px(240) else (min(t.px(900), w - 2 * m), True))
        keep = goal.inflate(t.px(24), t.px(24)) if goal is not None else None
        others = [c.rect for c in top.ring.controls] + ([card] if card is not None else []) if top is not None else []
        candidates = []
        for rank, (width, compact) in enumerate(shapes):
            panel = self._layout(app, width, compact)
            height = panel.rect.height
            if height > h - 2 * m:
                continue
            for x, y in ((m, h - height - t.px(48)), (w - width - m, h - height - t.px(48)), (m, m),
                         (w - width - m, m)):
                candidates.append((rank, Panel(pygame.Rect(x, max(m, y), width, height), panel.lines, panel.stacked,
                                               compact)))

        def cost(item: tuple[int, "Panel"]) -> tuple[int, int, int]:
            """(how much of the ringed control it hides, how much of the screen's other controls, narrower)"""
            rank, panel = item
            rect = panel.rect
            return (_area(rect.clip(keep)) if keep is not None else 0, sum(_area(rect.clip(o)) for o in others), rank)

        return min(candidates, key=cost)[1]  # the first wins a tie

    def _paint_panel(self, app: "App", surface: pygame.Surface, panel: "Panel", found: bool) -> None:
        t = app.theme
        p = t.palette
        rect = panel.rect
        pad = t.px(22)
        # the focus colour where it stands out on the dark panel (the colour-blind palette's focus is black)
        bright = p.focus if abs(_luminance(p.focus) - _luminance(p.ink)) > 0.3 else p.surface
        pygame.draw.rect(surface, p.shade, rect.move(0, t.px(4)), border_radius=t.px(14))
        pygame.draw.rect(surface, p.ink, rect, border_radius=t.px(14))
        pygame.draw.rect(surface, bright, pygame.Rect(rect.left, rect.top, t.px(10), rect.height),
                         border_top_left_radius=t.px(14), border_bottom_left_radius=t.px(14))
        x, y = rect.left + pad, rect.top + pad
        right = rect.right - pad
        font = t.font("small", "semibold")
        bh = t.px(44)
        text_right = right - (sum(font.size(label)[0] + t.px(42) for label in self._labels().values())
                              if panel.compact else 0)
        where = ("The ringed control does it." if found else NOT_HERE_SHORT if panel.compact
                 else "The ring appears when you reach the right screen (Esc goes back).")
        counter = f"TUTORIAL · STEP {self.index + 1} OF {len(self.steps)}" + (f" · {where}" if panel.compact else "")
        draw.text(surface, t.font("tiny", "semibold"), counter, bright, (x, y), max_width=text_right - x)
        y += t.font("tiny").get_linesize()
        draw.text(surface, t.font("large", "bold"), self.step.title, p.surface, (x, y), max_width=text_right - x)
        y += t.font("large").get_linesize() + t.px(6)
        for line in panel.lines:
            draw.text(surface, t.font("body"), line, p.surface, (x, y))
            y += t.font("body").get_linesize()
        if not panel.compact:
            draw.text(surface, t.font("small"), where, t.tint(p.muted, 0.5), (x, y + t.px(10)), max_width=right - x)
        last = self.index == len(self.steps) - 1
        bx, by = right, rect.bottom - pad - bh if not panel.compact else rect.centery - bh // 2
        self.buttons = {}
        for key, label in self._labels().items():
            if panel.stacked:
                button = pygame.Rect(x, by, right - x, bh)
                by -= bh + t.px(8)
            else:
                bw = font.size(label)[0] + t.px(32)
                bx -= bw
                button = pygame.Rect(bx, by, bw, bh)
                bx -= t.px(10)
            self.buttons[key] = button
            primary = key == "skip" and last
            pygame.draw.rect(surface, bright if primary else p.ink, button, border_radius=t.px(8))
            pygame.draw.rect(surface, bright if primary else t.tint(p.muted, 0.3), button, max(1, t.px(1.5)),
                             border_radius=t.px(8))
            draw.text(surface, font, label, p.ink if primary else p.surface,
                      (button.centerx, button.centery - font.get_height() // 2), align="center")


@dataclass(frozen=True)
class Panel:
    """The tutorial panel laid out at one width: its rect, its wrapped text, whether its buttons are stacked."""

    rect: pygame.Rect
    lines: list[str]
    stacked: bool
    compact: bool = False


def _luminance(colour: tuple[int, int, int]) -> float:
    """Relative brightness, 0 (black) to 1 (white), as the eye weighs the channels."""
    r, g, b = (c / 255 for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _area(rect: pygame.Rect) -> int:
    return rect.width * rect.height


def _shown(control: "Control", size: tuple[int, int]) -> bool:
    element = control.element
    visible = element is None or getattr(element, "visible", True)
    return bool(visible) and pygame.Rect((0, 0), size).colliderect(control.rect)


def _arrow(surface: pygame.Surface, colour: tuple, edge: tuple, panel: pygame.Rect, ring: pygame.Rect,
           width: int) -> None:
    """A line from the panel to the ring, with a head at the ring, so the eye finds the control."""
    start = pygame.Vector2(panel.center)
    end = pygame.Vector2(ring.center)
    if start == end:
        return
    start = _edge_point(panel, start, end)
    end = _edge_point(ring, end, start)
    along = end - start
    if along.length() < width * 6:
        return
    unit = along.normalize()
    side = pygame.Vector2(-unit.y, unit.x)
    head = width * 4
    base = end - unit * head
    pygame.draw.line(surface, edge, start, base, width + 4)
    pygame.draw.line(surface, colour, start, base, width)
    tip = [end, base + side * head * 0.6, base - side * head * 0.6]
    pygame.draw.polygon(surface, colour, tip)
    pygame.draw.polygon(surface, edge, tip, 2)


def _edge_point(rect: pygame.Rect, inside: pygame.Vector2, toward: pygame.Vector2) -> pygame.Vector2:
    """Where the segment from `inside` (a rect's centre) toward `toward` leaves the rect."""
    d = toward - inside
    scale = min(rect.width / 2 / abs(d.x) if d.x else float("inf"), rect.height / 2 / abs(d.y) if d.y else float("inf"))
    return inside + d * min(1.0, scale)
