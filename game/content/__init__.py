"""Scenario packs: schema, loading and validation, the shared event library, authoring tools."""

from .errors import PackError, PackProblem
from .loader import load_pack

__all__ = ["PackError", "PackProblem", "load_pack"]
