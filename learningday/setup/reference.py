"""What row validation needs from the event: hubs by name or zone, levels by number or name, roles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.setup.roles import RoleMatcher, role_matcher
from learningday.setup.rules import NameIndex, listing, name_key
from learningday.spreadsheet.engine import CellProblem
from learningday.store.models import Hub, Level
from learningday.timeutil import is_zone

_LEVEL_WORD = re.compile(r"^(?:level|lvl|l)\s*([1-5])$", re.IGNORECASE)


def _fold(text: str) -> str:
    """A hub or level name as compared: NFC (a cell is NFC already; a stored name may not be), then name_key."""
    return name_key(unicodedata.normalize("NFC", text))


@dataclass(frozen=True)
class Reference:
    """What row validation needs from the event: hubs (by name and zone), levels, the role table."""

    hubs_by_name: Mapping[str, int]
    hubs_by_zone: Mapping[str, tuple[int, ...]]
    levels_by_name: Mapping[str, int]
    roles: RoleMatcher
    #: hub ids by name as a person types it (setup.rules.NameIndex: "Sao Paulo" finds São Paulo)
    hub_names: NameIndex[int]
    #: the hubs' names as spelled, in the event's order: what an unknown hub is told ("São Paulo", not "são paulo")
    hub_spellings: tuple[str, ...] = ()

    @classmethod
    def load(cls, session: Session) -> Reference:
        by_name: dict[str, int] = {}
        by_zone: dict[str, list[int]] = {}
        hubs = session.execute(select(Hub.id, Hub.name, Hub.zone).order_by(Hub.position, Hub.id)).all()
        for hub_id, name, zone in hubs:
            by_name[_fold(name)] = hub_id
            by_zone.setdefault(zone, []).append(hub_id)
        levels = {_fold(name): lid for lid, name in session.execute(select(Level.id, Level.name))}
        return cls(by_name, {z: tuple(ids) for z, ids in by_zone.items()}, levels, role_matcher(session),
                   NameIndex((name, hub_id) for hub_id, name, _ in hubs), tuple(name for _, name, _ in hubs))

    def find_hub(self, text: str) -> int | None:
        """The hub ``text`` names (NameIndex) or the one hub in the zone ``text``; None when the event has no
        such hub. A zone several hubs share is a CellProblem."""
        found = self.hub_names.get(text)
        if found is None and is_zone(text):
            ids = self.hubs_by_zone.get(text, ())
            if len(ids) > 1:
                raise CellProblem(f"several hubs use the zone {text}; name the hub instead")
            found = ids[0] if ids else None
        return found

    def hub(self, text: str) -> int:
        found = self.find_hub(text)
        if found is not None:
            return found
        if is_zone(text):
            raise CellProblem(f"no hub of this event is in the zone {text}")
        raise CellProblem(self.unknown_hub())

    def unknown_hub(self, names: tuple[str, ...] = ()) -> str:
        """What a cell naming no hub of the event is told (``names``: the unknown ones, when a list named several)."""
        known = listing(self.hub_spellings) if self.hub_spellings else "none yet"
        what = f"unknown hubs {', '.join(map(repr, names))}" if len(names) > 1 else "unknown hub"
        return f"{what} (known hubs: {known})"

    def level(self, text: str) -> int:
        folded = _fold(text)
        word = _LEVEL_WORD.match(folded)
        if word:
            return int(word.group(1))
        try:
            number = float(folded)
        except ValueError:
            number = None
        if number is not None:
            if number.is_integer() and 1 <= number <= 5:
                return int(number)
            raise CellProblem("a level is a whole number from 1 to 5")
        if folded in self.levels_by_name:
            return self.levels_by_name[folded]
        raise CellProblem("not a level: give 1-5 or a level name")


