"""The domain model (SQLAlchemy 2.x typed ORM). Every instant is stored in UTC."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from learningday.store.failures import DamagedValue


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime. SQLite keeps it naive (always UTC); naive input is refused."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        return dialect.type_descriptor(DateTime(timezone=dialect.name != "sqlite"))

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: every instant is stored in UTC")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def result_processor(self, dialect: Any, coltype: object) -> Any:
        process = super().result_processor(dialect, coltype)
        if process is None:
            return None

        def checked(value: object) -> datetime | None:
            try:
                return process(value)
            except (ValueError, TypeError) as exc:  # bytes no LearningDay wrote: the file is damaged
                raise DamagedValue(f"{value!r} is not an instant") from exc

        return checked

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def new_uid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


session_facilitators = Table(
    "session_facilitators",
    Base.metadata,
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("facilitator_id", ForeignKey("facilitators.id", ondelete="CASCADE"), primary_key=True),
)

session_hubs = Table(
    "session_hubs",
    Base.metadata,
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("hub_id", ForeignKey("hubs.id", ondelete="CASCADE"), primary_key=True),
)

facilitator_levels = Table(
    "facilitator_levels",
    Base.metadata,
    Column("facilitator_id", ForeignKey("facilitators.id", ondelete="CASCADE"), primary_key=True),
    Column("level_id", ForeignKey("levels.id"), primary_key=True),
)


class Event(Base):
    """The one event an event file holds: a window ``[start_utc, start_utc + length)``."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(String(200), default="")
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    length_minutes: Mapped[int] = mapped_column(Integer, default=24 * 60)
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    #: migration 0008: an online attendee counts as attended with at least this share of the session
    attended_percent: Mapped[int] = mapped_column(Integer, default=50, server_default="50")
    #: migration 0012: who the door admits (checkin/rules.py), and whether the kiosk asks for the badge code's end
    door_policy: Mapped[str] = mapped_column(String(20), default="registered_first",
                                             server_default="registered_first")
    kiosk_strict: Mapped[bool] = mapped_column(default=False, server_default=false())

    __table_args__ = (CheckConstraint("length_minutes > 0", name="ck_event_length_positive"),)


class Level(Base):
    """One of the five framework levels (fixed ids 1-5, editable labels)."""

    __tablename__ = "levels"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(100))
    audience: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(7))
    foundational: Mapped[bool] = mapped_column(default=False)
    learning_paths: Mapped[list[str]] = mapped_column(JSON, default=list)

    __table_args__ = (CheckConstraint("id BETWEEN 1 AND 5", name="ck_level_id_range"),)


class Hub(Base):
    """An office or region attendees join from: an IANA zone and wall-clock working hours."""

    __tablename__ = "hubs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    zone: Mapped[str] = mapped_column(String(64))
    #: working hours as minutes after local midnight, applied on each local date
    work_start_min: Mapped[int] = mapped_column(Integer, default=9 * 60)
    work_end_min: Mapped[int] = mapped_column(Integer, default=17 * 60)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint("work_start_min BETWEEN 0 AND 1440", name="ck_hub_work_start"),
        CheckConstraint("work_end_min BETWEEN 0 AND 1440", name="ck_hub_work_end"),
    )


class Venue(Base):
    """A room at a site (with a capacity) or a virtual channel (with a join link)."""

    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="room")
    site: Mapped[str] = mapped_column(String(100), default="")
    hub_id: Mapped[int | None] = mapped_column(ForeignKey("hubs.id", ondelete="SET NULL"))
    capacity: Mapped[int | None] = mapped_column(Integer)
    join_url: Mapped[str] = mapped_column(String(500), default="")

    hub: Mapped[Hub | None] = relationship()

    __table_args__ = (
        CheckConstraint("kind IN ('room', 'virtual')", name="ck_venue_kind"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="ck_venue_capacity"),
    )


