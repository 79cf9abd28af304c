"""One-step look-ahead: of up to SAMPLE legal moves, take the one that raises the score most now.

Only the immediate score counts (no resolving of the quarter), which keeps a
game to milliseconds; the bot ends the turn when no sampled move improves it.
Classifying is left out of the sample: a judgement never moves the score
until the quarter resolves, so it could only take a slot from a real move.
"""

from __future__ import annotations

from game.engine import Action, EndTurn, State, legal_actions, step, total_score

from .base import MOVES_PER_TURN, Bot, first_choice, moves_this_turn

SAMPLE = 12
"""moves looked at per decision: enough to find the few that move the score now, cheap enough that
10,000 games of a 24-quarter pack fit in a minute on two cores"""


class Greedy(Bot):
    name = "greedy"

    def act(self, state: State) -> Action:
        if state.pending:
            actions = [a for a in legal_actions(state) if a.kind == "choose"]
        elif state.capacity <= 0 or moves_this_turn(state) >= MOVES_PER_TURN:
            return EndTurn()
        else:
            actions = [a for a in legal_actions(state) if a.kind not in ("end_turn", "classify")]
        if not actions:
            return first_choice(state) or EndTurn()
        if len(actions) > SAMPLE:
            picks = self.rng.choice(len(actions), size=SAMPLE, replace=False).tolist()
            actions = [actions[i] for i in sorted(picks)]
        best, best_total = None, None if state.pending else total_score(state)
        for action in actions:
            total = total_score(step(state, action))
            if best_total is None or total > best_total:
                best, best_total = action, total
        return best or EndTurn()
