"""Certificate branding (logo, issuer, signature, signer) stored once per event file, and its edits."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, fields, replace
from pathlib import Path

from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.spreadsheet.text import checked_text
from learningday.store.models import Branding as BrandingRow

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: an image above this would bloat every certificate and the event file
MAX_IMAGE_BYTES = 2_000_000
TEXT_FIELDS = {"issuer": "issuer name", "signer_name": "signer name", "signer_title": "signer title"}


@dataclass(frozen=True)
class Branding:
    """What a certificate carries besides its content; images are PNG bytes (None: none)."""

    issuer: str = ""
    logo_png: bytes | None = None
    signature_png: bytes | None = None
    signer_name: str = ""
    signer_title: str = ""


def _row(session: Session) -> BrandingRow:
    row = session.get(BrandingRow, 1)
    if row is None:  # a file written by hand or an old build without the migration's row
        row = BrandingRow(id=1, secret=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return row


def get_branding(session: Session) -> Branding:
    row = session.get(BrandingRow, 1)
    if row is None:
        return Branding()
    return Branding(row.issuer, row.logo_png, row.signature_png, row.signer_name, row.signer_title)


def certificate_secret(session: Session) -> str:
    """The key of the verification codes (created with the file by migration 0010)."""
    row = session.get(BrandingRow, 1)
    if row is None:
        raise InvalidInput("this event file has no certificate secret: open it once for writing to create one")
    return row.secret


def read_png(path: Path, label: str) -> bytes:
    """The bytes of a PNG file, or one clear InvalidInput (missing, not a PNG, too big)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read the {label} {path}: {exc.strerror or exc}") from None
    return check_png(data, label)


def check_png(data: bytes, label: str) -> bytes:
    if not data.startswith(PNG_MAGIC):
        raise InvalidInput(f"the {label} must be a PNG image")
    if len(data) > MAX_IMAGE_BYTES:
        raise InvalidInput(f"the {label} is {len(data):,} bytes; keep it under {MAX_IMAGE_BYTES:,}")
    return data


def set_branding(session: Session, **changes: object) -> Branding:
    """Change some fields (``issuer``, ``logo_png``, ``signature_png``, ``signer_name``, ``signer_title``;
    an image of None removes it); returns the branding before, which undo writes back. Checked before any write."""
    known = {f.name for f in fields(Branding)}
    unknown = set(changes) - known
    if unknown:
        raise InvalidInput(f"unknown branding field(s): {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        if name in TEXT_FIELDS:
            if not isinstance(value, str):
                raise InvalidInput(f"the {TEXT_FIELDS[name]} must be text")
            checked_text(value.strip(), TEXT_FIELDS[name])
            if len(value.strip()) > 200:
                raise InvalidInput(f"the {TEXT_FIELDS[name]} is longer than 200 characters")
        elif value is not None:
            if not isinstance(value, bytes):
                raise InvalidInput(f"the {name.replace('_png', '')} must be PNG bytes")
            check_png(value, name.replace("_png", "").replace("_", " "))
    before = get_branding(session)
    row = _row(session)
    after = replace(before, **{k: v.strip() if isinstance(v, str) else v for k, v in changes.items()})
    for name in known:
        setattr(row, name, getattr(after, name))
    session.flush()
    return before
