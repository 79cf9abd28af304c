"""Plain-words facts about a model field: its type, allowed range and default.

Shared by the reference tables in docs/PACK_FORMAT.md and the comments that
`new-scenario` writes above every field, so both say the same thing.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

_SCALARS = {"str": "text", "int": "whole number", "float": "number", "bool": "true/false", "object": "value"}


def type_name(annotation: Any, code: str = "`") -> str:
    """`list of text`, `'clear' | 'complex'`, `table (Budget)` …; `code` wraps literal values."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return " | ".join(f"{code}{a}{code}" for a in args)
    if origin is typing.Annotated:
        return type_name(args[0], code)
    if origin in (list, tuple):
        return f"list of {type_name(args[0], code)}" if args else "list"
    if origin is dict:
        return f"table of {type_name(args[0], code)} → {type_name(args[1], code)}"
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        parts = [a for a in args if a is not type(None)]
        models = [a for a in parts if isinstance(a, type) and issubclass(a, BaseModel)]
        if len(models) > 2:
            return "effect table (by `type`)"
        text = " or ".join(type_name(a, code) for a in parts)
        return f"{text} (optional)" if len(parts) < len(args) else text
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return f"table ({annotation.__name__})"
        return _SCALARS.get(annotation.__name__, annotation.__name__)
    return str(annotation)


def bounds(field: FieldInfo) -> str:
    """`0 to 100`, `above 0`, `at most 120 characters`, …; '' when unconstrained."""
    limits: dict[str, Any] = {}
    for meta in field.metadata:
        for name in ("ge", "gt", "le", "lt", "min_length", "max_length"):
            value = getattr(meta, name, None)
            if value is None:
                continue
            value = int(value) if isinstance(value, float) and value.is_integer() else value
            if name in limits:  # a field may narrow its type's bounds (money at least 0): keep the tighter
                value = max(value, limits[name]) if name in ("ge", "gt", "min_length") else min(value, limits[name])
            limits[name] = value
    lows = [(limits[k], k == "gt") for k in ("ge", "gt") if k in limits]
    highs = [(limits[k], k == "lt") for k in ("le", "lt") if k in limits]
    low = max(lows) if lows else None      # the tighter bound wins; at a tie the strict one
    high = min(highs, key=lambda h: (h[0], not h[1])) if highs else None
    bits = []
    if low and high and not low[1] and not high[1]:
        bits.append(f"{low[0]} to {high[0]}")
    else:
        if low:
            bits.append(f"above {low[0]}" if low[1] else f"at least {low[0]}")
        if high:
            bits.append(f"below {high[0]}" if high[1] else f"at most {high[0]}")
    is_text = type_name(field.annotation) == "text"
    unit = "character" if is_text else "item"
    if "min_length" in limits and limits["min_length"] > 0 and not (is_text and limits["min_length"] == 1):
        n = limits["min_length"]
        bits.append(f"at least {n} {unit}{'s' if n != 1 else ''}")
    if "max_length" in limits:
        n = limits["max_length"]
        bits.append(f"at most {n} {unit}{'s' if n != 1 else ''}")
    return ", ".join(bits)


def default(field: FieldInfo) -> Any:
    """The default value, or PydanticUndefined when the field is required."""
    if field.is_required():
        return PydanticUndefined
    if field.default_factory is not None:
        return field.default_factory()  # type: ignore[call-arg]
    return field.default


def description(field: FieldInfo) -> str:
    return (field.description or "").strip()
