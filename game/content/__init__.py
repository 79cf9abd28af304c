"""Scenario packs: schema, loading and validation, and the safe expression language."""

from .loader import PackError, Problem, load_pack

__all__ = ["PackError", "Problem", "load_pack"]
