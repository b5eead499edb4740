"""`learningday branding` (certificate logo, issuer, signature) and `learningday verify-certificate` (no Qt)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli.base import command, emit_json


def _configure_branding(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file")
    p.add_argument("--logo", type=Path, metavar="PNG", help="the logo printed on every certificate")
    p.add_argument("--no-logo", action="store_true", help="remove the logo")
    p.add_argument("--issuer", metavar="NAME", help="who issues the certificates (an organisation)")
    p.add_argument("--signature", type=Path, metavar="PNG", help="the signature image")
    p.add_argument("--no-signature", action="store_true", help="remove the signature image")
    p.add_argument("--signer", metavar="NAME", help="the name printed under the signature")
    p.add_argument("--signer-title", metavar="TITLE", help="the signer's title")
    p.add_argument("--json", action="store_true", help="print the branding as one JSON object")


def _as_dict(b) -> dict:  # noqa: ANN001 - a Branding
    return {"issuer": b.issuer, "signer": b.signer_name, "signer_title": b.signer_title,
            "logo_bytes": len(b.logo_png or b""), "signature_bytes": len(b.signature_png or b"")}


@command("branding", "show or set the certificates' logo, issuer, signature and signer (stored in the event)")(
    _configure_branding)
def cmd_branding(args: argparse.Namespace) -> int:
    from learningday.errors import InvalidInput
    from learningday.reporting.branding import get_branding, read_png, set_branding
    from learningday.store.db import open_event

    if args.logo and args.no_logo or args.signature and args.no_signature:
        raise InvalidInput("give an image or its --no- option, not both")
    changes: dict[str, object] = {}  # every file read and checked before the event is opened for writing
    if args.logo:
        changes["logo_png"] = read_png(args.logo, "logo")
    if args.signature:
        changes["signature_png"] = read_png(args.signature, "signature")
    changes.update({k: None for k, flag in (("logo_png", args.no_logo), ("signature_png", args.no_signature))
                    if flag})
    changes.update({k: v for k, v in (("issuer", args.issuer), ("signer_name", args.signer),
                                      ("signer_title", args.signer_title)) if v is not None})
    with open_event(args.event) as event_file:
        if changes:
            with event_file.write() as session:
                set_branding(session, **changes)
        with event_file.read() as session:
            now = get_branding(session)
    if args.json:
        emit_json(_as_dict(now))
        return 0
    print(f"issuer: {now.issuer or '(none)'}")
    print(f"signer: {now.signer_name or '(none)'}{', ' + now.signer_title if now.signer_title else ''}")
    for label, image in (("logo", now.logo_png), ("signature", now.signature_png)):
        print(f"{label}: {f'{len(image):,} bytes' if image else '(none)'}")
    return 0


def _configure_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file the certificate came from")
    p.add_argument("code", metavar="CODE", help="the verification code printed on the certificate (ABCDE-FGHIJ)")
    p.add_argument("--json", action="store_true", help="print the certificate as one JSON object")


@command("verify-certificate", "check a certificate's verification code against the event file")(_configure_verify)
def cmd_verify_certificate(args: argparse.Namespace) -> int:
    from learningday.reporting.credentials import verify_certificate
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.read() as session:
        cert = verify_certificate(session, args.code)
    if args.json:
        emit_json({"valid": True, "code": cert.verification, "name": cert.name, "badge": cert.badge,
                   "dates": cert.dates, "learning_hours": cert.hours, "levels_attended": list(cert.levels_attended),
                   "levels_validated": list(cert.levels_validated), "next_step": cert.next_step})
        return 0
    print(f"valid: {cert.verification} is the certificate of {cert.name} ({cert.badge}), {cert.dates}")
    print(f"levels validated: {', '.join(map(str, cert.levels_validated)) or 'none'}; "
          f"{cert.hours:.1f} learning hours in {len(cert.sessions)} session(s)")
    return 0
