"""The hand-built skills event (tests/helpers/skills_event.py), built once and copied per test, on its backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.backends import Backend, make_published
from tests.helpers.skills_event import build_skills_event


@pytest.fixture(scope="session")
def skills_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("skills") / "template.lday"
    return path, build_skills_event(path)


@pytest.fixture(scope="session")
def pg_skills(pg_cluster, skills_template: tuple[Path, dict[str, int]]) -> str:  # noqa: ANN001 - a Cluster
    return make_published(pg_cluster, skills_template[0], "ld_skills")


@pytest.fixture()
def skills(skills_template: tuple[Path, dict[str, int]], backend: Backend,
           request: pytest.FixtureRequest) -> tuple[Path | str, dict[str, int]]:
    """A fresh copy for this test (publishing keeps every id, so the template's ids hold on both backends)."""
    return backend.copy_of(skills_template[0], lambda: request.getfixturevalue("pg_skills")), skills_template[1]
