"""The import direction ui -> reports -> learningday, enforced by import-linter contracts."""

from __future__ import annotations

import os

import pytest

from tests import ROOT


def test_import_linter_contracts_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_core_and_reports_name_no_qt_at_all() -> None:
    """A cheap second check that does not depend on import-linter's graph."""
    offenders = []
    for package in ("learningday", "reports"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "PySide6" in text or "shiboken6" in text:
                offenders.append(os.fspath(path.relative_to(ROOT)))
    assert offenders == []
