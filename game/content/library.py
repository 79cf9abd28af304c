"""The shared event library (`scenarios/_library/events.toml`) and how a pack uses it.

An event in a pack's `events.toml` that says `use = "<library id>"` starts as a
copy of that library event, and every key the pack gives replaces the
library's value whole:

- `id` defaults to the library id; give one to use the same library event twice.
- Lists and tables (`effects`, `choices`, `tags`) are replaced, never merged.
- Timing goes as one group: if the pack gives any of `turn`, `date` or
  `trigger`, none of the library's `turn`, `date`, `trigger` or `probability`
  is kept, so a library trigger cannot clash with the pack's date.
- With no timing at all the event never fires by itself; a facilitator can
  still inject it into a room (unless the pack says `injectable = false`).

The merged event is then validated like any other, and problems in keys the
pack did not write say that they came from the library.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .error_text import suggest
from .errors import PackProblem, dotted
from .reading import Source, read_toml

LIBRARY = Path(__file__).resolve().parent.parent.parent / "scenarios" / "_library"
LIBRARY_FILE = LIBRARY / "events.toml"
SCHEDULE = ("turn", "date", "trigger")
TIMING = (*SCHEDULE, "probability")


@dataclass(frozen=True)
class LibraryUse:
    """Event `index` of the pack came from library event `ref`; `inherited` are the keys it took from it."""

    index: int
    ref: str
    inherited: frozenset[str]
    found: bool = True
    """False when `ref` names no library event: the event then lacks every key the library would give."""


def library_events(problems: list[PackProblem]) -> tuple[dict[str, dict[str, Any]], Source | None]:
    """The library's events by id (raw TOML tables), and the library file as read."""
    if not LIBRARY_FILE.is_file():
        return {}, None
    source = read_toml(LIBRARY_FILE, problems)
    if source is None:
        return {}, None
    events = source.data.get("event")
    found: dict[str, dict[str, Any]] = {}
    for event in events if isinstance(events, list) else []:
        if isinstance(event, dict) and isinstance(event.get("id"), str):
            found[event["id"]] = event
    return found, source


def apply_library(source: Source, problems: list[PackProblem]) -> tuple[list[LibraryUse], bytes]:
    """Replace each `use` event in `source.data` by its merge with the library event.

    Returns what was taken from the library (so problems can say so) and the
    library file's bytes when any event used it (the pack's content hash covers them).
    """
    events = source.data.get("event")
    if not isinstance(events, list) or not any(isinstance(e, dict) and "use" in e for e in events):
        return [], b""
    library, library_source = library_events(problems)
    uses: list[LibraryUse] = []
    for i, event in enumerate(events):
        if not isinstance(event, dict) or "use" not in event:
            continue
        ref = event["use"]
        base = library.get(ref) if isinstance(ref, str) else None
        if base is None:
            loc = ("event", i, "use")
            line, column = source.positions.value(loc)
            if not library:
                message = f"the shared event library {LIBRARY_FILE} is missing or empty, so 'use' cannot work"
            elif not isinstance(ref, str):
                message = f"expected the id of a library event in quotes, found {ref!r}"
            else:
                message = (f"expected the id of a library event, found '{ref}'"
                           f"{suggest(ref, sorted(library)) or ' (the library has: ' + ', '.join(sorted(library)) + ')'}")
            problems.append(PackProblem(str(source.path), line, column, dotted(loc), message))
            uses.append(LibraryUse(i, str(ref), frozenset(), found=False))
            continue
        merged = copy.deepcopy(base)
        if any(key in event for key in SCHEDULE):
            for key in TIMING:
                merged.pop(key, None)
        merged.update(event)
        events[i] = merged
        uses.append(LibraryUse(i, ref, frozenset(k for k in merged if k not in event)))
    return uses, library_source.raw if library_source is not None and any(u.found for u in uses) else b""


def missing_from_unknown_use(uses: list[LibraryUse], loc: tuple) -> bool:
    """True when `loc` lies in an event whose `use` names no library event.

    Its `id`, `title`… were to come from the library, so saying each is missing
    would bury the one mistake (the misspelt `use`) under its consequences."""
    return len(loc) >= 2 and loc[0] == "event" and any(not u.found and u.index == loc[1] for u in uses)


def inherited_note(uses: list[LibraryUse], loc: tuple) -> str:
    """' (from the library event …)' when `loc` (in events.toml) lies in a key the pack did not write."""
    if len(loc) < 3 or loc[0] != "event":
        return ""
    for use in uses:
        if use.index == loc[1] and loc[2] in use.inherited:
            return (f" (this comes from the library event '{use.ref}'; give '{loc[2]}' in this event to "
                    "replace it)")
    return ""
