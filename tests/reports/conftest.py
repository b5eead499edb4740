"""The reports' fixtures: a backend a whole module shares, for the hand-built events that module reads only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.helpers.backends import Backend


@pytest.fixture(scope="module", params=[pytest.param("sqlite", id="sqlite"),
                                        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)])
def module_backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """Where a module's hand-built event lives, made once per backend (``backend`` is made per test): the
    module's tests run on SQLite and on PostgreSQL, as every test that asks for ``backend`` does."""
    cluster = request.getfixturevalue("pg_cluster") if request.param == "postgresql" else None
    made = Backend(request.param, tmp_path_factory.mktemp(request.param), cluster)
    yield made
    made.drop()


@pytest.fixture()
def copy_event(module_backend: Backend, tmp_path: Path) -> Iterator[Callable[[Path | str], Path | str]]:
    """Fresh copies of the module's event, each a store of its own on the module's backend (a file in a folder of
    its own, or a database made from the module's as a template), all dropped after the test: for a test that
    changes the event."""
    made: list[Backend] = []

    def copy(event: Path | str) -> Path | str:
        folder = tmp_path / f"copy-{len(made)}"
        folder.mkdir()
        made.append(Backend(module_backend.name, folder, module_backend.cluster))
        return made[-1].copy_of(event, lambda: make_url(str(event)).database)

    yield copy
    for store in made:
        store.drop()
