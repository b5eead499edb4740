"""A session row naming a hub the event lacks is imported for its other hubs, with a warning naming the one
left out; hub names match without regard to accents ("Sao Paulo" is São Paulo) (issue 13, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from learningday.plan.importing import AgendaImportRefused
from learningday.setup.rules import NameIndex
from tests.helpers import sha256
from tests.helpers.agenda import run_import, sessions_on_disk
from tests.helpers.doors import import_roster_file
from tests.helpers.roster import make_event


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    return make_event(tmp_path / "hubs.lday")  # London, Bangalore, São Paulo, Tokyo


def _agenda(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "sessions.csv"
    path.write_text("Title,Level,Target hubs\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("valid_only", [False, True])
def test_a_row_with_one_unknown_hub_is_imported_for_the_others_with_a_warning(event: Path, tmp_path: Path,
                                                                             valid_only: bool) -> None:
    agenda = _agenda(tmp_path, 'Prompting,2,"London; Chicago"', "Agents,3,Tokyo")
    result = run_import(event, agenda, valid_only=valid_only)
    assert (result.created, result.skipped, result.issue_count) == (2, 0, 0)
    assert sessions_on_disk(event)["Prompting"]["hubs"] == ["London"]
    [warning] = result.warnings
    assert (warning.row, warning.column, warning.value) == (2, "Target hubs", "Chicago")
    assert "left out: the session is for London only" in warning.message
    assert result.as_dict()["warnings"] == [warning.as_dict()]


def test_hub_names_match_without_accents_case_or_spacing(event: Path, tmp_path: Path) -> None:
    result = run_import(event, _agenda(tmp_path, 'Prompting,2,"sao  PAULO; tokyo"', "Agents,3,São Paulo"))
    assert (result.created, result.warnings) == (2, ())
    on_disk = sessions_on_disk(event)
    assert on_disk["Prompting"]["hubs"] == ["São Paulo", "Tokyo"] and on_disk["Agents"]["hubs"] == ["São Paulo"]


def test_a_roster_hub_column_matches_without_accents(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Email,Hub\nAna Lima,ana@example.org,Sao Paulo\n", encoding="utf-8")
    assert import_roster_file(event, roster).created == 1


@pytest.mark.parametrize(("cell", "words"), [
    ("Chicago", "unknown hub (known hubs:"),
    ('"Chicago; Lima"', "unknown hubs 'Chicago', 'Lima' (known hubs:"),
    ("America/Chicago", "no hub of this event is in the zone America/Chicago"),
])
def test_a_row_naming_no_hub_of_the_event_is_still_refused(event: Path, tmp_path: Path, cell: str,
                                                           words: str) -> None:
    """Leaving every hub out would open the session to every hub: the opposite of what the row asks."""
    digest = sha256(event)
    with pytest.raises(AgendaImportRefused) as caught:
        run_import(event, _agenda(tmp_path, f"Prompting,2,{cell}", "Agents,3,Tokyo"))
    assert [i.row for i in caught.value.issues] == [2] and words in caught.value.issues[0].message
    assert sha256(event) == digest
    result = run_import(event, _agenda(tmp_path, f"Prompting,2,{cell}", "Agents,3,Tokyo"), valid_only=True)
    assert (result.created, result.skipped) == (1, 1)


def test_the_exact_spelling_wins_when_an_event_holds_both() -> None:
    index = NameIndex([("São Paulo", 1), ("Sao Paulo", 2), ("Zürich", 3)])
    assert (index.get("sao paulo"), index.get("SÃO PAULO"), index.get("zurich"), index.get("Chicago")) == (2, 1, 3, None)
    assert NameIndex([("São Paulo", 1), ("Sâo Paulo", 2)]).get("Sao Paulo") is None  # two alike: not guessed
