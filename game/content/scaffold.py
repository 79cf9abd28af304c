"""`new-scenario`: a complete, playable pack to start from, with a comment on every field.

The content is the tutorial pack's (a small game known to validate and play
well); the comments come from the pack models' field descriptions, ranges
and defaults, so the scaffold explains exactly what this version reads. The
first time a kind of table appears, every field it can hold is shown, the
unused ones commented out with their default; later tables of the same kind
carry a short comment on each line. Each file starts with a `#:schema` line
so Even Better TOML (taplo) completes and checks fields as you type.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import textwrap
import typing
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .fields import bounds, default, description, type_name
from .loader import FILES
from .schema import write_schemas

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WIDTH = 100
"""Longest line written; longer inline values are spread over several lines."""
INLINE_MODELS = ("Start",)
"""Small tables written inline (`start = { year = 2025, quarter = 2 }`) rather than under a header."""
EXAMPLES: dict[tuple[str, str], Any] = {
    ("PackInfo", "loss"): "reserves < -5 or trust.members < 15",
    ("Event", "use"): "grant_cut",
    ("Event", "turn"): 3,
    ("Event", "date"): "2025Q4",
    ("Event", "trigger"): "turn >= 3 and trust.staff < 40",
    ("ApproachTuning", "fit"): {"complex": 1.15},
    ("ApproachTuning", "cost"): 2,
    ("ApproachTuning", "trust_gate"): 45.0,
    ("ApproachTuning", "prevention"): 0.6,
}
"""Values shown for optional fields that have no default to show."""


def scaffold(template: Path, target: Path, ident: str, title: str) -> list[Path]:
    """Write a commented copy of the pack at `template` into `target`; returns the files written."""
    target.mkdir(parents=True)
    written: list[Path] = []
    for name, model in FILES.items():
        source = template / name
        if not source.is_file():
            continue
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        if name == "pack.toml":
            data.update(id=ident, title=title, version="0.1")
        out = target / name
        out.write_text(render_file(name, model, data), encoding="utf-8")
        written.append(out)
    if (template / "text").is_dir():
        # the guided tutorial's steps (text/tutorial.toml) belong to the tutorial alone, not to a new pack
        shutil.copytree(template / "text", target / "text", ignore=shutil.ignore_patterns("tutorial.toml"))
        written.extend(sorted((target / "text").glob("*.md")))
    written.extend(write_schemas(target / "schema"))
    return written


def render_file(name: str, model: type[BaseModel], data: dict[str, Any]) -> str:
    head = [
        f"#:schema ./schema/{Path(name).stem}.json",
        f"# {name}: {_first_line(model.__doc__)}",
        "# Every field is explained the first time it appears; docs/PACK_FORMAT.md has the full reference.",
        "# Check your changes with:  common-ground validate <this folder>",
        "",
    ]
    body = _Writer().table(model, data, ())
    return "\n".join(head + list(body)).rstrip() + "\n"


def _first_line(doc: str | None) -> str:
    text = (doc or "").strip().splitlines()[0] if doc else ""
    return text.split(": ", 1)[-1] if text.startswith("`") else text


class _Writer:
    def __init__(self) -> None:
        self.explained: set[str] = set()

    def table(self, model: type[BaseModel], data: dict[str, Any], path: tuple[str, ...]) -> Iterator[str]:
        """The keys of one table, then its sub-tables under their own headers (TOML needs that order)."""
        first = model.__name__ not in self.explained
        self.explained.add(model.__name__)
        later: list[tuple[str, FieldInfo]] = []
        for name, field in model.model_fields.items():
            if _is_table(field, data.get(name)):
                later.append((name, field))
            elif name in data:
                yield from self.key(model, name, field, data[name], first)
            elif first:
                yield from self.absent(model, name, field)
        for name, field in later:
            yield from self.subtable(model, name, field, data.get(name), path + (name,), first)

    def key(self, model: type[BaseModel], name: str, field: FieldInfo, value: Any, first: bool) -> Iterator[str]:
        text = _value(value, field)
        line = f"{_key(name)} = {text}"
        if first:
            yield from _comment(field, model)
            yield line
        else:
            short = _short(field)
            if "\n" not in line and len(line) + len(short) + 5 <= WIDTH:
                yield f"{line}   # {short}"
            else:
                yield f"# {short}"
                yield line

    def absent(self, model: type[BaseModel], name: str, field: FieldInfo) -> Iterator[str]:
        """An optional field the template leaves out, shown commented out so authors know it exists."""
        value = default(field)
        if value is None:
            value = EXAMPLES.get((model.__name__, name))
        if value is None or value is PydanticUndefined:
            return
        yield from _comment(field, model)
        for line in f"{_key(name)} = {_value(value, field)}".splitlines():
            yield f"# {line}"

    def subtable(self, model: type[BaseModel], name: str, field: FieldInfo, value: Any,
                 path: tuple[str, ...], first: bool) -> Iterator[str]:
        inner = _model_of(field.annotation)
        header = ".".join(_key(p) for p in path)
        if value is None:
            if first and inner is not None:
                brackets = ("[[", "]]") if typing.get_origin(field.annotation) is list else ("[", "]")
                yield ""
                yield from _comment(field, model)
                yield f"# {brackets[0]}{header}{brackets[1]}  (optional: leave it out to keep the defaults)"
            return
        if isinstance(value, list):  # array of tables
            for item in value:
                yield ""
                if first and inner is not None and inner.__name__ not in self.explained:
                    yield from _comment(field, model)
                yield f"[[{header}]]"
                yield from self.table(inner, item, path)  # type: ignore[arg-type]
            return
        if inner is None:  # a table of plain values too long to write inline
            yield ""
            if first:
                yield from _comment(field, model)
            yield f"[{header}]"
            yield from (f"{_key(k)} = {_value(v, None)}" for k, v in value.items())
            return
        if typing.get_origin(field.annotation) is dict:  # a table of tables, e.g. tuning.approaches
            for key, item in value.items():
                yield ""
                if first and inner.__name__ not in self.explained:
                    yield from _comment(field, model)
                yield f"[{header}.{_key(key)}]"
                yield from self.table(inner, item, path + (key,))
            return
        yield ""
        if first:
            yield from _comment(field, model)
        yield f"[{header}]"
        yield from self.table(inner, value, path)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds as a table (X, X | None, list[X], dict[str, X]); None for effect lists."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated or origin in (list, dict):
        return _model_of(args[0] if origin is typing.Annotated else args[-1])
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        members = [a for a in args if a is not type(None)]
        return _model_of(members[0]) if len(members) == 1 else None
    return None


def _is_table(field: FieldInfo, value: Any) -> bool:
    """Whether the field is written as its own [table] / [[array]] rather than `key = value`."""
    inner = _model_of(field.annotation)
    if inner is not None:
        return inner.__name__ not in INLINE_MODELS
    if isinstance(value, dict) and value:  # a plain table (rules, bends, evidence) too long for one line
        return len(_inline(value)) > WIDTH - 30
    return False


def _comment(field: FieldInfo, model: type[BaseModel]) -> Iterator[str]:
    words = description(field) or _first_line(model.__doc__)
    facts = [type_name(field.annotation, code="")]
    limits = bounds(field)
    if limits:
        facts.append(limits)
    value = default(field)
    if value is PydanticUndefined:
        facts.append("required")
    elif not isinstance(value, BaseModel) and value not in (None, [], {}):
        facts.append(f"default {_value(value, field)}")
    text = f"{words} ({'; '.join(facts)})"
    for line in textwrap.wrap(text, WIDTH - 2, break_on_hyphens=False):
        yield f"# {line}"


def _short(field: FieldInfo) -> str:
    """The description's first clause, for a comment at the end of a line."""
    text = description(field)
    text = re.split(r"(?<=[a-z)])[.;:]\s|, e\.g\.| \(", text, maxsplit=1)[0].rstrip(".")
    return text if len(text) <= 60 else textwrap.shorten(text, 60, placeholder=" …")


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name, ensure_ascii=False)


def _value(value: Any, field: FieldInfo | None) -> str:
    if isinstance(value, str) and field is not None and _is_prose(field) and ("\n" in value or len(value) > 70):
        return _prose(value)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        one_line = "[" + ", ".join(_inline(v) for v in value) + "]"
        if len(one_line) <= WIDTH - 20:
            return one_line
        return "[\n" + "".join(f"  {_inline(v)},\n" for v in value) + "]"
    return _inline(value)


def _is_prose(field: FieldInfo) -> bool:
    return any(getattr(m, "func", None) is not None and m.func.__name__ == "_reflow" for m in field.metadata)


def _prose(text: str) -> str:
    """A multi-line string wrapped for reading; the loader joins single line breaks back into spaces."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    body = "\n\n".join(textwrap.fill(p, 78) for p in paragraphs)
    body = body.replace("\\", "\\\\").replace('"""', '""\\"')
    return f'"""\n{body}\n"""'


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, BaseModel):
        return _inline(value.model_dump(exclude_defaults=True))
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
