"""The hand-built skills event (tests/helpers/skills_event.py) as an EventDocument, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.skills_event import build_skills_event
from ui.document import EventDocument


@pytest.fixture(scope="session")
def skills_gui_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("skills-gui") / "template.lday"
    return path, build_skills_event(path)


@pytest.fixture()
def skills_ids(skills_gui_template: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return skills_gui_template[1]


@pytest.fixture()
def skills_document(skills_gui_template: tuple[Path, dict[str, int]], tmp_path: Path) -> Iterator[EventDocument]:
    target = tmp_path / "skills.lday"
    shutil.copyfile(skills_gui_template[0], target)
    document = EventDocument.open(target)
    yield document
    document.close()
