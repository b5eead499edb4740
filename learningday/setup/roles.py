"""The editable role -> level table: which levels a job family is recommended."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.setup.rules import name_key
from learningday.spreadsheet.text import checked_text
from learningday.store.models import RoleLevel


@dataclass(frozen=True)
class RoleLevelRule:
    pattern: str
    level_min: int
    level_max: int


class RoleMatcher:
    """Recommends levels for a role text; the longest matching pattern wins ('data engineer' > 'engineer')."""

    def __init__(self, rules: tuple[RoleLevelRule, ...]) -> None:
        ordered = sorted(rules, key=lambda r: (-len(r.pattern), r.pattern))
        self._rules = [(re.compile(r"\b" + re.escape(r.pattern.casefold())), r) for r in ordered]
        self._cache: dict[str, RoleLevelRule | None] = {}

    def match(self, role: str) -> RoleLevelRule | None:
        key = role.casefold()
        if key not in self._cache:
            self._cache[key] = next((rule for rx, rule in self._rules if rx.search(key)), None)
        return self._cache[key]

    def recommended_level(self, role: str) -> int | None:
        """The level to start at: the lowest of the role's range."""
        rule = self.match(role)
        return rule.level_min if rule else None


def list_role_levels(session: Session) -> tuple[RoleLevelRule, ...]:
    return tuple(
        RoleLevelRule(r.pattern, r.level_min, r.level_max)
        for r in session.scalars(select(RoleLevel).order_by(RoleLevel.pattern))
    )


def role_matcher(session: Session) -> RoleMatcher:
    return RoleMatcher(list_role_levels(session))


def set_role_level(session: Session, pattern: str, level_min: int, level_max: int | None = None) -> RoleLevelRule:
    """Add or change the rule for ``pattern``."""
    pattern = name_key(checked_text(pattern, "role"))
    level_max = level_min if level_max is None else level_max
    if not pattern:
        raise InvalidInput("a role pattern cannot be empty")
    if len(pattern) > 100:
        raise InvalidInput(f"a role pattern is at most 100 characters, not {len(pattern)}")
    if not 1 <= level_min <= level_max <= 5:
        raise InvalidInput(f"levels for '{pattern}' must be within 1-5, lowest first (got {level_min}-{level_max})")
    row = session.scalars(select(RoleLevel).where(RoleLevel.pattern == pattern)).first()
    if row is None:
        row = RoleLevel(pattern=pattern, level_min=level_min, level_max=level_max)
        session.add(row)
    else:
        row.level_min, row.level_max = level_min, level_max
    session.flush()
    return RoleLevelRule(pattern, level_min, level_max)


def remove_role_level(session: Session, pattern: str) -> RoleLevelRule:
    """Remove the rule for ``pattern`` (any case and spacing); returns it (what undo would add back)."""
    row = session.scalars(select(RoleLevel).where(RoleLevel.pattern == name_key(pattern))).first()
    if row is None:
        known = ", ".join(r.pattern for r in list_role_levels(session)) or "none"
        raise InvalidInput(f"there is no role rule {name_key(pattern)!r} (roles: {known})")
    removed = RoleLevelRule(row.pattern, row.level_min, row.level_max)
    session.delete(row)
    session.flush()
    return removed
