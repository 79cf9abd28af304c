"""Reading a pack folder into a validated `Pack`, with every problem found in one pass.

The order matters for the messages: each file is read and parsed on its own
(a broken file does not hide problems in the others), library events are
merged in, each file is validated against its model, and then the cross-file
references and conditions are checked. Those need pack.toml, problems.toml,
providers.toml and stakeholders.toml sound; of events.toml they check the
events that are sound on their own (the others wait for the next run), and a
history.toml that does not validate waits whole. Nothing a pack contains can
make `load_pack` raise anything but `PackError`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .error_text import clean_location, describe
from .errors import PackError, PackProblem, dotted
from .library import LibraryUse, apply_library, inherited_note, missing_from_unknown_use
from .models import (ApproachTuning, Event, EventsFile, Grades, HistoryFile, Pack, PackInfo, ProblemsFile,
                     ProvidersFile, Scoring, StakeholdersFile, Tuning, Weights)
from .prebuilt import ready
from .quick_start import sha256
from .reading import MAX_FILE_BYTES, Source, decode_text, read_bytes, read_toml
from .references import Finding, check_references

FILES: dict[str, type[BaseModel]] = {
    "pack.toml": PackInfo,
    "problems.toml": ProblemsFile,
    "providers.toml": ProvidersFile,
    "stakeholders.toml": StakeholdersFile,
    "events.toml": EventsFile,
    "history.toml": HistoryFile,
}
"""The files of a pack and the model each is validated against, in reading order."""
VALIDATED = (*FILES.values(), Event, Scoring, Weights, Grades, Tuning, ApproachTuning)
"""the models whose own validators or serializers loading a pack uses, kept between runs (`prebuilt`): the
files', Event's (one event at a time when events.toml is unsound), those of the tables a file may leave
out, which their default factory (`Field(default_factory=Weights)`) makes through their own validator,
and ApproachTuning's (the checks read a pack's tuning with `model_dump`)"""
OPTIONAL = {"history.toml", "events.toml"}
CORE = ("pack.toml", "problems.toml", "providers.toml", "stakeholders.toml")
"""the files every check between files needs sound; events.toml and history.toml can be checked in part"""
MAX_TEXTS = 32

__all__ = ["FILES", "MAX_FILE_BYTES", "PackError", "PackProblem", "load_pack"]


def _validate(source: Source, model: type[BaseModel], uses: list[LibraryUse],
              problems: list[PackProblem]) -> BaseModel | None:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    except RecursionError:
        problems.append(PackProblem(str(source.path), 1, 1, "", "values are nested too deeply"))
        return None
    for err in errors:
        loc = clean_location(tuple(err["loc"]), source.data)
        if err["type"] == "missing" and source.name == "events.toml" and missing_from_unknown_use(uses, loc):
            continue
        message, about_key = describe(err, loc, model, source.data)
        line, column = source.positions.key(loc) if about_key else source.positions.value(loc)
        note = inherited_note(uses, loc) if source.name == "events.toml" else ""
        problems.append(PackProblem(str(source.path), line, column, dotted(loc), message + note))
    return None


def _texts(root: Path, digest: Any, problems: list[PackProblem]) -> dict[str, str]:
    """The Markdown files in text/, by stem; each must be UTF-8 text of a sensible size."""
    folder = root / "text"
    if not folder.is_dir():
        return {}
    texts: dict[str, str] = {}
    for md in sorted(folder.glob("*.md"))[:MAX_TEXTS]:
        raw = read_bytes(md, problems)
        text = decode_text(md, raw, problems) if raw is not None else None
        if raw is not None and text is not None:
            digest.update(md.name.encode() + b"\0" + raw)
            texts[md.stem] = text
    return texts


def _not_a_pack(root: Path) -> PackError | None:
    if not root.exists():
        return PackError([PackProblem(str(root), 1, 1, "", "does not exist; a pack is a folder holding pack.toml")])
    if not root.is_dir():
        return PackError([PackProblem(str(root), 1, 1, "", "is a file, not a pack folder (a folder holding "
                                                           "pack.toml, problems.toml, …)")])
    if not (root / "pack.toml").exists():
        inside = sorted(d.name for d in root.iterdir() if (d / "pack.toml").is_file()) if os.access(root, os.R_OK) else []
        more = (f"; it holds the packs {', '.join(inside[:8])}{', …' if len(inside) > 8 else ''}: name one of those"
                if inside else "")
        return PackError([PackProblem(str(root / "pack.toml"), 1, 1, "",
                                      f"not a scenario pack: the folder has no pack.toml{more}")])
    return None


def load_pack(path: str | Path) -> Pack:
    """The validated pack in folder `path`, or one PackError carrying every problem found."""
    root = Path(path)
    if root.name == "pack.toml" and root.is_file():  # pointed at the pack's main file: mean its folder
        root = root.parent
    refusal = _not_a_pack(root)
    if refusal is not None:
        raise refusal
    problems: list[PackProblem] = []
    sources: dict[str, Source] = {}
    digest = sha256()
    for name in FILES:
        file = root / name
        if not file.exists() and not file.is_symlink():
            if name not in OPTIONAL:
                problems.append(PackProblem(str(file), 1, 1, "", f"missing file: every pack needs {name}"))
            continue
        source = read_toml(file, problems)
        if source is not None:
            digest.update(name.encode() + b"\0" + source.raw)
            sources[name] = source
    uses: list[LibraryUse] = []
    if "events.toml" in sources:
        uses, library_bytes = apply_library(sources["events.toml"], problems)
        if library_bytes:
            digest.update(b"_library/events.toml\0" + library_bytes)
    ready(VALIDATED)
    parsed = {name: _validate(src, FILES[name], uses, problems) for name, src in sources.items()}
    texts = _texts(root, digest, problems)
    partial = bool(problems)
    """the checks below see only part of the pack (or none of it): more may come once these are fixed"""
    if partial and any(parsed.get(name) is None for name in CORE):
        raise PackError(problems, complete=False)
    events = parsed.get("events.toml")
    kept: list[int] | None = None
    if events is None and "events.toml" in sources:  # check the events that are sound; the rest wait
        events, kept = _sound_events(sources["events.toml"].data)
    providers: ProvidersFile = parsed["providers.toml"]  # type: ignore[assignment]
    pack = Pack.model_construct(
        info=parsed["pack.toml"], problems=parsed["problems.toml"].problem,  # type: ignore[union-attr]
        providers=providers.provider, contracts=providers.contract,
        stakeholders=parsed["stakeholders.toml"].stakeholder,  # type: ignore[union-attr]
        events=(events or EventsFile()).event, history=parsed.get("history.toml"),  # type: ignore[union-attr]
        texts=texts, content_hash=digest.hexdigest(),
    )
    for finding in check_references(pack):
        loc = finding.loc
        if kept is not None:
            if finding.file == "events.toml":
                loc = (loc[0], kept[loc[1]], *loc[2:])  # back to the event's place in the file
            elif _leans_on_events(finding):
                continue  # an event left out may be what it needs
        source = sources[finding.file]
        positions = source.positions
        if finding.offset is not None:
            line, column = positions.in_string(loc, finding.offset)
        else:
            line, column = positions.key(loc)
        note = inherited_note(uses, loc) if finding.file == "events.toml" else ""
        problems.append(PackProblem(str(source.path), line, column, dotted(loc), finding.message + note))
    if problems:
        raise PackError(problems, complete=not partial)
    return pack


def _sound_events(data: dict) -> tuple[EventsFile, list[int]]:
    """The events of a file that did not validate as a whole which are sound on their own, and where each is.

    So a misspelt key in one event does not hide a trigger typo or an unknown provider in the others until
    the next run."""
    raw = data.get("event")
    sound, kept = [], []
    for i, event in enumerate(raw if isinstance(raw, list) else []):
        try:
            sound.append(Event.model_validate(event))
        except (ValidationError, RecursionError):
            continue
        kept.append(i)
    return EventsFile.model_construct(event=sound), kept


def _leans_on_events(finding: Finding) -> bool:
    """A finding outside events.toml that an event left out of the checks could make untrue."""
    if finding.file == "problems.toml":
        return finding.loc[-1] == "approaches"  # an event may enable the provider it needs
    return finding.file == "history.toml" and any(part in ("event", "choice") for part in finding.loc)
