"""The hand-built skills event (tests/helpers/skills_event.py) as an EventDocument, copied per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.gui.documents import on_backend
from tests.helpers.backends import make_published
from tests.helpers.skills_event import build_skills_event
from ui.document import EventDocument

if TYPE_CHECKING:
    from tests.helpers.backends import Backend
    from tests.helpers.pgcluster import Cluster


@pytest.fixture(scope="session")
def skills_gui_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("skills-gui") / "skills.lday"
    return path, build_skills_event(path)


@pytest.fixture(scope="session")
def pg_skills_gui(pg_cluster: Cluster, skills_gui_template: tuple[Path, dict[str, int]]) -> str:
    """The skills event published once per run (ids kept): the template of its copies on the server."""
    return make_published(pg_cluster, skills_gui_template[0], "ld_skills_gui")


@pytest.fixture()
def skills_ids(skills_gui_template: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return skills_gui_template[1]


@pytest.fixture()
def skills_document(skills_gui_template: tuple[Path, dict[str, int]], backend: Backend,
                    request: pytest.FixtureRequest) -> Iterator[EventDocument]:
    document = EventDocument.open(on_backend(backend, skills_gui_template[0], request, "pg_skills_gui"))
    yield document
    document.close()
