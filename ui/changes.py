"""What a write changed, as Anki's operations return OpChanges: the window refreshes only that."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

EVENT = "event"  # the event's name, window, theme
SETUP = "setup"  # hubs, venues, facilitators, level labels
PLAN = "plan"  # sessions
ROSTER = "roster"  # attendees and their places
CHECKIN = "checkin"  # the check-in log
DOMAINS = frozenset({EVENT, SETUP, PLAN, ROSTER, CHECKIN})

T = TypeVar("T")


def _union(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    return None if a is None or b is None else a | b


@dataclass(frozen=True)
class Changes:
    """The domains a write touched and, where the write knows them cheaply, the rows."""

    domains: frozenset[str] = frozenset()
    #: uids of the sessions whose rows (fields or counts) changed; None: any may have
    sessions: frozenset[str] | None = frozenset()
    #: ids of the attendees whose rows changed; None: any may have
    attendees: frozenset[int] | None = frozenset()
    #: the event's totals may differ: a row was added or removed, a session scheduled or unscheduled
    counts: bool = False

    @classmethod
    def of(cls, *domains: str, sessions: Iterable[str] | None = (), attendees: Iterable[int] | None = (),
           counts: bool = False) -> Changes:
        unknown = set(domains) - DOMAINS
        if unknown:
            raise ValueError(f"not a domain: {', '.join(sorted(unknown))}")
        return cls(frozenset(domains), None if sessions is None else frozenset(sessions),
                   None if attendees is None else frozenset(attendees), counts)

    @classmethod
    def everything(cls) -> Changes:
        """Read it all again (an event just opened, View ▸ Reload, a history that no longer fits)."""
        return cls(DOMAINS, None, None, True)

    def __bool__(self) -> bool:
        return bool(self.domains)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.domains | other.domains, _union(self.sessions, other.sessions),
                       _union(self.attendees, other.attendees), self.counts or other.counts)

    def touches(self, *domains: str) -> bool:
        return not self.domains.isdisjoint(domains)

    @property
    def needs_summary(self) -> bool:
        """The event summary (name, window, hubs, levels, totals) must be read again."""
        return self.counts or self.touches(EVENT, SETUP)


NOTHING = Changes()


@dataclass(frozen=True)
class Written(Generic[T]):
    """A write's own answer (the state before, for undo; a new uid) and what it changed."""

    value: T
    changes: Changes
