"""Every command that writes a file the user names refuses the event file itself (and its journal, a backup, a
link to it), a folder, a device and a name too long, with exit 2 and nothing changed on disk."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import sha256
from tests.helpers.backends import Backend
from tests.helpers.cli import run
from tests.helpers.planning import Small

#: each writing command, with the suffix its output takes ("" for certificates: a folder of PDFs)
COMMANDS: dict[str, tuple[Callable[[str, str], list[str]], str]] = {
    "export-log": (lambda event, out: ["export-log", event, out], ".json"),
    "badges": (lambda event, out: ["badges", event, out], ".pdf"),
    "export-ics": (lambda event, out: ["export-ics", event, out], ".ics"),
    "agenda-pdf": (lambda event, out: ["agenda-pdf", event, out, "--zone", "London"], ".pdf"),
    "export-roster": (lambda event, out: ["export-roster", event, out], ".csv"),
    "report --pdf": (lambda event, out: ["report", event, "--pdf", out], ".pdf"),
    "report --xlsx": (lambda event, out: ["report", event, "--xlsx", out], ".xlsx"),
    "report --certificates (one PDF)": (lambda event, out: ["report", event, "--certificates", out], ".pdf"),
    "report --certificates (a folder)": (lambda event, out: ["report", event, "--certificates", out], ""),
    # the two that write an event file: over the event it would be another event, still refused
    "demo": (lambda _event, out: ["demo", out, "--attendees", "5"], ".lday"),
    "new": (lambda _event, out: ["new", out, "--name", "X", "--start", "2027-03-10T21:00Z", "--hub", "London"],
            ".lday"),
}


def _symlink(event: Path, suffix: str) -> str:
    link = event.with_name(f"link{suffix}")
    link.symlink_to(event.name)
    return str(link)


def _hard_link(event: Path, suffix: str) -> str:
    link = event.with_name(f"hard{suffix}")
    os.link(event, link)
    return str(link)


def _backup(event: Path, suffix: str) -> str:
    """A copy named as the store names the one it keeps before a migration (learningday/store/db.py)."""
    backup = event.with_name(f"{event.stem}.before-0123abcd-20270310T210000Z{event.suffix}.bak{suffix}")
    shutil.copyfile(event, backup)
    return str(backup)


def _folder(event: Path, suffix: str) -> str:
    folder = event.with_name(f"folder{suffix}")
    folder.mkdir()
    (folder / "kept.txt").write_text("mine", encoding="utf-8")
    return str(folder)


def _fifo(event: Path, suffix: str) -> str:
    fifo = event.with_name(f"pipe{suffix}")
    os.mkfifo(fifo)
    return str(fifo)


#: a target no command may write, built beside the event; each names what it is
TARGETS: dict[str, Callable[[Path, str], str]] = {
    "the event file": lambda event, _suffix: str(event),
    "a symlink to it": _symlink,
    "a hard link to it": _hard_link,
    "x/../ to it": lambda event, _suffix: str(event.parent / "x" / ".." / event.name),
    "its -wal": lambda event, _suffix: f"{event}-wal",
    "its -shm": lambda event, _suffix: f"{event}-shm",
    "a backup of it": _backup,
    "/dev/null": lambda _event, _suffix: os.devnull,
    "a pipe": _fifo,
    "a folder": _folder,
    "/": lambda _event, _suffix: "/",
    "300 characters": lambda event, suffix: str(event.with_name("n" * 300 + suffix)),
    "a missing folder": lambda event, suffix: str(event.parent / "missing" / f"out{suffix}"),
}
#: the targets that are the event file under another name: a server's event has none
OF_THE_FILE = ("the event file", "a symlink to it", "a hard link to it", "x/../ to it", "its -wal", "its -shm",
               "a backup of it")


def _beside(small: Small, backend: Backend) -> Path:
    """Where a test's outputs go: beside the event file, or (an event on a server) in the test's folder."""
    return small.path if isinstance(small.path, Path) else backend.folder / "event.lday"


@pytest.fixture()
def nothing_replaced_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer that failed to refuse must not replace a device (the suite may run as root)."""
    replace = os.replace

    def guarded(src, dst, **kw) -> None:  # noqa: ANN001 - os.replace's own
        assert Path(dst).resolve().is_relative_to(tmp_path.resolve()), f"replaced {dst}"
        replace(src, dst, **kw)

    monkeypatch.setattr(os, "replace", guarded)


