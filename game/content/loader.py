"""Reading a pack folder into a validated `Pack` (minimal loader; line-precise errors come with issue 4)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .models import (
    EventsFile, HistoryFile, Pack, PackInfo, ProblemsFile, ProvidersFile, StakeholdersFile,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FILES = {
    "pack.toml": PackInfo,
    "problems.toml": ProblemsFile,
    "providers.toml": ProvidersFile,
    "stakeholders.toml": StakeholdersFile,
    "events.toml": EventsFile,
    "history.toml": HistoryFile,
}
OPTIONAL = {"history.toml", "events.toml"}


class PackError(Exception):
    """Everything wrong with a pack, found in one pass."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def load_pack(path: str | Path) -> Pack:
    root = Path(path)
    problems: list[str] = []
    parsed: dict[str, Any] = {}
    digest = hashlib.sha256()
    for name, model in FILES.items():
        file = root / name
        if not file.is_file():
            if name not in OPTIONAL:
                problems.append(f"{file}: missing file")
            continue
        raw = file.read_bytes()
        digest.update(name.encode() + b"\0" + raw)
        try:
            parsed[name] = model.model_validate(tomllib.loads(raw.decode("utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{file}: {exc}")
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"])
                problems.append(f"{file}: {loc}: {err['msg']}")
    texts = {}
    for md in sorted((root / "text").glob("*.md")) if (root / "text").is_dir() else []:
        raw = md.read_bytes()
        digest.update(md.name.encode() + b"\0" + raw)
        texts[md.stem] = raw.decode("utf-8", errors="replace")
    if problems:
        raise PackError(problems)
    providers: ProvidersFile = parsed["providers.toml"]
    events: EventsFile = parsed.get("events.toml", EventsFile())
    return Pack(
        info=parsed["pack.toml"], problems=parsed["problems.toml"].problem, providers=providers.provider,
        contracts=providers.contract, stakeholders=parsed["stakeholders.toml"].stakeholder, events=events.event,
        history=parsed.get("history.toml"), texts=texts, content_hash=digest.hexdigest(),
    )
