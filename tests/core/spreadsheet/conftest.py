"""Fixtures of the import engine's tests: an event with four hubs to import rosters into."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.roster import make_event


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    return make_event(tmp_path / "e.lday")
