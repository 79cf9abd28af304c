"""The window, the scene stack and the main loop.

The loop sleeps in `pygame.event.wait` until something happens (input, a
tooltip or message falling due), so an idle game uses next to no CPU, and it
redraws only then — pushing just the changed regions to the screen when all
that moved was the mouse. Input goes to the top scene only; keyboard focus,
tooltips, dragging and messages are handled here once for every scene.
"""

from __future__ import annotations

import io
import os
import sys
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
if sys.platform.startswith("linux"):
    # SDL's default on X11 presents the window through a (often software) OpenGL renderer, which costs
    # ~11 ms a frame however little changed; the plain X11 framebuffer pushes only the changed regions.
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
import pygame  # noqa: E402
import pygame_gui  # noqa: E402

from . import draw  # noqa: E402
from .focus import DIRECTIONS, Control  # noqa: E402
from .scene import Scene, event_spec  # noqa: E402
from .session import News, Session  # noqa: E402
from .settings import Settings, load_settings, save_settings  # noqa: E402
from .sound import Sounds  # noqa: E402
from .theme import Theme  # noqa: E402

if TYPE_CHECKING:
    from .room_session import JoinDetails
from .tutorial import Tutorial  # noqa: E402

TOOLTIP_DELAY = 0.45
"""seconds the mouse rests (or the keyboard focus stays) before a tooltip shows"""
TOAST_SECONDS = 5.0
IDLE_WAIT_MS = 1000
DRAG_THRESHOLD = 6
MIN_SIZE = (960, 540)
THUMBNAIL_WIDTH = 320
"""pixels: a save's picture on the load list"""
ACTIVE_NAP, IDLE_NAP, ACTIVE_SECONDS = 0.004, 0.03, 1.0
"""how long the loop sleeps between looks at the event queue: briefly while the player is busy"""


class DisplayUnavailable(Exception):
    """No screen to open a window on."""


def open_window(settings: Settings) -> pygame.Surface:
    try:
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Common Ground")
        if settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(settings.resolution, pygame.RESIZABLE)
    except pygame.error as exc:
        raise DisplayUnavailable(
            f"Common Ground needs a screen to open its window, and none is available ({exc}). "
            "Run it from a desktop session (on a server: start a virtual display such as Xvfb and set DISPLAY)."
        ) from None


