"""What a certificate states, dated on the attendee's own calendar, and the short code that verifies it.

The code is an HMAC-SHA256 of the event uid, the attendee uid and the certificate's content, keyed with
the secret kept in the event file (``branding.secret``), cut to ten base-32 characters: a changed name,
date, level or code no longer verifies, and nobody without the event file can make one that does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.reporting.dto import AttendeeOutcome, EventAnalytics, SessionOutcome
from learningday.skills.dto import NextStep
from learningday.timeutil import to_local

CODE_LENGTH = 10


def local_dates(person: AttendeeOutcome, sessions: Mapping[int, SessionOutcome]) -> str:
    """The day(s) the person attended, on their hub's calendar (else the session's first hub's, else UTC's):
    a Sydney attendee of a session on 10 March UTC that was 11 March in Sydney took part on 11 March."""
    days = sorted({to_local(s.start_utc, person.hub_zone or s.main_hub_zone or "UTC").date()
                   for s in (sessions[i] for i in person.sessions_attended)})
    first, last = days[0], days[-1]
    if first == last:
        return f"{last:%-d %B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last:%-d %B %Y}"
    return f"{first:%-d %B}{'' if first.year == last.year else f' {first.year}'} – {last:%-d %B %Y}"


@dataclass(frozen=True)
class Certificate:
    """One attendee's certificate, as text: what the page prints and what its code signs."""

    attendee_uid: str
    name: str
    #: the attendee's badge code
    badge: str
    dates: str
    hours: float
    sessions: tuple[str, ...]
    levels_attended: tuple[int, ...]
    levels_validated: tuple[int, ...]
    next_step: str
    verification: str = ""

    def content(self) -> str:
        return "\n".join([self.name, self.badge, self.dates, f"{self.hours:.1f}", *self.sessions,
                          ",".join(map(str, self.levels_attended)), ",".join(map(str, self.levels_validated)),
                          self.next_step])


def sign(secret: str, event_uid: str, certificate: Certificate) -> str:
    """'ABCDE-FGHIJ': the first ten base-32 characters of the HMAC, in two groups to read aloud."""
    message = "\n".join([event_uid, certificate.attendee_uid, certificate.content()]).encode("utf-8")
    digest = hmac.new(secret.encode("ascii"), message, hashlib.sha256).digest()
    text = base64.b32encode(digest).decode("ascii")[:CODE_LENGTH]
    return f"{text[:5]}-{text[5:]}"


def normalise_code(code: str) -> str:
    text = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{text[:5]}-{text[5:]}" if len(text) == CODE_LENGTH else text


def next_step_text(step: NextStep | None, analytics: EventAnalytics, person: AttendeeOutcome) -> str:
    """The recommended next step: the skills rule's paths (level to aim for first), else the paths that
    follow the highest level attended."""
    if step is not None and step.paths:
        aim = f"Level {step.next_level}: " if step.next_level else ""
        return aim + " · ".join(step.paths)
    if person.highest_level is not None:
        return " · ".join(analytics.level(person.highest_level).learning_paths)
    return ""


def certificates(analytics: EventAnalytics, steps: Mapping[str, NextStep], secret: str) -> Iterator[Certificate]:
    """One per person who attended at least one session (roster order), each with its verification code
    (none without a ``secret``)."""
    sessions = {s.id: s for s in analytics.sessions}
    validated = analytics.leader.validated if analytics.leader else {}
    for p in analytics.attendees:
        if not p.sessions_attended:
            continue
        cert = Certificate(p.uid, p.name, p.code, local_dates(p, sessions), round(p.learning_minutes / 60, 1),
                           tuple(sessions[s].title for s in p.sessions_attended), p.levels_attended,
                           tuple(sorted(validated.get(p.id, ()))), next_step_text(steps.get(p.uid), analytics, p))
        yield replace(cert, verification=sign(secret, analytics.event.uid, cert)) if secret else cert


def event_certificates(session: Session) -> Iterator[Certificate]:
    """Every certificate of the event as the file stands now, signed (what ``report --certificates`` prints)."""
    from learningday.reporting.analytics import analyse
    from learningday.reporting.branding import certificate_secret
    from learningday.skills.validation import next_steps

    analytics = analyse(session)
    validated = analytics.leader.validated if analytics.leader else {}
    steps = {s.attendee_uid: s for s in next_steps(session, validated=validated)}
    return certificates(analytics, steps, certificate_secret(session))


def verify_certificate(session: Session, code: str) -> Certificate:
    """The certificate whose code is ``code`` (as the event file stands now), or InvalidInput."""
    wanted = normalise_code(code)
    if len(wanted) != CODE_LENGTH + 1:
        raise InvalidInput(f"a verification code has {CODE_LENGTH} letters and digits, like ABCDE-FGHIJ; "
                           f"not {code!r}")
    for cert in event_certificates(session):
        if hmac.compare_digest(cert.verification, wanted):
            return cert
    raise InvalidInput(f"{wanted} is not the code of any certificate of this event: the certificate was "
                       "changed, or it belongs to another event")
