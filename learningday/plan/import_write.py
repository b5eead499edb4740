"""Writing an agenda import: match the rows to what the event holds, then create or update.

Each writer runs inside the caller's one write transaction: ``match`` finds existing rows and
unknown references (nothing written yet), ``apply`` writes. The caller refuses between the two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import CancelCheck, InvalidInput, Progress, stop_if_cancelled
from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft
from learningday.plan.import_fields import kind_from_name, name_from_email
from learningday.plan.import_specs import DEFAULT_DURATION, AgendaContext, TargetHubs
from learningday.setup import services as setup
from learningday.setup.dto import VenueDraft
from learningday.setup.rules import name_key
from learningday.spreadsheet.emails import email_key
from learningday.spreadsheet.engine import IMPORT_CANCELLED, CellProblem, ColumnMapping, Issue, ParsedRow, Report
from learningday.store.models import Facilitator, Level, Venue
from learningday.store.models import Session as LearningSession

CHECK_EVERY = 50
#: how a report names the fields of a SessionDraft
LABELS = {"level_id": "level", "start_utc": "start", "duration_minutes": "duration", "venue_id": "venue",
          "facilitator_ids": "facilitators", "hub_ids": "target hubs"}


@dataclass(frozen=True)
class MissingReference:
    """A facilitator or venue that session rows name but the event does not hold."""

    kind: str  # "facilitator" | "venue"
    name: str
    email: str
    rows: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "email": self.email, "rows": list(self.rows)}

    def __str__(self) -> str:
        who = self.name or self.email
        if self.name and self.email:
            who = f"{self.name} <{self.email}>"
        rows = ", ".join(map(str, self.rows[:8])) + (" …" if len(self.rows) > 8 else "")
        return f"{self.kind} {who!r} is not in the event (row{'s' if len(self.rows) > 1 else ''} {rows})"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: sessions written without a start (unscheduled drafts)
    drafts: int = 0
    created_facilitators: list[str] = field(default_factory=list)
    created_venues: list[str] = field(default_factory=list)


class _Writer:
    """What the three kinds share: the report, the column names, progress and cancel."""

    def __init__(self, session: Session, ctx: AgendaContext, report: Report, mapping: ColumnMapping) -> None:
        self.session, self.ctx, self.report, self.mapping = session, ctx, report, mapping
        self.missing: list[MissingReference] = []
        #: rows that name a missing facilitator or venue (skipped unless those are created)
        self.blocked: set[int] = set()
        self.counts = Counts()
        self.planned: list[tuple[ParsedRow, Any]] = []
        self._created: dict[tuple[str, str], int] = {}

    def column(self, key: str) -> str:
        return self.mapping.header_of(key) if key in self.mapping.columns else ""

    def problem(self, row: ParsedRow, key: str, message: str) -> None:
        self.report.problem(Issue(row.row, self.column(key), row.raw.get(key, ""), message))

    def notice(self, row: int, message: str) -> None:
        self.report.notice(Issue(row, "", "", message))

    def match(self, rows: list[ParsedRow]) -> None:
        raise NotImplementedError

    def write_one(self, row: ParsedRow, target: Any, create_missing: bool) -> None:
        raise NotImplementedError

    def apply(self, *, create_missing: bool, progress: Progress | None, cancel: CancelCheck | None) -> Counts:
        todo = [(r, t) for r, t in self.planned if r.row not in self.report.bad_rows
                and (create_missing or r.row not in self.blocked)]
        for done, (row, target) in enumerate(todo, start=1):
            if done % CHECK_EVERY == 0:
                stop_if_cancelled(cancel, IMPORT_CANCELLED)
                if progress is not None:
                    progress(0.8 + 0.2 * done / len(todo), f"written {done:,} of {len(todo):,} rows")
            try:
                self.write_one(row, target, create_missing)
            except InvalidInput as exc:  # a service's own check (they validate before writing)
                self.report.problem(Issue(row.row, "", "", exc.message))
        return self.counts

    def merged(self, rows: list[ParsedRow], keys: Callable[[dict[str, Any]], list[tuple[str, str]]]) -> list[ParsedRow]:
        """Rows that repeat an earlier one (same key) merged into it, the later values winning."""
        kept: list[ParsedRow] = []
        index: dict[tuple[str, str], int] = {}
        for row in rows:
            found = next((index[k] for k in keys(row.values) if k in index), None)
            if found is None:
                kept.append(row)
                found = len(kept) - 1
            else:
                earlier = kept[found]
                how = next(k for k in keys(row.values) if k in index)[0]
                self.notice(row.row, f"repeats row {earlier.row} (same {how}): merged, this row's values win")
                earlier.values.update(row.values)
            for k in keys(row.values):
                index.setdefault(k, found)
        return kept


class FacilitatorIndex:
    """The event's facilitators by email (case-insensitive) and by name (case and spaces ignored)."""

    def __init__(self, session: Session) -> None:
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, str]]] = {}
        for fid, name, email in session.execute(select(Facilitator.id, Facilitator.name, Facilitator.email)
                                                .order_by(Facilitator.id)):
            if email:
                self.by_email.setdefault(email_key(email), fid)
            self.by_name.setdefault(name_key(name), []).append((fid, email_key(email)))

    def find(self, name: str, email: str) -> int | None:
        """By email, else by name; a name is only trusted when the namesake's email does not contradict it."""
        if email and email_key(email) in self.by_email:
            return self.by_email[email_key(email)]
        namesakes = [(fid, known) for fid, known in self.by_name.get(name_key(name), []) if not email or not known]
        if len(namesakes) > 1:
            raise CellProblem(f"{len(namesakes)} facilitators are called {name!r}; give the email to say which")
        return namesakes[0][0] if namesakes else None


