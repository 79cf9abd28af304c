"""Common Ground: a turn-based commissioning simulation for public-service leaders."""

__version__ = "0.1.0"
