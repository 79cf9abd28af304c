"""Field tables for docs/PACK_FORMAT.md, rendered from the pack models.

`python -m game.content.reference_doc` prints the tables; the prose around
them in PACK_FORMAT.md is written by hand, and a test checks that every model
field appears in the document, so the two cannot drift apart silently.
"""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from . import models
from .fields import bounds, default, description, type_name

SECTIONS: list[tuple[str, list[type[BaseModel]]]] = [
    ("pack.toml", [models.PackInfo, models.Start, models.Budget, models.Scoring, models.Weights, models.Grades,
                   models.Goal, models.Tuning, models.ApproachTuning]),
    ("problems.toml", [models.ProblemsFile, models.Problem]),
    ("providers.toml", [models.ProvidersFile, models.Provider, models.StartingContract]),
    ("stakeholders.toml", [models.StakeholdersFile, models.Stakeholder]),
    ("events.toml", [models.EventsFile, models.Event, models.Choice, models.TrustEffect, models.MoneyEffect,
                     models.IncomeEffect, models.DemandEffect, models.DemandTrendEffect, models.OutcomeEffect,
                     models.HealthEffect, models.DomainEffect, models.CollapseEffect, models.WithdrawEffect,
                     models.EnableEffect, models.InspectionEffect, models.CapacityEffect, models.ElectionEffect]),
    ("history.toml", [models.HistoryFile, models.HistoryStep, models.DocumentedOutcome]),
]


def _default(field: Any) -> str:
    value = default(field)
    if value is PydanticUndefined:
        return "**required**"
    if isinstance(value, BaseModel):
        return "(see its table)"
    if value is None or value == [] or value == {}:
        return "(none)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value!r}`".replace("'", '"')


def tables() -> Iterator[str]:
    for file, section in SECTIONS:
        yield f"\n### `{file}`\n"
        for model in section:
            doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
            yield f"\n#### {model.__name__}\n"
            if doc:
                yield f"{doc}\n"
            yield "\n| field | type | default | allowed | meaning |\n|---|---|---|---|---|"
            for name, field in model.model_fields.items():
                cells = [f"`{name}`", type_name(field.annotation), _default(field), bounds(field), description(field)]
                yield "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def all_field_names() -> set[tuple[str, str]]:
    return {(m.__name__, f) for _, section in SECTIONS for m in section for f in m.model_fields}


if __name__ == "__main__":
    print("\n".join(tables()))