class SessionWriter(_Writer):
    """Sessions: matched by title and level (and start when given); unknown people and rooms collected."""

    def match(self, rows: list[ParsedRow]) -> None:
        people = FacilitatorIndex(self.session)
        venues = {name_key(n): vid for vid, n in self.session.execute(select(Venue.id, Venue.name))}
        existing: dict[tuple[str, int], list[Any]] = {}
        for row in self.session.execute(select(LearningSession.uid, LearningSession.title, LearningSession.level_id,
                                               LearningSession.start_utc).order_by(LearningSession.id)):
            existing.setdefault((name_key(row.title), row.level_id), []).append(row)
        in_file: dict[tuple[str, int], int] = {}
        for row in rows:
            key = (name_key(row.values["title"]), row.values["level"])
            in_file[key] = in_file.get(key, 0) + 1
        seen: dict[tuple[str, int, Any], int] = {}
        missing: dict[tuple[str, str], tuple[str, str, list[int]]] = {}
        claimed: set[str] = set()
        for row in rows:
            v = row.values
            key = (name_key(v["title"]), v["level"])
            if key + (v.get("start"),) in seen:
                self.problem(row, "title", f"same title, level and start as row {seen[key + (v.get('start'),)]}")
                continue
            seen[key + (v.get("start"),)] = row.row
            candidates = existing.get(key, [])
            target = next((c.uid for c in candidates if c.start_utc == v.get("start") and c.uid not in claimed), None)
            if target is None and len(candidates) == 1 and in_file[key] == 1 and candidates[0].uid not in claimed:
                target = candidates[0].uid
            if target is not None:
                claimed.add(target)
            refs: list[tuple[str, Any]] = []
            try:
                for name, email in v.get("facilitators", ()):
                    fid = people.find(name, email)
                    refs.append(("facilitator", fid if fid is not None else (name, email)))
            except CellProblem as exc:
                self.problem(row, "facilitators", exc.message)
                continue
            how, venue = v.get("venue", ("", ""))
            if how == "name":
                vid = venues.get(name_key(venue))
                refs.append(("venue", vid if vid is not None else (venue, "")))
            for kind, ref in refs:
                if isinstance(ref, tuple):
                    mkey = (kind, email_key(ref[1]) or name_key(ref[0]))
                    missing.setdefault(mkey, (ref[0], ref[1], []))[2].append(row.row)
                    self.blocked.add(row.row)
            self.planned.append((row, (target, refs)))
        self.missing = [MissingReference(kind, name, email, tuple(dict.fromkeys(found)))
                        for (kind, _), (name, email, found) in missing.items()]

    def _create_missing(self, kind: str, name: str, email: str, row: int) -> int:
        key = (kind, email_key(email) or name_key(name))
        if key in self._created:
            return self._created[key]
        if kind == "venue":
            venue_kind = kind_from_name(name)
            made_id = setup.add_venue(self.session, VenueDraft(name, venue_kind))
            self.counts.created_venues.append(name)
            what = f"creates {venue_kind} venue {name!r}"
        else:
            zone = self.ctx.first_zone or "UTC"
            made = Facilitator(name=name or name_from_email(email), email=email, zone=zone, availability=[])
            self.session.add(made)
            self.session.flush()
            made_id = made.id
            self.counts.created_facilitators.append(made.name)
            where = "the first hub's" if self.ctx.first_zone else "the event has no hub yet"
            what = f"creates facilitator {made.name!r} (zone {zone}, {where}; set their zone and hours)"
        self.notice(row, what)
        self._created[key] = made_id
        return made_id

    def _warn_dropped_hubs(self, row: ParsedRow, hubs: TargetHubs) -> None:
        """A target hub the event lacks is left out, and said: the session is imported for the others."""
        kept = ", ".join(self.ctx.hub_name(i) for i in hubs.ids)
        what = "not a hub" if len(hubs.unknown) == 1 else "not hubs"
        self.report.warning(Issue(row.row, self.column("hubs"), "; ".join(hubs.unknown),
                                  f"{what} of this event, left out: the session is for {kept} only "
                                  "(add the hub, then import again)"))

    def write_one(self, row: ParsedRow, target: Any, create_missing: bool) -> None:
        uid, refs = target
        ids: dict[str, list[int]] = {"facilitator": [], "venue": []}
        for kind, ref in refs:
            ids[kind].append(self._create_missing(kind, ref[0], ref[1], row.row) if isinstance(ref, tuple) else ref)
        v = row.values
        if v.get("venue", ("",))[0] == "kind":
            self.notice(row.row, f"asks for a {v['venue'][1]} venue: the session gets no venue yet; "
                                 "choose one in the plan")
        given: dict[str, Any] = {key: v[field] for key, field in (
            ("title", "title"), ("level_id", "level"), ("start_utc", "start"), ("duration_minutes", "duration"),
            ("description", "description"), ("topics", "topics"), ("hub_ids", "hubs"), ("capacity", "capacity"),
        ) if field in v}
        if "facilitators" in v:
            given["facilitator_ids"] = tuple(sorted(set(ids["facilitator"])))
        if v.get("venue", ("",))[0] == "name":
            given["venue_id"] = ids["venue"][0]
        if "hub_ids" in given:
            hubs = given["hub_ids"]
            given["hub_ids"] = tuple(sorted(hubs.ids))
            if hubs.unknown:
                self._warn_dropped_hubs(row, hubs)
        if uid is None:
            draft = SessionDraft(**{"start_utc": None, "duration_minutes": DEFAULT_DURATION, **given})
            agenda.create_session(self.session, draft)
            self.counts.created += 1
        else:
            before = agenda.session_draft(self.session, uid)
            draft = replace(before, **given)
            if draft == before:
                self.counts.unchanged += 1
                return
            agenda.edit_session(self.session, uid, draft)
            changed = ", ".join(LABELS.get(k, k) for k in given if getattr(before, k) != getattr(draft, k))
            self.notice(row.row, f"updates existing session {before.title!r} ({changed})")
            self.counts.updated += 1
        self.counts.drafts += draft.start_utc is None


