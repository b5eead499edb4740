"""CLI for the framework's tables: `levels`, `level set` (label, colour, learning paths), `roles`, `role set|remove`."""

from __future__ import annotations

import argparse
import re

from learningday.errors import InvalidInput
from ui.cli.base import command, emit_json
from ui.cli.setup_edit import is_none

_RANGE = re.compile(r"^\s*([1-5])\s*(?:[-–]\s*([1-5])\s*)?$")


def _event_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("event", metavar="EVENT.lday", help="the event file (or a database URL)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _write(event: str, work):  # noqa: ANN001, ANN202 - work(session) -> its value
    """``work(session)`` in one write transaction; its value once committed."""
    from learningday.store.db import open_event

    with open_event(event) as event_file, event_file.write() as session:
        return work(session)


# -- levels ---------------------------------------------------------------------------------------
def _level_dict(level) -> dict:  # noqa: ANN001 - a LevelDTO
    return {"id": level.id, "name": level.name, "colour": level.colour, "audience": level.audience,
            "foundational": level.foundational, "learning_paths": list(level.learning_paths)}


def _level_lines(level) -> str:  # noqa: ANN001 - a LevelDTO
    paths = "".join(f"\n    path: {p}" for p in level.learning_paths)
    return f"{level.id}  {level.name}  {level.colour}  ({level.audience})" + paths


@command("levels", "list the framework's five levels: label, colour, audience and learning paths")(_event_arg)
def cmd_levels(args: argparse.Namespace) -> int:
    from learningday.setup.event import list_levels

    return _list(args, list_levels, _level_dict, _level_lines)


def _list(args: argparse.Namespace, read, as_dict, line) -> int:  # noqa: ANN001
    """The rows ``read(session)`` gives, as a JSON list or a line each."""
    from learningday.store.db import open_event

    with open_event(args.event) as event_file, event_file.read() as session:
        rows = read(session)
    if args.json:
        emit_json([as_dict(row) for row in rows])
    else:
        print("\n".join(line(row) for row in rows))
    return 0


def _configure_level(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    edit = actions.add_parser("set", help="change a level's label, colour or learning paths",
                              description="change a level's label, colour or learning paths; the rest stays")
    _event_arg(edit)
    edit.add_argument("level", type=int, metavar="LEVEL", help="the level's number, 1-5")
    edit.add_argument("--label", metavar="TEXT", help="its label (at most 100 characters)")
    edit.add_argument("--colour", "--color", dest="colour", metavar="#RRGGBB", help="its colour, e.g. #2E86AB")
    edit.add_argument("--path", action="append", metavar="TEXT",
                      help="a follow-up learning path (certificates list them); repeat for several, replacing "
                           "the list; none: no paths")


@command("level", "change a framework level's label, colour or learning paths")(_configure_level)
def cmd_level(args: argparse.Namespace) -> int:
    from learningday.setup.event import list_levels
    from learningday.setup.services import edit_level

    paths = None if args.path is None else [] if is_none(args.path) else args.path
    if args.label is None and args.colour is None and paths is None:
        raise InvalidInput("nothing to change: give --label, --colour or --path")

    def work(session):  # noqa: ANN001, ANN202
        edit_level(session, args.level, name=args.label, colour=args.colour, learning_paths=paths)
        return next(lv for lv in list_levels(session) if lv.id == args.level)

    level = _write(args.event, work)
    emit_json(_level_dict(level)) if args.json else print("changed level " + _level_lines(level))
    return 0


# -- roles ----------------------------------------------------------------------------------------
def _rule_dict(rule) -> dict:  # noqa: ANN001 - a RoleLevelRule
    return {"role": rule.pattern, "level_min": rule.level_min, "level_max": rule.level_max}


def _rule_line(rule) -> str:  # noqa: ANN001 - a RoleLevelRule
    levels = f"{rule.level_min}" if rule.level_min == rule.level_max else f"{rule.level_min}-{rule.level_max}"
    return f"{rule.pattern}: level {levels}"


@command("roles", "list the role -> level table (roles containing a word are recommended those levels)")(_event_arg)
def cmd_roles(args: argparse.Namespace) -> int:
    from learningday.setup.roles import list_role_levels

    return _list(args, list_role_levels, _rule_dict, _rule_line)


def _configure_role(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_text in (("set", "add or change the levels a role is recommended"),
                            ("remove", "remove a role from the table")):
        sub = actions.add_parser(name, help=help_text, description=help_text)
        _event_arg(sub)
        sub.add_argument("role", metavar="ROLE", help="a word or words of a job title, e.g. 'data engineer'")
        if name == "set":
            sub.add_argument("levels", metavar="LEVEL", help="a level (3) or a range, lowest first (3-5)")


def _levels(text: str) -> tuple[int, int | None]:
    match = _RANGE.match(text)
    if match is None:
        raise InvalidInput(f"LEVEL: a level 1-5 or a range such as 3-5, not {text!r}")
    return int(match[1]), int(match[2]) if match[2] else None


@command("role", "add, change or remove a row of the role -> level table")(_configure_role)
def cmd_role(args: argparse.Namespace) -> int:
    from learningday.setup.roles import remove_role_level, set_role_level

    if args.action == "set":
        low, high = _levels(args.levels)
        rule, verb = _write(args.event, lambda s: set_role_level(s, args.role, low, high)), "set"
    else:
        rule, verb = _write(args.event, lambda s: remove_role_level(s, args.role)), "removed"
    emit_json({"action": verb, **_rule_dict(rule)}) if args.json else print(f"{verb} role {_rule_line(rule)}")
    return 0
