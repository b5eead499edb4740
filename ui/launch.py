"""The ``learningday`` command: the command line, and the desktop app when no command is given."""

from __future__ import annotations

import gc
from collections.abc import Sequence

from ui.cli.main import main as cli_main


def run_gui(event: str | None, *, exit_when_shown: str | None = None) -> int:
    # Qt first and the window on screen; ui.app imports the core (SQLAlchemy) after the first paint.
    # No garbage collection until the imports are done: they only build, and a tenth of start-up went
    # to collections walking what they built (ui.app turns it back on).
    gc.disable()
    from ui.app import run_gui as run_app  # Qt is imported here and only here

    return run_app(event, exit_when_shown=exit_when_shown)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, run_gui=run_gui)
