"""`make run`'s display decision (scripts/run.sh): the app as is on a screen, under xvfb-run without one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "scripts" / "run.sh"
SCREENS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _stub(folder: Path, name: str, says: str) -> None:
    """A command that prints what it was called with (the app, or xvfb-run running it)."""
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{says}:$*"\n', encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture()
def machine(tmp_path: Path) -> Path:
    """A PATH with `uname` and nothing else (no xvfb-run unless a test adds one)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "uname").symlink_to(shutil.which("uname"))
    _stub(folder, "app", "app")
    return folder


def _run(folder: Path, **screen: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in SCREENS} | screen | {"PATH": str(folder)}
    return subprocess.run(["/bin/sh", str(RUN), "app", "--flag", "my event.lday"], env=env, capture_output=True,
                          check=False, text=True, timeout=30)


@pytest.mark.skipif(os.uname().sysname != "Linux", reason="the decision is Linux's")
def test_no_screen_runs_the_app_under_xvfb_run_and_says_so_once(machine: Path) -> None:
    _stub(machine, "xvfb-run", "xvfb-run")
    done = _run(machine)
    assert done.returncode == 0
    assert done.stdout == "xvfb-run:-a app --flag my event.lday\n"  # the arguments pass through whole
    assert len(done.stderr.splitlines()) == 1 and "xvfb-run -a" in done.stderr and "no screen" in done.stderr


@pytest.mark.parametrize("screen", [{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"},
                                    {"QT_QPA_PLATFORM": "offscreen"}])
def test_a_screen_runs_the_app_as_it_is(machine: Path, screen: dict[str, str]) -> None:
    _stub(machine, "xvfb-run", "xvfb-run")
    done = _run(machine, **screen)
    assert done.returncode == 0 and done.stdout == "app:--flag my event.lday\n" and done.stderr == ""


@pytest.mark.skipif(os.uname().sysname != "Linux", reason="the decision is Linux's")
def test_no_screen_and_no_xvfb_run_says_how_to_get_it(machine: Path) -> None:
    done = _run(machine)
    assert done.returncode == 1 and done.stdout == ""
    assert "apt-get install -y xvfb xauth" in done.stderr


def test_make_run_goes_through_the_script() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "sh scripts/run.sh $(PY) main.py $(EVENT)" in recipe