class FacilitatorWriter(_Writer):
    """Facilitators: matched by email, else by name; a new one without a zone gets the first hub's."""

    def match(self, rows: list[ParsedRow]) -> None:
        people = FacilitatorIndex(self.session)

        def keys(values: dict[str, Any]) -> list[tuple[str, str]]:
            return [("email", email_key(values["email"]))] if values.get("email") else [("name", name_key(values["name"]))]

        for row in self.merged(rows, keys):
            try:
                target = people.find(row.values["name"], row.values.get("email", ""))
            except CellProblem as exc:
                self.problem(row, "name", exc.message)
                continue
            if target is None and "zone" not in row.values:
                if self.ctx.first_zone is None:
                    self.problem(row, "zone", "a new facilitator needs a zone (the event has no hub to take one from)")
                    continue
                self.notice(row.row, f"no zone given: {row.values['name']} gets {self.ctx.first_zone}, the first hub's")
            self.planned.append((row, target))

    def write_one(self, row: ParsedRow, target: Any, create_missing: bool) -> None:
        v = row.values
        person = self.session.get(Facilitator, target) if target is not None else None
        if person is None:
            person = Facilitator(name=v["name"], email=v.get("email", ""), zone=v.get("zone", self.ctx.first_zone),
                                 availability=v.get("availability", []))
            person.levels = self._levels(v.get("levels", ()))
            self.session.add(person)
            self.counts.created += 1
            return
        before = (person.name, person.email, person.zone, list(person.availability or []),
                  sorted(lv.id for lv in person.levels))
        after = (v["name"], v.get("email", person.email), v.get("zone", person.zone),
                 v.get("availability", before[3]), list(v.get("levels", before[4])))
        if after == before:
            self.counts.unchanged += 1
            return
        person.name, person.email, person.zone, person.availability = after[:4]
        person.levels = self._levels(after[4])
        labels = ("name", "email", "zone", "availability", "levels")
        changed = ", ".join(label for label, a, b in zip(labels, before, after) if a != b)
        self.notice(row.row, f"updates existing facilitator {before[0]!r} ({changed})")
        self.counts.updated += 1

    def _levels(self, ids: Any) -> list[Level]:
        return list(self.session.scalars(select(Level).where(Level.id.in_(list(ids))))) if ids else []


