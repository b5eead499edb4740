"""A station's event on the throw-away PostgreSQL server, and the ways a server goes away or refuses writes."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from learningday.store.copying import publish
from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn, new_uid
from tests.helpers.backends import _admin
from tests.helpers.pgcluster import Cluster
from tests.helpers.small_event import START, build_small_event

_numbers = itertools.count(1)


def shared_event(cluster: Cluster, folder: Path, *, people: int) -> tuple[str, list[str]]:
    """The small event published to a new database, with ``people`` more attendees: its URL and their uids."""
    database = f"outbox_{next(_numbers)}"
    _admin(cluster, f"CREATE DATABASE {database}")
    url = cluster.url(database)
    publish(build_small_event(folder / f"{database}.lday", checkins=False), url)
    uids = [new_uid() for _ in range(people)]
    with open_event(url) as event_file, event_file.write() as session:
        session.add_all(Attendee(uid=uid, code=f"Q{i:05d}", name=f"Person {i}", created_utc=START)
                        for i, uid in enumerate(uids))
    return url, uids


def terminate(cluster: Cluster, url: str) -> None:
    """Cut every connection to the event's database, as a network drop or a server restart does."""
    database = make_url(url).database
    _admin(cluster, f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' "
                    "AND pid <> pg_backend_pid()")


def read_only(cluster: Cluster, url: str, on: bool) -> None:
    """Make the server refuse (or take again) every write to the event's database, from its next connection on."""
    database = make_url(url).database
    _admin(cluster, f"ALTER DATABASE {database} SET default_transaction_read_only = {'on' if on else 'off'}")
    terminate(cluster, url)


def logged(url: str) -> tuple[int, int, set[str]]:
    """The check-in log on the server: entries, distinct attendees, and the entries' uids."""
    with open_event(url) as event_file, event_file.read() as session:
        uids = set(session.scalars(select(CheckIn.uid)))
        count = session.scalar(select(func.count()).select_from(CheckIn))
        people = session.scalar(select(func.count(func.distinct(CheckIn.attendee_id))))
    return count, people, uids


def at(minute: int) -> datetime:
    """An instant inside the event's day (the check-ins are to the event as a whole)."""
    return START + timedelta(minutes=minute)
