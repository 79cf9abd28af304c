"""One game being played on screen: the only place the screens touch the engine's `step`.

Scenes read `session.state` and call `submit(action)`; the session steps the
engine, keeps the log of what was submitted (the tests assert on it),
autosaves after every quarter, and tells the app what to show next (the
end-of-turn report, a pending event, the score card). `preview` runs an
action on a throwaway copy so a dialog can show its exact consequences — the
value a contract will have, the penalty for ending one — before the player
commits, without the screens re-implementing any rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar

from ..advice import HintUse, hints, note_used
from ..engine import Action, EndTurn, IllegalAction, State, step


@dataclass
class Outcome:
    ok: bool
    message: str = ""
    ended_turn: int | None = None
    """the turn that was resolved, when the action was EndTurn"""


@dataclass
class News:
    """What changed without the player's hand since the last frame (only a room's game ever has any)."""

    changed: bool = False
    """the state or the room's standing moved: screens lay themselves out again"""
    resolved: int | None = None
    """the room resolved this quarter (the report for it follows)"""
    messages: list[tuple[str, str]] = field(default_factory=list)
    """(text, kind) to show as messages"""
    ticked: bool = False
    """only something drawn moved (the room's clock): redraw, nothing more"""

    def __bool__(self) -> bool:
        return self.changed or self.resolved is not None or bool(self.messages) or self.ticked


@dataclass
class Session:
    local: ClassVar[bool] = True
    """the game lives on this laptop (saved, autosaved, loaded here); a room's game lives on the room's server"""

    state: State
    pack_path: Path | None = None
    save_path: Path | None = None
    hints_used: tuple[HintUse, ...] = ()
    submitted: list[Action] = field(default_factory=list)
    autosave_enabled: bool = True
    picture: Callable[[], bytes | None] | None = None
    """a PNG of the council screen for a save's thumbnail on the load list (the app supplies it)"""
    last_save_error: str | None = None

    def submit(self, action: Action) -> Outcome:
        before = self.state
        try:
            self.state = step(before, action)
        except IllegalAction as exc:
            return Outcome(False, str(exc))
        self.submitted.append(action)
        if isinstance(action, EndTurn):
            self.autosave()
            return Outcome(True, ended_turn=before.turn)
        return Outcome(True)

    def preview(self, action: Action) -> tuple[State | None, str]:
        """The state `action` would lead to (None and the reason if it is not allowed now)."""
        try:
            return step(self.state, action), ""
        except IllegalAction as exc:
            return None, str(exc)

    def advice(self) -> list:
        """The advisor's hints for now; asking is recorded (the debrief lists hints used)."""
        found = hints(self.state)
        self.hints_used = note_used(self.hints_used, self.state, found)
        return found

    def autosave(self) -> None:
        if not self.autosave_enabled:
            return
        from ..saves import SaveError, autosave

        try:
            autosave(self.state, hints_used=self.hints_used, pack_path=self.pack_path, thumbnail=self._picture())
            self.last_save_error = None
        except (SaveError, OSError, ValueError) as exc:
            self.last_save_error = f"Autosave failed: {exc}"

    def _picture(self) -> bytes | None:
        return self.picture() if self.picture is not None else None

    def save(self, name: str) -> Path:
        from ..saves import save_game

        path = save_game(None, self.state, name=name, hints_used=self.hints_used, pack_path=self.pack_path,
                         thumbnail=self._picture())
        self.save_path = path
        return path

    # ------------------------------------------------------------ a game kept elsewhere (a room) overrides these

    @property
    def waiting(self) -> bool:
        """The player has ended the quarter and waits for others (only in a room)."""
        return False

    @property
    def finished(self) -> bool:
        """No more actions: the game is over (or, in a room, the facilitator ended it)."""
        return self.state.is_over

    def has_news(self) -> bool:
        """Whether `poll` has something to report: the main loop wakes for it."""
        return False

    def poll(self) -> News:
        """What changed since the last frame without the player's hand: in a solo game, nothing."""
        return News()

    def leave(self) -> None:
        """Let go of the game when the app drops it (a room's session closes its connection)."""
