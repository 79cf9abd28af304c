"""JSON schemas of the pack files, shaped for the Even Better TOML / taplo editor extension.

pydantic emits draft 2020-12 with `$defs`; taplo documents draft 4, so the
schemas are rewritten to `definitions` with `#/definitions/` references and
optional values as `type` arrays.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .loader import FILES


def _draft4(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                out["definitions"] = _draft4(value)
            elif key == "$ref" and isinstance(value, str):
                out["$ref"] = value.replace("#/$defs/", "#/definitions/")
            elif key in ("exclusiveMinimum", "exclusiveMaximum") and not isinstance(value, bool):
                # draft 4 writes `minimum: x, exclusiveMinimum: true`
                out["minimum" if key == "exclusiveMinimum" else "maximum"] = value
                out[key] = True
            elif key == "const":
                out["enum"] = [value]
            elif key == "discriminator":
                continue
            elif key == "anyOf" and isinstance(value, list) and {"type": "null"} in value:
                rest = [v for v in value if v != {"type": "null"}]
                if len(rest) == 1 and isinstance(rest[0].get("type"), str) and len(rest[0]) == 1:
                    out["type"] = [rest[0]["type"], "null"]
                else:
                    out["anyOf"] = _draft4(value)
            else:
                out[key] = _draft4(value)
        return out
    if isinstance(node, list):
        return [_draft4(v) for v in node]
    return node


def schema_for(file: str) -> dict[str, Any]:
    schema = _draft4(FILES[file].model_json_schema())
    event = schema.get("definitions", {}).get("Event")
    if event is not None:  # an event that says `use = "<library id>"` takes the rest from the library
        event.pop("required", None)
    schema["$schema"] = "http://json-schema.org/draft-04/schema#"
    schema["title"] = f"Common Ground pack: {file}"
    return schema


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file in FILES:
        path = folder / f"{Path(file).stem}.json"
        path.write_text(json.dumps(schema_for(file), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
