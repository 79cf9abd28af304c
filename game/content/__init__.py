"""Scenario packs: schema, loading and validation, the shared event library, authoring tools."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import PackError, PackProblem
    from .loader import load_pack

__all__ = ["PackError", "PackProblem", "load_pack"]
_HOMES = {"PackError": "errors", "PackProblem": "errors", "load_pack": "loader"}


def __getattr__(name: str) -> Any:
    """Each export is imported on first use (PEP 562), so importing a light submodule (the command
    registrations, say) does not import pydantic and the loader with it."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
