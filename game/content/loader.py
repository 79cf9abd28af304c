"""Reading a pack folder into a validated `Pack`, with every problem found in one pass.

Each problem is reported as `file:line:column: field.path: message`, worded
for a facilitator in their own editor: what was expected and what was found,
and a "did you mean …?" for unknown keys and ids. Nothing a pack contains can
make the loader raise anything but `PackError`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .models import (
    EventsFile, HistoryFile, Pack, PackInfo, ProblemsFile, ProvidersFile, StakeholdersFile,
)
from .positions import Positions
from .references import check_references

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FILES: dict[str, type[BaseModel]] = {
    "pack.toml": PackInfo,
    "problems.toml": ProblemsFile,
    "providers.toml": ProvidersFile,
    "stakeholders.toml": StakeholdersFile,
    "events.toml": EventsFile,
    "history.toml": HistoryFile,
}
OPTIONAL = {"history.toml", "events.toml"}
MAX_FILE_BYTES = 2_000_000
LIBRARY = Path(__file__).resolve().parent.parent.parent / "scenarios" / "_library"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack, pointing at where it is."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class PackError(Exception):
    """Everything wrong with a pack, found in one pass; `problems` are `Problem`s, `str()` one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class _Source:
    name: str
    path: Path
    data: dict[str, Any]
    positions: Positions


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _found(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        allowed = _allowed_keys(model, err["loc"][:-1])
        hint = difflib.get_close_matches(key, allowed, n=1)
        suffix = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed here: {', '.join(sorted(allowed))})" if allowed else ""
        return f"unknown key '{key}'{suffix}"
    if kind == "missing":
        return "expected this field, found nothing (it is required)"
    msg = err["msg"]
    for prefix in ("Input should be ", "Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    if kind.startswith(("value_error", "assertion")):
        return msg
    return f"expected {msg}, found {_found(err.get('input'))}"


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model at `loc`, for suggestions; [] when it cannot be followed."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields:
            # discriminated unions put the tag in the location, e.g. effects.0.trust
            return []
        field = fields.get(str(part))
        if field is None:
            return []
        current = _model_of(field.annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _read(path: Path, name: str, problems: list[Problem]) -> _Source | None:
    file = path / name
    label = str(file)
    try:
        if file.is_dir():
            problems.append(Problem(label, 1, 1, "", "expected a file, found a folder"))
            return None
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(label, 1, 1, "", f"the file is {size:,} bytes; a pack file may be at most "
                                                     f"{MAX_FILE_BYTES:,}"))
            return None
        raw = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(label, 1, 1, "", f"cannot read the file ({exc.strerror or exc})"))
        return None
    if b"\0" in raw:
        problems.append(Problem(label, 1, 1, "", "expected a text (TOML) file, found binary data"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(label, line, 1, "", "expected UTF-8 text, found bytes that are not UTF-8 "
                                                    f"(at byte {exc.start}); save the file as UTF-8"))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        message = str(exc).split(" (at line")[0]
        if line is None:  # before Python 3.14 the position is only in the message
            m = re.search(r"at line (\d+), column (\d+)", str(exc))
            line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        problems.append(Problem(label, line, col, "", f"not valid TOML: {message}"))
        return None
    return _Source(name, file, data, Positions(text))


def _library_events(problems: list[Problem]) -> dict[str, tuple[dict[str, Any], _Source]]:
    lib: dict[str, tuple[dict[str, Any], _Source]] = {}
    if not (LIBRARY / "events.toml").is_file():
        return lib
    source = _read(LIBRARY, "events.toml", problems)
    if source is None:
        return lib
    for event in source.data.get("event", []):
        if isinstance(event, dict) and isinstance(event.get("id"), str):
            lib[event["id"]] = (event, source)
    return lib


def _apply_library(source: _Source, problems: list[Problem]) -> None:
    """`use = "<library id>"` starts an event from the shared library; every other key overrides it."""
    events = source.data.get("event")
    if not isinstance(events, list) or not any(isinstance(e, dict) and "use" in e for e in events):
        return
    library = _library_events(problems)
    for i, event in enumerate(events):
        if not isinstance(event, dict) or "use" not in event:
            continue
        ref = event.pop("use")
        base = library.get(ref) if isinstance(ref, str) else None
        if base is None:
            hint = difflib.get_close_matches(str(ref), list(library), n=1)
            suffix = f" (did you mean '{hint[0]}'?)" if hint else f" (the library has: {', '.join(sorted(library))})"
            line, col = source.positions.longest_prefix(("event", i, "use"))
            problems.append(Problem(str(source.path), line, col, f"event[{i}].use",
                                    f"expected a library event id, found {ref!r}{suffix}"))
            continue
        merged = {**base[0], **event}
        merged.setdefault("id", ref)
        events[i] = merged


def _validate(source: _Source, model: type[BaseModel], problems: list[Problem]) -> BaseModel | None:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = _without_union_tags(err["loc"])
            line, col = source.positions.longest_prefix(loc)
            problems.append(Problem(str(source.path), line, col, _dotted(loc), _message(err, model)))
        return None


def _without_union_tags(loc: tuple) -> tuple:
    """Pydantic puts the effect's `type` tag into error locations (effects.0.trust.delta); authors never wrote it."""
    out: list = []
    for i, part in enumerate(loc):
        if i >= 2 and loc[i - 2] == "effects" and isinstance(loc[i - 1], int) and part in _EFFECT_TAGS:
            continue
        out.append(part)
    return tuple(out)


_EFFECT_TAGS = {
    "trust", "money", "income", "demand", "demand_trend", "outcome", "provider_health", "domain", "collapse",
    "withdraw", "enable_provider", "inspection", "capacity", "election",
}


def load_pack(path: str | Path) -> Pack:
    """The validated pack in folder `path`, or one PackError carrying every problem found."""
    root = Path(path)
    problems: list[Problem] = []
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is a file, not a pack folder"
        raise PackError([Problem(str(root), 1, 1, "", f"{what}; a pack is a folder holding pack.toml")])
    if not (root / "pack.toml").is_file():
        raise PackError([Problem(str(root / "pack.toml"), 1, 1, "",
                                 "not a scenario pack: the folder has no pack.toml")])
    sources: dict[str, _Source] = {}
    digest = hashlib.sha256()
    for name in FILES:
        if not (root / name).exists():
            if name not in OPTIONAL:
                problems.append(Problem(str(root / name), 1, 1, "", "missing file: every pack needs it"))
            continue
        source = _read(root, name, problems)
        if source is not None:
            digest.update(name.encode() + b"\0" + source.path.read_bytes())
            sources[name] = source
    if "events.toml" in sources:
        _apply_library(sources["events.toml"], problems)
    parsed = {name: _validate(src, FILES[name], problems) for name, src in sources.items()}
    texts: dict[str, str] = {}
    text_dir = root / "text"
    if text_dir.is_dir():
        for md in sorted(text_dir.glob("*.md")):
            raw = md.read_bytes()[:MAX_FILE_BYTES]
            digest.update(md.name.encode() + b"\0" + raw)
            texts[md.stem] = raw.decode("utf-8", errors="replace")
    if problems or any(v is None for v in parsed.values()):
        raise PackError(problems)
    providers: ProvidersFile = parsed["providers.toml"]  # type: ignore[assignment]
    events: EventsFile = parsed.get("events.toml") or EventsFile()  # type: ignore[assignment]
    pack = Pack(
        info=parsed["pack.toml"], problems=parsed["problems.toml"].problem,  # type: ignore[union-attr]
        providers=providers.provider, contracts=providers.contract,
        stakeholders=parsed["stakeholders.toml"].stakeholder,  # type: ignore[union-attr]
        events=events.event, history=parsed.get("history.toml"), texts=texts, content_hash=digest.hexdigest(),
    )
    for file, loc, message in check_references(pack):
        source = sources.get(file)
        line, col = source.positions.longest_prefix(loc) if source else (1, 1)
        problems.append(Problem(str(root / file), line, col, _dotted(loc), message))
    if problems:
        raise PackError(problems)
    return pack
