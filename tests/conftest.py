"""Fixtures for the whole suite: offscreen Qt, the gui marker, the demo and the small planning event."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.helpers.backends import Backend
from tests.helpers.planning import Small, small_event

if TYPE_CHECKING:
    from tests.helpers.pgcluster import Cluster

# Before any QApplication can exist.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: every test under tests/gui/ touches Qt, and so does any test that asks for one of pytest-qt's fixtures
GUI = Path(__file__).parent / "gui"
QT_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester", "qtlog"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With ``-m "not gui"`` tests/gui/ is not even imported, so the core runs without PySide6."""
    if collection_path == GUI and "not gui" in (config.getoption("markexpr") or ""):
        return True
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_slow = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords and not config.getoption("--run-slow"):
            item.add_marker(skip_slow)
        if GUI in item.path.parents or QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo event (1,000 attendees, seed 3) built once per test run; copy before changing it."""
    from learningday.demo.build import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "template.lday", attendees=1000, seed=3)


@pytest.fixture()
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo event for this test."""
    target = tmp_path / "demo.lday"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> Small:
    """The small planning event (tests/helpers/planning.py), built once per run: migrating a new file costs most
    of a second."""
    return small_event(tmp_path_factory.mktemp("small"))


@pytest.fixture()
def small(small_template: Small, tmp_path: Path) -> Small:
    """A fresh copy of the small planning event for this test."""
    target = tmp_path / "small.lday"
    shutil.copyfile(small_template.path, target)
    return replace(small_template, path=target)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The throw-away PostgreSQL server of this run, its template database made. When it cannot start, every
    PostgreSQL test fails with the reason (never a skip: deselect them with ``-m "not postgres"``)."""
    from tests.helpers.backends import make_template
    from tests.helpers.pgcluster import Cluster, ClusterError

    cluster = Cluster()
    try:
        cluster.start()
        make_template(cluster)
    except (ClusterError, OSError, KeyError) as exc:  # KeyError: no postgres system user to run it as root
        cluster.stop()
        pytest.fail(f"PostgreSQL could not be started: {exc}", pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each test that asks for it runs twice: on a SQLite file, and in a fresh database on PostgreSQL."""
    cluster = request.getfixturevalue("pg_cluster") if request.param == "postgresql" else None
    made = Backend(request.param, tmp_path, cluster)
    yield made
    made.drop()


@pytest.fixture()
def demo_event(backend: Backend, demo_template: Path, request: pytest.FixtureRequest) -> str | Path:
    """The demo event on this test's backend: a copy of the file, or a database copied from the published demo."""
    if backend.cluster is None:
        target = backend.folder / "demo.lday"
        shutil.copyfile(demo_template, target)
        return target
    return backend.empty(template=request.getfixturevalue("pg_demo"))


@pytest.fixture(scope="session")
def pg_demo(pg_cluster: Cluster, demo_template: Path) -> str:
    from tests.helpers.backends import make_demo

    return make_demo(pg_cluster, demo_template)
