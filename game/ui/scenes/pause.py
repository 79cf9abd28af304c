"""The pause menu: resume, save, load, settings, leave."""

from __future__ import annotations

import pygame

from .dialog import Dialog


class PauseMenu(Dialog):
    name = "pause"
    design_size = (560, 640)
    title = "Paused"
    subtitle = "Your game is autosaved at the end of every quarter."

    def describe(self) -> None:
        self.local = self.app.session is None or self.app.session.local
        self.over = self.app.session is not None and self.app.session.finished
        self.design_size = (560, 710 if self.over else 640)
        if not self.local:
            self.subtitle = "The room keeps your game: nothing is saved on this laptop."

    def build(self) -> None:
        t = self.theme
        if self.local:
            items = (
                ("resume", "Resume", self.close, "Back to the game.", "escape", "primary"),
                ("save", "Save game", lambda: self._open("save"), "Save under a name you choose.", "ctrl+s", None),
                ("load", "Load game", lambda: self._open("load"), "Load a saved or autosaved game.", "ctrl+l", None),
                ("settings", "Settings", self._settings, "Screen, text size, colours, sound.", "ctrl+o", None),
                ("title", "Quit to title", self._title, "Leave this game (it is autosaved each quarter).", "ctrl+t",
                 None),
                ("quit", "Quit the game", self.app.quit, "Close Common Ground.", "ctrl+q", None),
            )
        else:  # a room's game: the server journals it, so there is nothing to save or load here
            items = (
                ("resume", "Resume", self.close, "Back to the game.", "escape", "primary"),
                ("settings", "Settings", self._settings, "Screen, text size, colours, sound.", "ctrl+o", None),
                ("title", "Leave the room", self._title, "Back to the title screen. The room keeps your team's game: "
                 "Join a room again with the same team name to carry on.", "ctrl+t", None),
                ("quit", "Leave and quit", self.app.quit, "Close Common Ground; the room keeps your team's game.",
                 "ctrl+q", None),
            )
        if self.over:
            items = (items[0], ("debrief", "Debrief", self._debrief, "What happened and why, and what the real "
                                "council did.", "ctrl+d", None), *items[1:])
        bh, gap = t.px(54), t.px(10)
        for i, (key, label, action, tip, shortcut, style) in enumerate(items):
            rect = pygame.Rect(self.body.left, self.body.top + i * (bh + gap), self.body.width, bh)
            self.button(key, rect, label, action, tooltip=tip, shortcut=None if shortcut == "escape" else shortcut,
                        style=style)
        self.buttons_row.height = 0
        self.ring.focus("resume", show=False)

    def _open(self, mode: str) -> None:
        from .saves import SaveLoad

        self.app.pop(self)
        self.app.push(SaveLoad(self.app, mode=mode))

    def _debrief(self) -> None:
        from .debrief import DebriefScreen

        self.app.pop(self)
        self.app.push(DebriefScreen(self.app))

    def _settings(self) -> None:
        from .settings import SettingsScreen

        self.app.pop(self)
        self.app.push(SettingsScreen(self.app))

    def _title(self) -> None:
        from .title import Title

        self.app.session = None
        self.app.replace_all(Title(self.app))
