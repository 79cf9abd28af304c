"""The advisor: hints from what the player can know, most urgent first (asking is free; the debrief notes it)."""

from __future__ import annotations

from .dialog import Dialog, esc

SEVERITY = {"warning": "Warning", "advice": "Advice", "info": "Note"}


class Advisor(Dialog):
    name = "advisor"
    design_size = (1100, 760)
    title = "Advisor"
    subtitle = "What needs your attention, from what you know. Asking is free; the debrief lists hints used."

    def build(self) -> None:
        hints = self.session.advice()
        p = self.theme.palette
        colours = {"warning": p.bad, "advice": p.accent, "info": p.muted}
        if hints:
            parts = [f"<font color='#%02X%02X%02X'><b>{SEVERITY.get(h.severity, h.severity)}</b></font>  {esc(h.text)}"
                     % colours.get(h.severity, p.ink) for h in hints]
            text = "<br><br>".join(parts)
        else:
            text = "Nothing pressing: the advisor has no hint for this quarter."
        self.text_box("hints", self.body, text, "The advisor's hints. Scroll with the arrow keys.")
        self.actions([("close", "Thanks", self.close, "Back to the council (Esc).", "primary", True)])
        self.ring.focus("close", show=False)

    def on_state_changed(self) -> None:
        """Hints are for the moment they were asked: asking again gives fresh ones."""
