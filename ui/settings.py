"""Remembered settings (QSettings): window geometry, recent files, workspace, timeline snap, last folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANISATION = "LearningDay"
APPLICATION = "LearningDay"
MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def recent_files() -> list[str]:
    value = settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def add_recent_file(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    files = [path] + [p for p in recent_files() if p != path]
    settings().setValue("recent_files", files[:MAX_RECENT])
    return files[:MAX_RECENT]


def clear_recent_files() -> None:
    settings().setValue("recent_files", [])


def window_geometry() -> QByteArray | None:
    value = settings().value("window/geometry")
    return value if isinstance(value, QByteArray) else None


def save_window_geometry(geometry: QByteArray) -> None:
    settings().setValue("window/geometry", geometry)


def last_workspace() -> int:
    try:
        return int(settings().value("window/workspace", 0))
    except (TypeError, ValueError):
        return 0


def save_last_workspace(index: int) -> None:
    settings().setValue("window/workspace", index)


#: the grids the timeline can snap a drag or a resize to, in minutes
SNAP_CHOICES = (5, 15, 30)
DEFAULT_SNAP = 15


def snap_minutes() -> int:
    try:
        value = int(settings().value("plan/snap_minutes", DEFAULT_SNAP))
    except (TypeError, ValueError):
        return DEFAULT_SNAP
    return value if value in SNAP_CHOICES else DEFAULT_SNAP


def save_snap_minutes(minutes: int) -> None:
    settings().setValue("plan/snap_minutes", int(minutes))


def documents_folder() -> Path:
    """Where a file is offered to be saved by default: the user's Documents folder, else home."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def last_folder() -> str:
    """The folder the last new event file was saved in ('' if none yet)."""
    return str(settings().value("files/last_folder", "") or "")


def save_last_folder(folder: str | Path) -> None:
    settings().setValue("files/last_folder", str(folder))


#: what a user exports, each remembering its own folder: an agenda PDF and a roster rarely go to the same place
EXPORT_KINDS = ("agenda_pdf", "agenda_ics", "roster", "badges", "report_pdf", "report_xlsx", "certificates",
                "station_log")


def export_folder(kind: str) -> Path:
    """The folder the last ``kind`` file went to, while it still exists; else the Documents folder."""
    saved = str(settings().value(f"export_folders/{kind}", "") or "")
    return Path(saved) if saved and Path(saved).is_dir() else documents_folder()


def remember_export(kind: str, path: str | Path) -> None:
    """``path`` was just written (or chosen) for ``kind``: the next one starts in its folder."""
    settings().setValue(f"export_folders/{kind}", str(Path(path).parent))
