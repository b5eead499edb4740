"""The station's clock, set inside "Nobody came" (11 March 2027, 14:00-15:00 UTC): the door rules then judge who,
not when (the rules' own tests in tests/core/checkin/test_door_rules.py judge the time)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ui.workspaces.checkin import unsaved

IN_NOBODY_CAME = datetime(2027, 3, 11, 14, 5, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def station_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(unsaved, "now", lambda: IN_NOBODY_CAME)
    return IN_NOBODY_CAME
