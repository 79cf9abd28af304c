"""Field tables for docs/PACK_FORMAT.md, rendered from the pack models.

`python -m game.content.reference_doc` prints the tables; the prose around
them in PACK_FORMAT.md is written by hand, and a test checks that every model
field appears in the document, so the two cannot drift apart silently.
"""

from __future__ import annotations

import typing
from typing import Any, Iterator

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from . import models

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


def _type(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin is typing.Annotated:
        return _type(args[0])
    if origin in (list, tuple):
        return f"list of {_type(args[0])}" if args else "list"
    if origin is dict:
        return f"table of {_type(args[0])} → {_type(args[1])}"
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        parts = [a for a in args if a is not type(None)]
        text = " or ".join(_type(a) for a in parts)
        return f"{text} (optional)" if len(parts) < len(args) else text
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return f"table ({annotation.__name__})"
        return {"str": "text", "int": "whole number", "float": "number", "bool": "true/false"}.get(
            annotation.__name__, annotation.__name__)
    return str(annotation)


def _range(field: Any) -> str:
    bits = []
    for meta in field.metadata:
        for name, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"), ("min_length", "length ≥"),
                           ("max_length", "length ≤"), ("pattern", "matches")):
            value = getattr(meta, name, None)
            if value is not None:
                bits.append(f"{sign} {value}" if name != "pattern" else f"matches `{value}`")
    return ", ".join(bits)


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default is not PydanticUndefined:
        return f"`{field.default!r}`".replace("None", "none")
    return "(empty)"


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
                desc = (field.description or "").replace("|", "\\|")
                yield f"| `{name}` | {_type(field.annotation)} | {_default(field)} | {_range(field)} | {desc} |"


def all_field_names() -> set[tuple[str, str]]:
    return {(m.__name__, f) for _, section in SECTIONS for m in section for f in m.model_fields}


if __name__ == "__main__":
    print("\n".join(tables()))
