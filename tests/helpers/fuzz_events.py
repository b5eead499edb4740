"""Where a fuzz test's examples write: a fresh copy of a template file per example, or, on PostgreSQL, one database
per test (made once: a database costs half a second), given its first rows again after an example wrote."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from learningday.store.copying import publish
from learningday.store.models import Base
from tests.helpers import sha256
from tests.helpers.backends import Backend, run_sql
from tests.helpers.doors import sidecars
from tests.helpers.dumps import server_fingerprint

#: the schema beside ``public`` that keeps a copy of the first rows; the tables, referenced ones first
KEPT = "fuzz_kept"
TABLES = [table.name for table in Base.metadata.sorted_tables]


@dataclass
class FuzzEvent:
    """The template event on the test's backend; ``example()`` gives each example its event as it was."""

    backend: Backend
    template: Path
    url: str | None = field(default=None, init=False)
    #: what every example starts from, and what a refused input must leave as it was
    start: object = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.backend.cluster is not None:
            self.url = str(self.backend.empty())
            publish(self.template, self.url)
            run_sql(self.url, f"CREATE SCHEMA {KEPT}",
                      *(f"CREATE TABLE {KEPT}.{table} AS TABLE public.{table}" for table in TABLES))
        self.start = self._fingerprint(self.url or self.template)

    @contextmanager
    def example(self) -> Iterator[tuple[str | Path, Path]]:
        """The event for one example (what open_event takes), and a folder for the example's input files."""
        with tempfile.TemporaryDirectory() as folder:
            if self.url is not None:
                yield self.url, Path(folder)
                return
            event = Path(folder) / "e.lday"
            shutil.copyfile(self.template, event)
            yield event, Path(folder)

    @staticmethod
    def _fingerprint(event: str | Path) -> object:
        """The file's bytes, or every row of every table on the server."""
        return sha256(event) if isinstance(event, Path) else server_fingerprint(event)

    def unchanged(self, event: str | Path) -> bool:
        """The example's event is as every example finds it (a file: byte for byte, no -wal or -shm beside it)."""
        return self._fingerprint(event) == self.start and (isinstance(event, str) or not sidecars(event))

    def written(self) -> None:
        """An example wrote: the server's tables get their first rows again (a file is thrown away anyway). The ids
        the sequences hand out go on from where they were: no later row can meet a kept one."""
        if self.url is not None:
            run_sql(self.url, f"TRUNCATE {', '.join(TABLES)}",
                      *(f"INSERT INTO public.{table} SELECT * FROM {KEPT}.{table}" for table in TABLES))

