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

from ..advice import HintUse, hints, note_used
from ..engine import Action, EndTurn, IllegalAction, State, step


@dataclass
class Outcome:
    ok: bool
    message: str = ""
    ended_turn: int | None = None
    """the turn that was resolved, when the action was EndTurn"""


@dataclass
class Session:
    state: State
    pack_path: Path | None = None
    save_path: Path | None = None
    hints_used: tuple[HintUse, ...] = ()
    submitted: list[Action] = field(default_factory=list)
    autosave_enabled: bool = True
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
            autosave(self.state, hints_used=self.hints_used, pack_path=self.pack_path)
            self.last_save_error = None
        except (SaveError, OSError, ValueError) as exc:
            self.last_save_error = f"Autosave failed: {exc}"

    def save(self, name: str) -> Path:
        from ..saves import save_game

        path = save_game(None, self.state, name=name, hints_used=self.hints_used, pack_path=self.pack_path)
        self.save_path = path
        return path
