"""The hand-built skills event (tests/helpers/skills_event.py), built once and copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.skills_event import build_skills_event


@pytest.fixture(scope="session")
def skills_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("skills") / "template.lday"
    return path, build_skills_event(path)


@pytest.fixture()
def skills(skills_template: tuple[Path, dict[str, int]], tmp_path: Path) -> tuple[Path, dict[str, int]]:
    target = tmp_path / "skills.lday"
    shutil.copyfile(skills_template[0], target)
    return target, skills_template[1]
