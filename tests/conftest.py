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


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> Small:
    """The small planning event (tests/helpers/planning.py), built once per run: migrating a new file costs most
    of a second."""
    return small_event(tmp_path_factory.mktemp("small"))


@pytest.fixture()
def small(small_template: Small, backend: Backend, request: pytest.FixtureRequest) -> Small:
    """A fresh copy of the small planning event for this test, on this test's backend (its ids are the file's:
    publishing keeps every row as it is)."""
    if backend.cluster is None:
        target = backend.folder / "small.lday"
        shutil.copyfile(small_template.path, target)
        return replace(small_template, path=target)
    return replace(small_template, path=backend.empty(template=request.getfixturevalue("pg_small")))


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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test whose event lives in a database (it asks for ``backend``, or for a fixture built on it:
    ``demo_file``, ``demo_event``, ``small``) runs twice: on a SQLite file and on the throw-away PostgreSQL server.
    A test about the file itself (its bytes, its side files, a path) is marked ``sqlite_only("why")``."""
    if "backend" not in metafunc.fixturenames:
        return
    only = metafunc.definition.get_closest_marker("sqlite_only")
    if only is not None and not only.args:
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: sqlite_only needs its reason")
    names = [pytest.param("sqlite", id="sqlite")]
    if only is None:
        names.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres))
    metafunc.parametrize("backend", names, indirect=True)


@pytest.fixture()
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Where this test's event lives: a SQLite file, or a fresh database on PostgreSQL (pytest_generate_tests
    gives each test both)."""
    name = getattr(request, "param", "sqlite")
    cluster = request.getfixturevalue("pg_cluster") if name == "postgresql" else None
    made = Backend(name, tmp_path, cluster)
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


@pytest.fixture()
def demo_file(demo_event: str | Path) -> str | Path:
    """A fresh copy of the demo event for this test, on its backend (the two names are one fixture; the older
    name stays for the tests written before PostgreSQL)."""
    return demo_event


@pytest.fixture(scope="session")
def pg_demo(pg_cluster: Cluster, demo_template: Path) -> str:
    from tests.helpers.backends import make_demo

    return make_demo(pg_cluster, demo_template)


@pytest.fixture(scope="session")
def pg_small(pg_cluster: Cluster, small_template: Small) -> str:
    from tests.helpers.backends import make_published

    return make_published(pg_cluster, small_template.path, "ld_small")