class Facilitator(Base):
    """Someone who teaches: a home zone and availability windows in local wall-clock time."""

    __tablename__ = "facilitators"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    zone: Mapped[str] = mapped_column(String(64))
    #: [[start_min, end_min], ...] minutes after local midnight, on every local date
    availability: Mapped[list[list[int]]] = mapped_column(JSON, default=list)

    levels: Mapped[list[Level]] = relationship(secondary=facilitator_levels)


class Session(Base):
    """A learning session; without ``start_utc`` it is an unscheduled draft."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    level_id: Mapped[int] = mapped_column(ForeignKey("levels.id"))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    start_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="SET NULL"))
    capacity: Mapped[int | None] = mapped_column(Integer)
    #: migration 0006: the planner leaves a pinned session where it is, and tries its preferred start
    pinned: Mapped[bool] = mapped_column(default=False, server_default=false())
    preferred_start_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())

    level: Mapped[Level] = relationship()
    venue: Mapped[Venue | None] = relationship()
    facilitators: Mapped[list[Facilitator]] = relationship(secondary=session_facilitators)
    target_hubs: Mapped[list[Hub]] = relationship(secondary=session_hubs)

    __table_args__ = (
        CheckConstraint("duration_minutes > 0", name="ck_session_duration_positive"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="ck_session_capacity"),
        Index("ix_sessions_start", "start_utc"),
    )


class Attendee(Base):
    """A person taking part; ``code`` is the short badge code a scanner types."""

    __tablename__ = "attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    employee_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    department: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(100), default="")
    hub_id: Mapped[int | None] = mapped_column(ForeignKey("hubs.id", ondelete="SET NULL"))
    level_id: Mapped[int | None] = mapped_column(ForeignKey("levels.id"))
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime())

    hub: Mapped[Hub | None] = relationship()

    __table_args__ = (
        Index("ix_attendees_name", "name"),
        Index("ix_attendees_email", "email"),
        Index("ix_attendees_hub", "hub_id"),
    )


#: folded search terms of each attendee, kept by triggers (migration 0002, learningday.store.folding)
attendee_terms = Table(
    "attendee_terms",
    Base.metadata,
    Column("term", String, primary_key=True),
    Column("attendee_id", Integer, primary_key=True),
    Index("ix_attendee_terms_attendee", "attendee_id", "term"),
    sqlite_with_rowid=False,
)


class Registration(Base):
    """An attendee's place in a session: registered, waitlisted or cancelled."""

    __tablename__ = "registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12), default="registered")
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("attendee_id", "session_id", name="uq_registration_attendee_session"),
        CheckConstraint("status IN ('registered', 'waitlisted', 'cancelled')", name="ck_registration_status"),
        Index("ix_registrations_session", "session_id", "status"),
        #: migration 0005: "is this person registered / waitlisted?" without reading the row
        Index("ix_registrations_attendee_status", "attendee_id", "status"),
    )


class Station(Base):
    """A check-in point: a laptop at a door or in a virtual room."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime())


CHECKIN_KINDS = ("check_in", "undo", "walk_in", "check_out")
#: migration 0007p: "paper", ticks entered back from a printed sign-in sheet; 0008: "virtual", a meeting report
CHECKIN_METHODS = ("search", "scan", "walk_in", "kiosk", "import", "paper", "virtual")


class CheckIn(Base):
    """One entry of the append-only check-in log; state is derived, nothing is deleted."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    kind: Mapped[str] = mapped_column(String(10))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"))
    #: None: a check-in to the event as a whole
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    facilitator_name: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(10), default="search")
    #: for an undo: the uid of the entry it reverses
    reverses_uid: Mapped[str | None] = mapped_column(String(36))
    #: migration 0012: why a door rule was overridden (None: no rule was), and a check-in before the event's days
    override_reason: Mapped[str | None] = mapped_column(String(300))
    rehearsal: Mapped[bool] = mapped_column(default=False, server_default=false())

    __table_args__ = (
        CheckConstraint(
            "kind IN ('check_in', 'undo', 'walk_in', 'check_out')", name="ck_checkin_kind"
        ),
        CheckConstraint(
            "method IN ('search', 'scan', 'walk_in', 'kiosk', 'import', 'paper', 'virtual')", name="ck_checkin_method"
        ),
        Index("ix_checkins_session_attendee", "session_id", "attendee_id"),
        Index("ix_checkins_attendee", "attendee_id"),
        Index("ix_checkins_reverses", "reverses_uid"),
    )


