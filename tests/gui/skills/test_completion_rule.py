"""The session editor's completion rule: N % and "needs a sign-off", one undoable step."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from learningday.skills.dto import DEFAULT_RULE, CompletionRule
from tests.helpers.skills_event import UIDS
from ui.document import EventDocument
from ui.workspaces.plan.completion_rule import CompletionRuleFields
from ui.workspaces.plan.session_editor import SessionEditor
from ui.workspaces.plan.workspace import PlanWorkspace


def _plan(document: EventDocument, qtbot) -> tuple[PlanWorkspace, QUndoStack]:
    work, stack = PlanWorkspace(), QUndoStack()
    qtbot.addWidget(work)
    work.show_event(document, stack, document.summary(), document.sessions(), document.venues())
    return work, stack


def test_the_rule_is_edited_with_the_session_and_undone(skills_document: EventDocument, qtbot, monkeypatch) -> None:
    work, stack = _plan(skills_document, qtbot)
    seen: list[CompletionRule] = []

    def accept(editor: SessionEditor) -> int:
        fields = editor.findChild(CompletionRuleFields)
        seen.append(fields.rule())
        fields.percent.setValue(60)
        fields.sign_off.setChecked(True)
        editor.resize(editor.sizeHint())
        editor.grab().save("/tmp/skillsui-session-editor.png")
        return SessionEditor.DialogCode.Accepted

    monkeypatch.setattr(SessionEditor, "exec", accept)
    work.edit_session(UIDS["L1"])
    assert seen == [DEFAULT_RULE]  # L1 had no rule of its own: the default shows
    assert skills_document.completion_rule(UIDS["L1"]) == CompletionRule(60, True)
    assert stack.count() == 1 and stack.undoText() == "Completion rule of “Literacy”"
    stack.undo()
    assert skills_document.completion_rule(UIDS["L1"]) == DEFAULT_RULE
    stack.redo()
    assert skills_document.completion_rule(UIDS["L1"]) == CompletionRule(60, True)


def test_an_unchanged_rule_or_a_cancel_writes_nothing(skills_document: EventDocument, qtbot, monkeypatch) -> None:
    work, stack = _plan(skills_document, qtbot)
    monkeypatch.setattr(SessionEditor, "exec", lambda _editor: SessionEditor.DialogCode.Accepted)
    work.edit_session(UIDS["L2"])
    assert stack.count() == 0 and skills_document.completion_rule(UIDS["L2"]) == CompletionRule(50, True)

    def cancel(editor: SessionEditor) -> int:
        editor.findChild(CompletionRuleFields).percent.setValue(10)
        return SessionEditor.DialogCode.Rejected

    monkeypatch.setattr(SessionEditor, "exec", cancel)
    work.edit_session(UIDS["L2"])
    assert stack.count() == 0 and skills_document.completion_rule(UIDS["L2"]) == CompletionRule(50, True)