class App:
    def __init__(self, settings: Settings | None = None, *, notice: str | None = None) -> None:
        self.settings = settings or Settings()
        self.window = open_window(self.settings)
        self.size = self.window.get_size()
        self.theme = Theme(self.settings, self.size)
        self._gui_theme = self.theme.gui_theme()
        self.sounds = Sounds(self.settings.sound)
        self.stack: list[Scene] = []
        self.tutorial: Tutorial | None = None
        """the guided tutorial's overlay, above every scene while the tutorial game is played"""
        self._session: Session | None = None
        self.running = True
        self.exit_code = 0
        self._full = True
        self._rects: list[pygame.Rect] = []
        self._backdrop: pygame.Surface | None = None
        self._last = time.perf_counter()
        self._last_input = self._last
        self._mouse = (0, 0)
        self._tip: tuple[str, str, pygame.Rect, float] | None = None
        """(control key, text, anchor, when it shows)"""
        self._tip_rect: pygame.Rect | None = None
        self._toast: tuple[str, str, float] | None = None
        self._toast_rect: pygame.Rect | None = None
        if notice:
            self.toast(notice, "warn")

    # ---------------------------------------------------------------- scenes

    def make_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(self.size, self._gui_theme, enable_live_theme_updates=False)
        with warnings.catch_warnings():  # the theme has loaded some already; preloading those again is harmless
            warnings.simplefilter("ignore")
            manager.preload_fonts(self.theme.gui_fonts())
        return manager

    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> Scene:
        scene.rebuild()
        self.stack.append(scene)
        self._changed()
        return scene

    def pop(self, scene: Scene | None = None) -> None:
        if scene is not None and scene not in self.stack:
            return
        target = scene or self.top
        while self.stack:
            removed = self.stack.pop()
            if removed is target:
                break
        self._changed()

    def replace_all(self, scene: Scene) -> Scene:
        self.stack = []
        return self.push(scene)

    def find(self, kind: type) -> Scene | None:
        return next((s for s in reversed(self.stack) if isinstance(s, kind)), None)

    def _changed(self) -> None:
        self._backdrop = None
        self._tip = None
        self.request_redraw()

    def request_redraw(self, rect: pygame.Rect | None = None) -> None:
        if rect is None:
            self._full = True
        else:
            self._rects.append(pygame.Rect(rect))

    # ---------------------------------------------------------------- the game

    @property
    def session(self) -> Session | None:
        return self._session

    @session.setter
    def session(self, session: Session | None) -> None:
        """Replacing the game lets go of the old one (a room's connection is closed, not left dangling)."""
        if self._session is not None and self._session is not session:
            self._session.leave()
        self._session = session

    def start(self, session: Session) -> None:
        from .scenes.dashboard import Dashboard

        session.picture = self.picture
        self.session = session
        self.replace_all(Dashboard(self))
        self.next_step()

    def picture(self) -> bytes | None:
        """The screen under any dialogs, small, as PNG: a save's thumbnail on the load list."""
        base = next((s for s in self.stack if not s.modal), None)
        if base is None:
            return None
        full = pygame.Surface(self.size)
        base.draw(full)
        height = round(THUMBNAIL_WIDTH * self.size[1] / self.size[0])
        small = pygame.transform.smoothscale(full, (THUMBNAIL_WIDTH, height))
        out = io.BytesIO()
        pygame.image.save(small, out, "thumbnail.png")
        return out.getvalue()

    def act(self, action) -> bool:  # noqa: ANN001 - any engine action
        """Submit an action; show why not if the rules refuse it; move on to what follows."""
        assert self.session is not None
        outcome = self.session.submit(action)
        if not outcome.ok:
            self.sounds.play("error")
            self.toast(outcome.message, "bad")
            return False
        self.sounds.play("turn" if outcome.ended_turn else "click")
        self.state_changed()
        if self.session.last_save_error:
            self.toast(self.session.last_save_error, "warn")
        if outcome.ended_turn is not None:
            from .scenes.report import TurnReport

            self.push(TurnReport(self, outcome.ended_turn))
        else:
            self.next_step()
        return True

    def next_step(self) -> None:
        """After a report or a choice: a pending event must be answered; a finished game shows its score."""
        from .scenes.event import EventDialog
        from .scenes.game_over import GameOver

        state = self.session.state if self.session else None
        if state is None or any(isinstance(s, (EventDialog, GameOver)) for s in self.stack):
            return
        if self.session.finished:
            self.sounds.play("alert")
            self.push(GameOver(self))
        elif state.pending:
            self.sounds.play("alert")
            self.push(EventDialog(self))

    def state_changed(self) -> None:
        for scene in self.stack:
            scene.on_state_changed()
        self._changed()

    def follow(self, news: News) -> None:
        """Show what changed without the player's hand (a room moved on, the facilitator acted) as if they had.

        A resolved quarter closes whatever was open over the dashboard — the choices it offered may be gone — and
        shows the quarter's report, as ending the quarter does in a solo game.
        """
        from .scenes.dashboard import Dashboard
        from .scenes.event import EventDialog
        from .scenes.report import TurnReport

        for text, kind in news.messages:
            self.toast(text, kind)
        if news.resolved is not None:
            self.sounds.play("turn")
            self.replace_all(Dashboard(self))
            self.push(TurnReport(self, news.resolved))
        elif news.changed:
            pending = {p.event for p in self.session.state.pending} if self.session else set()
            for stale in [s for s in self.stack if isinstance(s, EventDialog) and s.event.id not in pending]:
                self.pop(stale)
            self.state_changed()
            if isinstance(self.stack[0], Dashboard) and not any(isinstance(s, TurnReport) for s in self.stack):
                self.next_step()  # a new event comes up over the council's screens (not over the room's lobby)
        else:
            self.request_redraw()

    # ---------------------------------------------------------------- settings and window

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings now (relaying out every scene) and remember them."""
        window_changed = (settings.fullscreen != self.settings.fullscreen
                          or (not settings.fullscreen and settings.resolution != self.settings.resolution))
        self.settings = settings
        self.sounds.set_enabled(settings.sound)
        if window_changed:
            self.window = open_window(settings)
        self.relayout(self.window.get_size())
        problem = save_settings(settings)
        if problem:
            self.toast(problem, "warn")

    def toggle_fullscreen(self) -> None:
        self.apply_settings(self.settings.model_copy(update={"fullscreen": not self.settings.fullscreen}))

    def relayout(self, size: tuple[int, int]) -> None:
        """A new window size or look: every scene lays itself out again from the same state."""
        self.size = size
        self.theme = Theme(self.settings, size)
        self._gui_theme = self.theme.gui_theme()
        for scene in self.stack:
            scene.renew_manager()
            scene.rebuild()
        self._changed()

    def _resized(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if self.window.get_size() != size and not self.settings.fullscreen:
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        if size != self.size:
            if not self.settings.fullscreen:
                self.settings = self.settings.model_copy(update={"resolution": size})
                save_settings(self.settings)
            self.relayout(self.window.get_size())

    # ---------------------------------------------------------------- messages

    def toast(self, text: str, kind: str = "info") -> None:
        self._toast = (text, kind, time.perf_counter() + TOAST_SECONDS + len(text) / 40)
        self.request_redraw()

    # ---------------------------------------------------------------- input

    def activate(self, scene: Scene, control: Control) -> None:
        if scene is not self.top:
            return
        if not control.enabled:
            self.sounds.play("error")
            if control.tooltip:
                self.toast(control.tooltip, "warn")
            return
        if control.activate is not None:
            control.activate()
            self.request_redraw()

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self._resized((event.w, event.h))
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            self._resized(self.window.get_size())
            return
        if self.tutorial is not None and self.tutorial.handle(self, event):
            self.request_redraw()
            return
        scene = self.top
        if scene is None:
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT):
            self._key(scene, event)
            return
        if event.type == pygame.MOUSEMOTION:
            self._motion(scene, event.pos)
        consumed = scene.manager.process_events(event)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._toast_click(event.pos)
            self._press(scene, event.pos, consumed)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._release(scene, event.pos)
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            control = scene.by_element.get(event.ui_element)
            if control is not None:
                scene.ring.focus(control.key, show=False)
                self.activate(scene, control)
        else:
            if scene.on_event(event):
                self.request_redraw()
        if event.type not in (pygame.MOUSEMOTION,):
            self.request_redraw()

    def _text_entry_active(self, scene: Scene) -> bool:
        focus = scene.manager.get_focus_set()
        return bool(focus) and any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focus)

    def _key(self, scene: Scene, event: pygame.event.Event) -> None:
        self.request_redraw()
        if event.type != pygame.KEYDOWN:
            scene.manager.process_events(event)
            return
        typing = self._text_entry_active(scene)
        if typing and event.key not in (pygame.K_TAB, pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
            scene.manager.process_events(event)
            return
        ring = scene.ring
        focused = ring.focused
        if focused is not None and focused.on_key is not None and focused.on_key(event):
            return
        if event.key == pygame.K_TAB:
            self._focus_moved(scene, ring.step(-1 if event.mod & pygame.KMOD_SHIFT else 1))
        elif event.key in DIRECTIONS:
            self._focus_moved(scene, ring.move(*DIRECTIONS[event.key]))
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and focused is not None:
            ring.visible = True
            self.activate(scene, focused)
        elif event.key == pygame.K_ESCAPE:
            scene.on_escape()
        else:
            action = scene.shortcuts.get(event_spec(event))
            if action is not None:
                action()
            else:
                scene.manager.process_events(event)

    def _focus_moved(self, scene: Scene, control: Control | None) -> None:
        if control is None:
            return
        if control.element is not None and isinstance(control.element, pygame_gui.elements.UITextEntryLine):
            control.element.focus()
        text = control.tooltip_text()
        self._tip = (control.key, text, control.rect, time.perf_counter() + TOOLTIP_DELAY * 1.5) if text else None
        scene_focus = getattr(scene, "on_focus", None)
        if scene_focus is not None:
            scene_focus(control)

    def _motion(self, scene: Scene, pos: tuple[int, int]) -> None:
        old = self._mouse
        self._mouse = pos
        if scene.pressed is not None and scene.pressed.drag is not None:
            if not scene.dragging and abs(pos[0] - scene.press_pos[0]) + abs(pos[1] - scene.press_pos[1]) > DRAG_THRESHOLD:
                scene.dragging = True
                scene.pressed.drag("start", scene.press_pos)
            if scene.dragging:
                scene.pressed.drag("move", pos)
                self.request_redraw()
                return
        control = scene.control_at(pos)
        acting = scene.control_at(pos, acting=True)
        if acting is not scene.hover:
            for c in (scene.hover, acting):
                if c is not None:
                    self.request_redraw(c.rect.inflate(8, 8))
            scene.hover = acting
        text = control.tooltip_text() if control is not None else ""
        if control is None or not text:
            self._tip = None
        elif self._tip is None or self._tip[0] != control.key:
            self._tip = (control.key, text, control.rect, time.perf_counter() + TOOLTIP_DELAY)
        if self._tip_rect is not None and (self._tip is None or self._tip[0] != getattr(control, "key", None)):
            self.request_redraw(self._tip_rect)
        for element in scene.manager.get_sprite_group().sprites():
            rect = getattr(element, "rect", None)
            if rect is not None and rect.size != self.size and (rect.collidepoint(old) or rect.collidepoint(pos)):
                self.request_redraw(rect)

    def _press(self, scene: Scene, pos: tuple[int, int], consumed: bool) -> None:
        control = scene.control_at(pos, acting=True)
        if control is None or control.element is not None:
            return
        scene.pressed, scene.press_pos, scene.dragging = control, pos, False

    def _release(self, scene: Scene, pos: tuple[int, int]) -> None:
        control, scene.pressed = scene.pressed, None
        if control is None:
            return
        if scene.dragging:
            scene.dragging = False
            assert control.drag is not None
            control.drag("drop", pos)
            self.request_redraw()
            return
        if control.rect.collidepoint(pos):
            scene.ring.focus(control.key, show=False)
            self.activate(scene, control)

    def _toast_click(self, pos: tuple[int, int]) -> None:
        if self._toast is not None and self._toast_rect is not None and self._toast_rect.collidepoint(pos):
            self._toast = None

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    # ---------------------------------------------------------------- the loop

    def run(self) -> int:
        while self.running:
            self.frame(self._wait(self._wake_after()))
        return self.exit_code

    def _wait(self, timeout_ms: int) -> list[pygame.event.Event]:
        """The next events, sleeping until they come or `timeout_ms` passes.

        `pygame.event.wait` polls every millisecond inside SDL (about 4 % of a core doing nothing), so
        the game sleeps itself: in short naps while the player is busy, longer ones once they stop.
        """
        deadline = time.perf_counter() + timeout_ms / 1000
        while True:
            events = pygame.event.get()
            now = time.perf_counter()
            if events:
                self._last_input = now
                return events
            if self.session is not None and self.session.has_news():
                return []
            if now >= deadline:
                return []
            nap = ACTIVE_NAP if now - self._last_input < ACTIVE_SECONDS else IDLE_NAP
            time.sleep(min(deadline - now, nap))

    def pump(self) -> None:
        """Handle whatever is queued and draw once (tests and screenshots drive the game this way)."""
        self.frame(pygame.event.get())

    def frame(self, events: list[pygame.event.Event]) -> None:
        for event in events:
            self.dispatch(event)
            if not self.running:
                return
        if self.session is not None:
            news = self.session.poll()
            if news:
                self.follow(news)
        if self.tutorial is not None:
            self.tutorial.update(self)
        now = time.perf_counter()
        dt, self._last = now - self._last, now
        if self.top is not None:
            self.top.manager.update(min(dt, 0.25))
        if self._tip is not None and self._tip[3] <= now and self._tip_rect is None:
            self.request_redraw()
        if self._toast is not None and self._toast[2] <= now:
            self._toast = None
            if self._toast_rect is not None:
                self.request_redraw(self._toast_rect)
        if self.top is not None and self._text_entry_active(self.top):
            self.request_redraw()
        if self._full or self._rects:
            self.render()

    def _wake_after(self) -> int:
        now = time.perf_counter()
        due = [IDLE_WAIT_MS / 1000]
        if self._tip is not None and self._tip_rect is None:
            due.append(self._tip[3] - now)
        if self._toast is not None:
            due.append(self._toast[2] - now)
        if self.top is not None and self._text_entry_active(self.top):
            due.append(0.4)
        return max(1, round(1000 * min(due)))

    # ---------------------------------------------------------------- drawing

    def render(self) -> None:
        surface = self.window
        full, rects = self._full, self._rects
        self._full, self._rects = False, []
        clip = None if full else rects[0].unionall(rects[1:])
        surface.set_clip(clip)
        top = self.top
        if top is not None:
            if top.modal:
                if self._backdrop is None or self._backdrop.get_size() != self.size:
                    self._backdrop = self._compose_backdrop()
                surface.blit(self._backdrop, (0, 0))
            top.draw(surface)
            self._draw_focus(top, surface)
            if self.tutorial is not None:
                self.tutorial.draw(self, surface)
        else:
            surface.fill(self.theme.palette.bg)
        self._draw_toast(surface)
        self._draw_tooltip(surface)
        surface.set_clip(None)
        if full:
            pygame.display.flip()
        else:
            pygame.display.update(rects)

    def _compose_backdrop(self) -> pygame.Surface:
        backdrop = pygame.Surface(self.size)
        index = len(self.stack) - 1
        while index > 0 and self.stack[index].modal:
            index -= 1
        for scene in self.stack[index:-1]:
            if scene.modal:
                backdrop.blit(self._dim(), (0, 0))
            scene.draw(backdrop)
        backdrop.blit(self._dim(), (0, 0))
        return backdrop

    def _dim(self) -> pygame.Surface:
        shade = pygame.Surface(self.size, pygame.SRCALPHA)
        shade.fill((*self.theme.palette.shade, 120))
        return shade

    def _draw_focus(self, scene: Scene, surface: pygame.Surface) -> None:
        control = scene.ring.focused
        if control is None or not scene.ring.visible:
            return
        t = self.theme
        width = max(2, t.px(3))
        rect = control.rect.inflate(width * 2 + 2, width * 2 + 2)
        pygame.draw.rect(surface, t.palette.surface, rect.inflate(2, 2), width + 1, border_radius=t.px(10))
        pygame.draw.rect(surface, t.palette.focus, rect, width, border_radius=t.px(10))

    def _draw_toast(self, surface: pygame.Surface) -> None:
        if self._toast is None:
            self._toast_rect = None
            return
        text, kind, _ = self._toast
        t = self.theme
        colour = {"bad": t.palette.bad, "warn": t.palette.warn, "good": t.palette.good}.get(kind, t.palette.accent)
        font = t.font("body", "semibold")
        width = min(self.size[0] - t.px(80), t.px(900))
        lines = draw.wrap(font, text, width - t.px(48))
        height = len(lines) * font.get_linesize() + t.px(28)
        rect = pygame.Rect(0, 0, width, height)
        rect.midbottom = (self.size[0] // 2, self.size[1] - t.px(28))
        pygame.draw.rect(surface, t.palette.ink, rect, border_radius=t.px(10))
        pygame.draw.rect(surface, colour, pygame.Rect(rect.left, rect.top, t.px(10), rect.height),
                         border_top_left_radius=t.px(10), border_bottom_left_radius=t.px(10))
        y = rect.top + t.px(14)
        for line in lines:
            draw.text(surface, font, line, t.palette.surface, (rect.left + t.px(28), y))
            y += font.get_linesize()
        self._toast_rect = rect

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        tip = self._tip
        if tip is None or tip[3] > time.perf_counter():
            self._tip_rect = None
            return
        _key, text, anchor, _ = tip
        t = self.theme
        font = t.font("small")
        bold = t.font("small", "bold")
        width = t.px(440)
        lines: list[tuple[str, pygame.font.Font]] = []
        for para in text.split("\n"):
            f = bold if para.startswith("Shortcut:") else font
            lines.extend((line, f) for line in draw.wrap(f, para, width - t.px(24)))
        line_h = font.get_linesize()
        pad = t.px(12)
        w = min(width, max(f.size(s)[0] for s, f in lines) + 2 * pad)
        rect = pygame.Rect(0, 0, w, len(lines) * line_h + 2 * pad)
        rect.topleft = (anchor.left, anchor.bottom + t.px(6))
        if rect.bottom > self.size[1] - t.px(4):
            rect.bottom = anchor.top - t.px(6)
        rect.clamp_ip(pygame.Rect((0, 0), self.size))
        pygame.draw.rect(surface, t.palette.ink, rect, border_radius=t.px(8))
        y = rect.top + pad
        for line, f in lines:
            draw.text(surface, f, line, t.palette.surface, (rect.left + pad, y))
            y += line_h
        if self._tip_rect != rect:
            self._tip_rect = rect
            self.request_redraw(rect)


def _open_pack(pack: str) -> Session:
    from ..cli import UserError
    from ..content.loader import PackError, load_pack
    from ..engine import new_game

    folder = Path(pack)
    try:
        loaded = load_pack(folder)
    except PackError as exc:
        raise UserError(f"cannot start {pack}:\n{exc}") from None
    except (FileNotFoundError, NotADirectoryError):
        raise UserError(f"there is no scenario pack at {pack}") from None
    return Session(new_game(loaded), pack_path=folder.resolve())


def _open_save(path: str) -> Session:
    from ..cli import UserError
    from ..saves import SaveError, load_game

    try:
        loaded = load_game(path)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    return Session(loaded.state, pack_path=loaded.pack_path, save_path=loaded.path, hints_used=loaded.hints_used)


def run(pack: str | None, load: str | None, join: "JoinDetails | None" = None) -> int:
    """Open the game: the title screen, or straight into a scenario, a saved game or a room."""
    from ..cli import UserError

    session = _open_save(load) if load else _open_pack(pack) if pack else None
    settings, notice = load_settings()
    try:
        app = App(settings, notice=notice)
    except DisplayUnavailable as exc:
        raise UserError(str(exc)) from None
    try:
        if session is not None:
            app.start(session)
        else:
            from .scenes.title import Title

            app.push(Title(app))
            if join is not None:
                from .scenes.join import JoinScreen

                app.push(JoinScreen(app, join)).join()  # type: ignore[attr-defined]
        return app.run()
    finally:
        pygame.quit()

