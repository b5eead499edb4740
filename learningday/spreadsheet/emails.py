"""The one email rule: syntax checked and normalised by email-validator (offline), matched ignoring case.

Import, editor, walk-in and merge all go through ``parse_email``; two addresses are the same
person's when their ``email_key`` is equal (on the roster: ``roster.rows.attendee_with_email``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from learningday.spreadsheet.engine import CellProblem

#: a plain ASCII dot-atom local part: the common case, checked here without email-validator's full pass
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")


@lru_cache(maxsize=4096)
def _email_domain(domain: str) -> str:
    """A domain checked (and normalised) by email-validator once per import, not once per person."""
    from email_validator import validate_email

    return validate_email(f"a@{domain}", check_deliverability=False).domain


def parse_email(text: str) -> str:
    """The address as email-validator normalises it; syntax only (offline, no DNS)."""
    from email_validator import EmailNotValidError, validate_email

    local, at, domain = text.rpartition("@")
    if at and len(local) <= 64 and len(text) <= 254 and _PLAIN_LOCAL.match(local):
        try:
            return f"{local}@{_email_domain(domain)}"
        except EmailNotValidError:
            pass  # the full check below words the problem
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise CellProblem(f"not a valid email address: {exc}") from None



def email_key(address: str) -> str:
    """What two spellings of one address share: the address case-folded."""
    return address.strip().casefold()
