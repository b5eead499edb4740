"""`learningday completion-rule`: the rule written and the one it replaced; bad input refused, file unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from learningday.skills.completion import completion_rules
from learningday.skills.dto import CompletionRule
from learningday.skills.lookup import find_session
from learningday.store.db import open_event
from tests.helpers.backends import Backend
from tests.helpers.cli import refused, run
from tests.helpers.skills_event import UIDS, build_skills_event


@pytest.fixture()
def event(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, backend: Backend) -> str | Path:
    template = tmp_path_factory.getbasetemp() / "completion-rule-template.lday"
    if not template.exists():
        build_skills_event(template)
    return backend.take(Path(shutil.copyfile(template, tmp_path / "skills.lday")))


def _rule(event: Path, uid: str) -> CompletionRule | None:
    with open_event(event) as event_file, event_file.read() as session:
        return completion_rules(session).get(find_session(session, uid).id)


def test_the_rule_is_set_and_the_one_replaced_is_said(capsys, event: Path) -> None:
    status, out, _ = run(capsys, "completion-rule", str(event), "--session", UIDS["L1"], "--percent", "60",
                         "--sign-off")
    assert status == 0 and out == "completed when 60 % of the session is attended and a sign-off (was 75 %)\n"
    assert _rule(event, UIDS["L1"]) == CompletionRule(60, True)
    status, out, _ = run(capsys, "completion-rule", str(event), "--session", UIDS["L2"], "--percent", "80",
                         "--no-sign-off", "--json")
    assert status == 0 and json.loads(out) == {"session": UIDS["L2"], "percent": 80, "sign_off": False,
                                               "before": {"percent": 50, "sign_off": True}}
    assert _rule(event, UIDS["L2"]) == CompletionRule(80, False)


@pytest.mark.parametrize("argv", [("--percent", "101"), ("--percent", "-1"), ("--percent", "half"),
                                  ("--percent", "50", "--session", "no-such-session")])
def test_bad_input_is_refused_and_changes_nothing(capsys, event: Path, argv: tuple[str, ...]) -> None:
    session = () if "--session" in argv else ("--session", UIDS["L1"])
    err = refused(capsys, event, "completion-rule", str(event), *session, *argv,
                  *(("--json",) if argv[1] != "half" else ()))
    assert err.strip()
