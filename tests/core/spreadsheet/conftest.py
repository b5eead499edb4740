"""Fixtures of the import engine's tests: an event with four hubs to import rosters into."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.backends import Backend
from tests.helpers.roster import make_event


@pytest.fixture()
def event(backend: Backend) -> Path | str:
    return make_event(backend.empty())
