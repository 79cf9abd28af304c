"""Saving and loading games, through the saves package (atomic writes, autosaves, checked loads).

A save that cannot be read is listed with its reason rather than hidden; a
save whose scenario has changed since offers to replay its decisions on the
new version, or to leave it alone.
"""

from __future__ import annotations

import io
from pathlib import Path

import pygame
import pygame_gui

from ...saves import PackChanged, SaveError, list_saves, load_game
from .. import draw
from ..focus import Control
from ..session import Session
from .common import date_text
from .dialog import Dialog


def open_save(app, path: Path, replay: bool = False) -> None:  # noqa: ANN001
    """Load a save and start playing it; explain, and offer a replay, when it cannot simply be loaded."""
    try:
        loaded = load_game(path, replay=replay)
    except PackChanged as exc:
        app.push(ReplayOffer(app, path, str(exc)))
        return
    except SaveError as exc:
        app.toast(str(exc), "bad")
        return
    app.start(Session(loaded.state, pack_path=loaded.pack_path, save_path=loaded.path, hints_used=loaded.hints_used))
    note = " (decisions replayed on the changed scenario)" if loaded.replayed else ""
    app.toast(f"Loaded '{loaded.header.name}'{note}.", "good")


class SaveLoad(Dialog):
    name = "saves"
    design_size = (1200, 820)

    def __init__(self, app, mode: str) -> None:  # noqa: ANN001
        self.mode = mode
        self.selected: Path | None = None
        self._thumbs: dict[tuple[Path, int], pygame.Surface | None] = {}
        try:
            self.saves = list_saves()
        except OSError as exc:
            self.saves = []
            app.toast(f"Could not read the saves folder: {exc.strerror or exc}", "bad")
        super().__init__(app)

    def describe(self) -> None:
        self.title = "Save the game" if self.mode == "save" else "Load a game"
        self.subtitle = ("Saves are written safely: an earlier save is never half-overwritten."
                         if self.mode == "save" else "Newest first. Autosaves keep the last few quarters.")

    def build(self) -> None:
        t = self.theme
        top = self.body.top
        if self.mode == "save":
            state = self.state
            typed = getattr(self, "entry", None)  # a resize lays the dialog out again: keep what was typed
            name = typed.get_text() if typed is not None else f"{state.game.pack.info.title}, {date_text(state)}"
            rect = pygame.Rect(self.body.left, top + t.px(30), self.body.width, t.px(54))
            self.entry = pygame_gui.elements.UITextEntryLine(rect, self.manager, initial_text=name)
            self.entry.edit_position = len(name)  # typing adds to the name offered, not before its first letter
            self.entry.set_text_length_limit(100)
            # Enter in the field saves: the focus ring takes Enter before pygame_gui sees it, so the field acts itself
            self.ring.add(Control("name", rect, self._save, "The save's name. Type, then Enter to save.",
                                  element=self.entry))
            top = rect.bottom + t.px(56)
        row_h, gap = t.px(76), t.px(8)
        self.rows: list[tuple[object, pygame.Rect]] = []
        for i, info in enumerate(self.saves):
            rect = pygame.Rect(self.body.left, top + i * (row_h + gap), self.body.width, row_h)
            if rect.bottom > self.body.bottom:
                break
            self.rows.append((info, rect))
            if self.mode == "load":
                enabled = info.error is None
                self.button(f"save:{info.path.name}", rect, "", lambda i=info: self._pick(i.path), style="option_chosen"
                            if info.path == self.selected else "option", enabled=enabled,
                            tooltip=info.error or f"{info.name}: {info.scenario}, {info.date}. Enter to load.")
            else:
                self.button(f"save:{info.path.name}", rect, "", lambda i=info: self._reuse(i.name), style="option",
                            tooltip="Use this name (the save is replaced).")
        self.list_top = top
        if self.mode == "save":
            self.actions([("cancel", "Cancel", self.close, "Close without saving (Esc).", None, True),
                          ("confirm", "Save", self._save, "Save now (Enter).", "primary", True)])
            self.ring.focus("name", show=False)
            self.entry.focus()
        else:
            chosen = self.selected is not None
            self.actions([("cancel", "Cancel", self.close, "Close (Esc).", None, True),
                          ("confirm", "Load", self._load, "Load the selected game." if chosen else "Select a save first.",
                           "primary", chosen)])

    def _pick(self, path: Path) -> None:
        if self.selected == path:
            self._load()
            return
        self.selected = path
        focus, shown = self.ring.focused_key, self.ring.visible
        self.rebuild()
        self.ring.focus(focus, show=shown)

    def _reuse(self, name: str) -> None:
        self.entry.set_text(name)

    def _save(self) -> None:
        name = self.entry.get_text().strip() or self.entry.get_text()
        if not name:
            self.app.toast("Give the save a name.", "warn")
            return
        try:
            path = self.session.save(name)
        except (SaveError, OSError, ValueError) as exc:
            self.app.toast(str(exc), "bad")
            return
        self.close()
        self.app.toast(f"Saved to {path}", "good")

    def _load(self) -> None:
        if self.selected is not None:
            open_save(self.app, self.selected)

    def paint_body(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        if self.mode == "save":
            draw.text(surface, t.font("small", "semibold"), "Name", p.muted, (self.body.left, self.body.top))
            draw.text(surface, t.font("small", "semibold"), "Existing saves", p.muted,
                      (self.body.left, self.list_top - t.px(30)))
        if not self.saves:
            draw.text(surface, t.font("body"), "No saved games yet.", p.muted, (self.body.left, self.list_top + t.px(10)))

    def _thumbnail(self, info, height: int) -> pygame.Surface | None:  # noqa: ANN001 - a SaveInfo
        """The save's picture at `height` (cached), or None when it has none or it cannot be read."""
        key = (info.path, height)
        if key not in self._thumbs:
            picture = None
            if info.thumbnail:
                try:
                    raw = pygame.image.load(io.BytesIO(info.thumbnail), "thumbnail.png")
                    width = max(1, round(raw.get_width() * height / max(1, raw.get_height())))
                    picture = pygame.transform.smoothscale(raw.convert(), (width, height))
                except (pygame.error, ValueError):
                    picture = None
            self._thumbs[key] = picture
        return self._thumbs[key]

    def draw_overlay(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        for info, rect in self.rows:
            frame = pygame.Rect(rect.left + t.px(8), rect.top + t.px(6), round((rect.height - t.px(12)) * 16 / 9),
                                rect.height - t.px(12))
            picture = self._thumbnail(info, frame.height)
            if picture is not None:
                surface.blit(picture, frame.topleft, pygame.Rect((0, 0), frame.size))
            else:
                pygame.draw.rect(surface, t.tint(p.line, 0.4), frame, border_radius=t.px(4))
            pygame.draw.rect(surface, p.line, frame, 1, border_radius=t.px(4))
            x = frame.right + t.px(14)
            colour = p.muted if info.error else p.ink
            draw.text(surface, t.font("body", "semibold"), info.name, colour, (x, rect.top + t.px(10)),
                      max_width=rect.right - x - t.px(260))
            detail = info.error or f"{info.scenario} · {info.date} · quarter {info.turn} of {info.turns}" + \
                (" · game over" if info.over else "")
            draw.text(surface, t.font("small"), detail, p.bad if info.error else p.muted,
                      (x, rect.top + t.px(14) + t.font("body").get_linesize()), max_width=rect.right - x - t.px(16))
            when = info.modified.astimezone().strftime("%d %b %Y %H:%M")
            draw.text(surface, t.font("small"), ("autosave · " if info.autosave else "") + when, p.muted,
                      (rect.right - t.px(16), rect.top + t.px(12)), align="right")


class ReplayOffer(Dialog):
    name = "replay_offer"
    design_size = (900, 480)
    title = "The scenario has changed"

    def __init__(self, app, path: Path, message: str) -> None:  # noqa: ANN001
        self.path = path
        self.message = message
        super().__init__(app)

    def build(self) -> None:
        self.text_box("message", self.body, self.message, plain=True)
        self.actions([("refuse", "Leave it", self.close, "Keep the save as it is and do not load it (Esc).", None, True),
                      ("replay", "Replay my decisions", self._replay,
                       "Re-run every decision in the save on the new version of the scenario.", "primary", True)])
        self.ring.focus("replay", show=False)

    def _replay(self) -> None:
        self.close()
        open_save(self.app, self.path, replay=True)
