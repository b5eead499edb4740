"""The reference rows a cell is checked against (setup/reference.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from learningday.setup.reference import Reference
from learningday.spreadsheet.engine import CellProblem
from learningday.store.db import open_event
from tests.helpers.roster import make_event


def test_an_unknown_hub_is_told_the_hubs_as_they_are_spelled(tmp_path: Path) -> None:
    with open_event(make_event(tmp_path / "hubs.lday")) as event_file, event_file.read() as session:
        reference = Reference.load(session)
    with pytest.raises(CellProblem) as caught:
        reference.hub("Lima")
    assert str(caught.value) == "unknown hub (known hubs: London, Bangalore, São Paulo, Tokyo)"
    assert "unknown hubs 'Lima', 'Quito' (known hubs: London, Bangalore, São Paulo, Tokyo)" == \
        reference.unknown_hub(("Lima", "Quito"))
