"""Shared fixtures: heavy models are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
DEMO_STORY = EXAMPLES / "ceasefire-2025-03"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from storyline.annotate import load_nlp

    return load_nlp()
