"""The ``learningday`` command: the command line, and the desktop app when no command is given."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from ui.cli.base import configure_gui


def run_gui(event: str | None, *, exit_when_shown: str | None = None) -> int:
    # Qt first and the window on screen; ui.app imports the core (SQLAlchemy) after the first paint.
    # No garbage collection until the imports are done: they only build, and a tenth of start-up went
    # to collections walking what they built (ui.app turns it back on).
    gc.disable()
    from ui.app import run_gui as run_app  # Qt is imported here and only here

    return run_app(event, exit_when_shown=exit_when_shown)


def _opens_the_app(args: list[str]) -> bool:
    """Nothing, ``gui …`` or an event file's path (a command's name has no dot or slash): the desktop app,
    started without importing every command's module. Help, --json and the rest go to ui.cli.main."""
    if any(a in ("-h", "--help", "--json") for a in args):
        return False
    return not args or args[0] == "gui" or (not args[0].startswith("-") and any(c in args[0] for c in "./\\"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _opens_the_app(args):
        parser = argparse.ArgumentParser(prog="learningday gui", description="open the desktop app")
        configure_gui(parser)
        opened = parser.parse_args(args[1:] if args[:1] == ["gui"] else args)
        return run_gui(opened.event, exit_when_shown=opened.exit_when_shown)
    from ui.cli.main import main as cli_main

    return cli_main(args, run_gui=run_gui)
