"""Scenario packs: schema, loading and validation, and the safe expression language."""
