"""Storyline: many outlets' reports of the same events, cross-checked into one cited view of each story.

The Python API mirrors the CLI::

    import storyline
    export = storyline.analyze(["examples/"], db="storyline.db")   # ingest + process, the export dict
    store = storyline.open_store("storyline.db")                    # the store, for finer control

Heavy modules (spaCy, SQLAlchemy) load on first use, not at import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from storyline.store import Store

__version__ = "0.1.0"
__all__ = ["analyze", "build_export", "open_store", "__version__"]


def open_store(db: str | Path = "storyline.db") -> Store:
    """The store at a SQLite path or PostgreSQL URL, migrated to the current schema."""
    from storyline.store import Store

    return Store.open(db)


def analyze(paths: Iterable[str | Path], db: str | Path = "storyline.db") -> dict[str, Any]:
    """Ingest ``paths``, process everything and return the export (``storyline.export/1``)."""
    from storyline import pipeline

    store = open_store(db)
    try:
        pipeline.run(store, paths)
        return build_export(store)
    finally:
        store.close()


def build_export(store: Store) -> dict[str, Any]:
    """The export contract for everything in ``store`` (``storyline.export`` is the package)."""
    from storyline.export.json_export import build_export as build

    return build(store)
