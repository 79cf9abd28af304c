"""The strategies the balance simulator can play; adding one is a file and a line here."""

from __future__ import annotations

from .base import Bot
from .cynefin_matched import CynefinMatched
from .do_nothing import DoNothing
from .greedy import Greedy
from .history import HistoryBot
from .prevention_first import PreventionFirst
from .random_bot import RandomBot
from .tender_everything import TenderEverything

BOTS: dict[str, type[Bot]] = {
    bot.name: bot
    for bot in (RandomBot, TenderEverything, CynefinMatched, PreventionFirst, HistoryBot, Greedy, DoNothing)
}

__all__ = ["BOTS", "Bot"]
