"""Pydantic's validation errors reworded for a facilitator: what was expected, what was found.

Pydantic speaks to programmers ("Input should be a valid integer, unable to
parse string as an integer"); a facilitator needs "expected a whole number,
found "sixteen"", the field as they wrote it, and a suggestion when they
mistyped a key or a choice from a list.
"""

from __future__ import annotations

import re
import typing
from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel

ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


def suggest(value: str, options: list[str] | tuple[str, ...]) -> str:
    """` (did you mean 'x'?)` when `value` is close to one of `options`, else ''."""
    import difflib  # here: only a problem to report needs it, and validate starts faster

    hint = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def found(value: Any) -> str:
    """A value as the author wrote it in TOML, shortened; never fails, however odd the value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        return text if len(text) <= 60 else text[:56] + '…"'
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, (datetime, date, time)):
        return f"the date/time {value.isoformat()} (put it in quotes if it is text)"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def clean_location(loc: tuple, data: Any) -> tuple:
    """The error location as the author wrote it: without pydantic's union tags and `[key]` markers.

    A discriminated union (an event effect) puts the chosen `type` into the
    location (`effects.0.trust.delta`); the author never wrote `trust` as a key.
    """
    out: list = []
    current = data
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(current, dict) and part not in current and current.get("type") == part:
            continue
        out.append(part)
        current = _child(current, part)
    return tuple(out)


def _child(current: Any, part: Any) -> Any:
    if isinstance(current, dict):
        return current.get(part)
    if isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
        return current[part]
    return None


def model_at(model: type[BaseModel], loc: tuple, data: Any) -> type[BaseModel] | None:
    """The pack model that describes the table at `loc`, following lists, tables and effect types."""
    annotation: Any = model
    value = data
    for part in loc:
        if not isinstance(part, int):
            if typing.get_origin(annotation) is dict:
                annotation = typing.get_args(annotation)[1]
            else:
                current = _model_in(annotation, value)
                if current is None or part not in current.model_fields:
                    return None
                annotation = current.model_fields[part].annotation
        value = _child(value, part)
    return _model_in(annotation, value)


def _model_in(annotation: Any, value: Any) -> type[BaseModel] | None:
    """The model an annotation holds (X, list[X], X | None), or the union member named by `value`'s type."""
    models = _models(annotation)
    if len(models) == 1:
        return models[0]
    tag = value.get("type") if isinstance(value, dict) else None
    for m in models:
        literal = m.model_fields.get("type")
        if literal is not None and tag in typing.get_args(literal.annotation):
            return m
    return None


def _is_table_list(parent: type[BaseModel], name: str) -> bool:
    """`parent`'s field `name` is a list of tables, written `[[name]]`."""
    field = parent.model_fields.get(name)
    return field is not None and typing.get_origin(field.annotation) is list and bool(_models(field.annotation))


def _table_for(parent: type[BaseModel], key: str) -> str | None:
    """The list of tables in `parent` (a file's model) whose tables take `key`, if there is just one."""
    homes = [name for name, field in parent.model_fields.items()
             if typing.get_origin(field.annotation) is list
             and any(key in m.model_fields for m in _models(field.annotation))]
    return homes[0] if len(homes) == 1 else None


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out.extend(m for m in _models(arg) if m not in out)
    return out


def _number(value: Any) -> Any:
    """100.0 → 100, so that bounds read as the author would write them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def describe(err: dict[str, Any], loc: tuple, model: type[BaseModel], data: Any) -> tuple[str, bool]:
    """The message for one pydantic error, and whether it is about the key (True) or its value."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    what = found(value)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = model_at(model, loc[:-1], data)
        allowed = sorted(parent.model_fields) if parent is not None else []
        hint = suggest(key, allowed)
        home = _table_for(parent, key) if parent is not None and len(loc) == 1 else None
        if home is not None:  # a [[problem]]'s keys written before any [[problem]] line
            hint = f" at the top of the file: it belongs in a [[{home}]] table (write [[{home}]] on a line above it)"
        elif not hint and allowed:
            hint = f" (allowed here: {', '.join(allowed)})"
        return f"unknown key '{key}'{hint}", True
    if kind == "missing":
        if len(loc) == 1 and _is_table_list(model, loc[0]):  # an empty problems.toml
            return f"expected [[{loc[0]}]] tables (at least one), found none", True
        return f"expected a value for '{loc[-1]}', found nothing (it is required)", True
    if kind in ("literal_error", "enum"):
        options = _quoted(str(ctx.get("expected", "")))
        return f"expected one of {', '.join(options)}, found {what}{suggest(str(value), options)}", False
    if kind == "union_tag_invalid":
        options = _quoted(str(ctx.get("expected_tags", "")))
        tag = str(ctx.get("tag", value))
        return f"expected an effect type ({', '.join(options)}), found \"{tag}\"{suggest(tag, options)}", False
    if kind == "union_tag_not_found":
        return "expected a 'type' key saying which effect this is (trust, money, demand, …), found none", False
    if kind in ("string_pattern_mismatch",) and ctx.get("pattern") == ID_PATTERN:
        return ("expected an id: lower-case letters, digits and _, starting with a letter, at most 40 "
                f"characters; found {what}"), False
    if kind == "list_type" and isinstance(value, dict) and len(loc) == 1 and model_at(model, loc, data) is not None:
        name = loc[0]  # `[problem]` where the file's `[[problem]]` tables were meant
        return f"expected [[{name}]] tables (two pairs of brackets, one table each), found a single [{name}] table", False
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return f"expected {simple.format(**{k: _number(v) for k, v in ctx.items()})}, found {what}", False
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "expected some text, found an empty string", False
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters, found {len(str(value))}", False
    if kind in ("too_short", "too_long"):
        bound = ctx.get("min_length" if kind == "too_short" else "max_length")
        items = "item" if bound == 1 else "items"
        return (f"expected {'at least' if kind == 'too_short' else 'at most'} {bound} {items}, "
                f"found {ctx.get('actual_length')}"), False
    if kind == "recursion_loop":
        return "the value is nested too deeply", False
    message = str(err.get("msg", kind))
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix):], False
    if message.startswith("Input should be "):
        return f"expected {message[len('Input should be '):]}, found {what}", False
    return f"{message} (found {what})", False


_SIMPLE: dict[str, str] = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text in quotes",
    "list_type": "a list in square brackets [ … ]",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "greater_than_equal": "a number of at least {ge}",
    "greater_than": "a number above {gt}",
    "less_than_equal": "a number of at most {le}",
    "less_than": "a number below {lt}",
    "string_too_short": "at least {min_length} characters",
    "string_pattern_mismatch": "text matching {pattern}",
}
