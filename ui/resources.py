"""The one resolver for files under resources/ (icons, style sheet, fonts, samples)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from learningday.resources import ROOT, resource_path

__all__ = ["ROOT", "icon", "resource_path", "stylesheet"]


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def stylesheet() -> str:
    return resource_path("style.qss").read_text(encoding="utf-8")
