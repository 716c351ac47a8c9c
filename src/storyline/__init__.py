"""Storyline: many outlets' reports of the same events, cross-checked into one cited view of each story."""

__version__ = "0.1.0"