def _listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): ("dir" if p.is_dir() and not p.is_symlink() else str(p.lstat().st_mode))
            for p in folder.rglob("*")}


def _check_refused(capsys: pytest.CaptureFixture[str], small: Small, beside: Path, command: str, target: str) -> None:
    argv, suffix = COMMANDS[command]
    out = TARGETS[target](beside, suffix)
    before, listing = sha256(small.path), _listing(beside.parent)
    status, stdout, err = run(capsys, *argv(str(small.path), out))
    assert status == 2, (stdout, err)
    assert err.startswith("learningday: error: ") and "Traceback" not in err, err
    assert sha256(small.path) == before
    assert _listing(beside.parent) == listing  # no partial file, the link still a link, the folder as it was
    assert Path(os.devnull).is_char_device()


@pytest.mark.sqlite_only("the output names the event file itself: a link to it, its journal, a backup of it")
@pytest.mark.usefixtures("nothing_replaced_outside")
@pytest.mark.parametrize("target", OF_THE_FILE)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_event_file_under_any_name_is_refused_and_nothing_changes(capsys, small: Small, command: str,
                                                                      target: str) -> None:
    _check_refused(capsys, small, small.path, command, target)


@pytest.mark.usefixtures("nothing_replaced_outside")
@pytest.mark.parametrize("target", [name for name in TARGETS if name not in OF_THE_FILE])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_target_that_is_not_a_new_file_is_refused_and_nothing_changes(capsys, small: Small, backend: Backend,
                                                                       command: str, target: str) -> None:
    _check_refused(capsys, small, _beside(small, backend), command, target)


@pytest.mark.sqlite_only("the output names the event file itself: a link to it, its journal, a backup of it")
@pytest.mark.parametrize("command", ["export-log", "badges", "export-ics", "agenda-pdf"])
def test_the_issue_s_four_commands_name_the_event_file(capsys, small: Small, command: str) -> None:
    """`export-log p.lday p.lday` and its kind replaced the event with the output, exit 0."""
    argv, _suffix = COMMANDS[command]
    before = sha256(small.path)
    status, _, err = run(capsys, *argv(str(small.path), str(small.path)))
    assert (status, sha256(small.path)) == (2, before)
    assert "is the open event file" in err and "choose another name" in err


def test_a_name_near_the_limit_is_written(capsys, small: Small, backend: Backend) -> None:
    """250 characters fit the file system; the hidden name written first (a longer one) must fit too."""
    out = _beside(small, backend).with_name("n" * 245 + ".json")
    listing = sorted(p.name for p in out.parent.iterdir())
    status, stdout, err = run(capsys, "export-log", str(small.path), str(out))
    assert status == 0, err
    assert out.is_file() and stdout.startswith(f"wrote {out}")
    assert sorted(p.name for p in out.parent.iterdir()) == sorted([*listing, out.name])


def test_a_demo_named_near_the_limit_is_written_with_room_for_its_journal(capsys, tmp_path: Path) -> None:
    out = tmp_path / ("d" * 240 + ".lday")
    status, _, err = run(capsys, "demo", str(out), "--attendees", "5")
    assert status == 0, err
    assert run(capsys, "info", str(out))[0] == 0
    status, _, err = run(capsys, "demo", str(tmp_path / ("d" * 245 + ".lday")), "--attendees", "5")
    assert status == 2 and "an event file's name" in err


def test_an_existing_empty_folder_still_takes_the_certificates(capsys, small: Small, backend: Backend) -> None:
    """Existing behaviour: `--certificates DIR` fills a new or empty folder."""
    folder = _beside(small, backend).with_name("certificates")
    folder.mkdir()
    status, _, err = run(capsys, "report", str(small.path), "--certificates", str(folder))
    assert status == 0, err
    assert folder.is_dir()
