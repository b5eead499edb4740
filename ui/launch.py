"""The ``learningday`` command: the command line, and the desktop app when no command is given."""

from __future__ import annotations

from collections.abc import Sequence

from ui.cli.main import main as cli_main


def run_gui(event: str | None, *, exit_when_shown: bool = False) -> int:
    # The core first: PySide6 installs an import hook that slows every module imported after it
    # (SQLAlchemy takes 0.6 s instead of 0.4 s behind it).
    import sqlalchemy.orm  # noqa: F401

    import learningday.demo.build  # noqa: F401
    import learningday.plan.sessions  # noqa: F401
    import learningday.roster.query  # noqa: F401
    from ui.app import run_gui as run_app  # Qt is imported here and only here

    return run_app(event, exit_when_shown=exit_when_shown)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, run_gui=run_gui)