class VenueWriter(_Writer):
    """Venues: matched by name; a new one is virtual when it has a join link and no kind, else a room.
    Written by the venue editor's services, so an imported venue keeps the editor's rules."""

    FIELDS = ("kind", "site", "hub_id", "capacity", "join_url")

    def match(self, rows: list[ParsedRow]) -> None:
        known = {name_key(n): vid for vid, n in self.session.execute(select(Venue.id, Venue.name))}
        for row in self.merged(rows, lambda values: [("name", name_key(values["name"]))]):
            if "hub" in row.values:
                row.values["hub_id"] = row.values["hub"]
            self.planned.append((row, known.get(name_key(row.values["name"]))))

    def write_one(self, row: ParsedRow, target: Any, create_missing: bool) -> None:
        v = row.values
        if target is None:
            kind = v.get("kind", "virtual" if v.get("join_url") else "room")
            setup.add_venue(self.session, VenueDraft(v["name"], kind, v.get("site", ""), v.get("capacity"),
                                                     v.get("hub_id"), v.get("join_url", "")))
            self.counts.created += 1
            return
        venue = self.session.get(Venue, target)
        assert venue is not None
        before = VenueDraft(venue.name, venue.kind, venue.site, venue.capacity, venue.hub_id, venue.join_url)
        after = replace(before, name=v["name"], **{k: v[k] for k in self.FIELDS if k in v})
        if after == before:
            self.counts.unchanged += 1
            return
        setup.edit_venue(self.session, target, after)
        changed = ", ".join(k for k in ("name", *self.FIELDS) if getattr(after, k) != getattr(before, k))
        self.notice(row.row, f"updates existing venue {before.name!r} ({changed})")
        self.counts.updated += 1


WRITERS: dict[str, type[_Writer]] = {"sessions": SessionWriter, "facilitators": FacilitatorWriter,
                                     "venues": VenueWriter}
