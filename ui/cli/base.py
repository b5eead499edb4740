"""The command registry every sub-command module registers with, and the helpers they share."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Callable[[argparse._SubParsersAction], argparse.ArgumentParser], Handler]] = {}


def command(name: str, help_text: str):
    """Register ``func(args) -> exit status`` as sub-command ``name``; ``configure`` adds its options."""

    def register(configure: Callable[[argparse.ArgumentParser], None]):
        def deco(func: Handler) -> Handler:
            def make(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
                parser = sub.add_parser(name, help=help_text, description=help_text)
                configure(parser)
                return parser

            COMMANDS[name] = (make, func)
            return func

        return deco

    return register


def configure_gui(p: argparse.ArgumentParser) -> None:
    """The desktop app's arguments: the CLI's `gui` sub-command and ui.launch's own fast path share them."""
    p.add_argument("event", nargs="?", metavar="EVENT.lday", help="the event to open (default: the demo event)")
    p.add_argument("--exit-when-shown", nargs="?", const="event", choices=("window", "event"), help=argparse.SUPPRESS)


def emit_json(value: Any) -> None:
    """One JSON document on stdout."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def progress_to_stderr(enabled: bool) -> Callable[[float, str], None] | None:
    if not enabled:
        return None

    def show(fraction: float, message: str) -> None:
        sys.stderr.write(f"\r{fraction:6.1%}  {message:<40}")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def error_kind(exc: BaseException) -> str:
    """What kind of error, for a script reading ``--json``: the class name in snake case."""
    name = type(exc).__name__
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def emit_json_error(message: str, error: str, **extra: Any) -> None:
    """A failed ``--json`` command: one JSON document that carries the error (its ``message`` and ``kind``,
    which is ``error``) beside ``extra``, and the message on stderr too."""
    emit_json({**extra, "error": {"message": message, "kind": error}})
    print(f"learningday: error: {message}", file=sys.stderr)
