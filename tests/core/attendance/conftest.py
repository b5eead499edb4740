"""The autumn DST event with the people the attendance reports name (tests/helpers/attendance.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.attendance import build_attendance_event


@pytest.fixture(scope="session")
def attendance_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_attendance_event(tmp_path_factory.mktemp("attendance") / "autumn.lday")


@pytest.fixture
def autumn(attendance_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "autumn.lday"
    shutil.copyfile(attendance_template, copy)
    return copy