class VirtualAttendance(Base):
    """What a meeting platform's report says about one log entry (migration 0008, learningday.attendance)."""

    __tablename__ = "virtual_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("checkins.id"), unique=True)
    platform: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    #: the person as the report names them
    reported_name: Mapped[str] = mapped_column(String(200), default="")
    #: [[start ISO UTC, end ISO UTC], ...] merged, inside the entry's file
    intervals: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    minutes: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_virtual_attendance_file", "file_name"),)


class RoleLevel(Base):
    """An editable rule: roles containing ``pattern`` are recommended levels min..max."""

    __tablename__ = "role_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    pattern: Mapped[str] = mapped_column(String(100), unique=True)
    level_min: Mapped[int] = mapped_column(Integer)
    level_max: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("level_min BETWEEN 1 AND 5 AND level_max BETWEEN level_min AND 5",
                        name="ck_role_levels_range"),
    )


class AgendaSnapshot(Base):
    """A named version of the agenda: every session's fields as JSON (learningday.plan.snapshots)."""

    __tablename__ = "agenda_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    #: {"version": 1, "sessions": [{uid, title, description, level, topics, start_utc, ...}]}
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


# -- skills (migration 0009, learningday.skills): assessments, feedback, completion rules, sign-offs --------
ASSESSMENT_PHASES = ("pre", "post")


class Assessment(Base):
    """A self-assessed level 1-5 before ('pre') or after ('post') the day; ``level`` 0 is overall, 1-5 a
    framework level."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"))
    phase: Mapped[str] = mapped_column(String(4))
    level: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10), default="editor")
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("attendee_id", "phase", "level", name="uq_assessment_attendee_phase_level"),
        CheckConstraint("phase IN ('pre', 'post')", name="ck_assessment_phase"),
        CheckConstraint("level BETWEEN 0 AND 5", name="ck_assessment_level"),
        CheckConstraint("score BETWEEN 1 AND 5", name="ck_assessment_score"),
    )


class Feedback(Base):
    """One attendee's feedback on one session they were checked in to."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    can_apply: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(10), default="kiosk")
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("attendee_id", "session_id", name="uq_feedback_attendee_session"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="ck_feedback_rating"),
        CheckConstraint("can_apply BETWEEN 1 AND 5", name="ck_feedback_can_apply"),
        Index("ix_feedback_session", "session_id"),
    )


class CompletionRuleRow(Base):
    """A session's completion rule (a session without a row has the default rule)."""

    __tablename__ = "completion_rules"

    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    min_percent: Mapped[int] = mapped_column(Integer)
    needs_sign_off: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (CheckConstraint("min_percent BETWEEN 0 AND 100", name="ck_completion_min_percent"),)


class SignOff(Base):
    """A facilitator's sign-off: the attendee completed the session's hands-on exercise."""

    __tablename__ = "sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    facilitator_name: Mapped[str] = mapped_column(String(200), default="")
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("attendee_id", "session_id", name="uq_sign_off_attendee_session"),)


class Branding(Base):
    """The event's certificate branding (one row, id 1) and the secret its verification codes are keyed with."""

    __tablename__ = "branding"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, default=1)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    secret: Mapped[str] = mapped_column(String(64))

    __table_args__ = (CheckConstraint("id = 1", name="ck_branding_one_row"),)
