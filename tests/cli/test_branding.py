"""`learningday branding`, `verify-certificate` and `report --with-names` from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.backends import Backend
from tests.helpers.cli import refused, run
from tests.helpers.skills_event import build_skills_event

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


@pytest.fixture()
def event(tmp_path: Path, backend: Backend) -> str | Path:
    path = tmp_path / "skills.lday"
    build_skills_event(path)
    return backend.take(path)


def test_branding_set_then_shown(event: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "branding", str(event), "--logo", str(RESOURCES / "demo-logo.png"), "--issuer",
                           "Northwind", "--signature", str(RESOURCES / "demo-signature.png"), "--signer", "Amara Okafor",
                           "--signer-title", "CLO", "--json")
    assert status == 0, err
    shown = json.loads(out)
    assert (shown["issuer"], shown["signer"], shown["signer_title"]) == ("Northwind", "Amara Okafor", "CLO")
    assert shown["logo_bytes"] == (RESOURCES / "demo-logo.png").stat().st_size
    status, out, _ = run(capsys, "branding", str(event), "--no-logo")
    assert status == 0 and "logo: (none)" in out and "issuer: Northwind" in out


def test_branding_refuses_a_file_that_is_not_a_png_and_changes_nothing(event: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("not an image")
    err = refused(capsys, event, "branding", str(event), "--logo", str(fake), "--issuer", "X")
    assert "must be a PNG image" in err
    refused(capsys, event, "branding", str(event), "--logo", str(tmp_path / "missing.png"))
    status, out, _ = run(capsys, "branding", str(event), "--issuer", "bad\x07", "--json")
    assert status == 2 and json.loads(out)["error"]["kind"]


def test_verify_certificate_accepts_the_printed_code_and_refuses_a_changed_one(
        event: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "report", str(event), "--certificates", str(tmp_path / "c.pdf"))[0] == 0
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "c.pdf").pages)
    code = re.search(r"Verification code ([A-Z2-7]{5}-[A-Z2-7]{5})", text).group(1)
    status, out, _ = run(capsys, "verify-certificate", str(event), code, "--json")
    assert status == 0 and json.loads(out)["valid"] is True and json.loads(out)["badge"] in text
    changed = ("B" if code[0] == "A" else "A") + code[1:]
    status, out, _ = run(capsys, "verify-certificate", str(event), changed, "--json")
    assert status == 2 and "not the code of any certificate" in json.loads(out)["error"]["message"]


def test_report_with_names(event: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for flag, named in (([], False), (["--with-names"], True)):
        out = tmp_path / f"r{len(flag)}.pdf"
        assert run(capsys, "report", str(event), "--pdf", str(out), *flag)[0] == 0
        text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
        assert ("Pia One" in text) is named and ("for internal use only" in text) is named
