"""The session editor's completion rule: the share of the session to attend, and whether a sign-off is needed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QSpinBox, QWidget

from learningday.skills.dto import CompletionRule
from ui.commands import FileCommand
from ui.document import EventDocument


class SetCompletionRule(FileCommand):
    """A session's rule; undo writes back the rule the write says it replaced."""

    def __init__(self, document: EventDocument, session_uid: str, rule: CompletionRule, title: str) -> None:
        super().__init__(document, f"Completion rule of “{title}”")
        self.session_uid, self.rule = session_uid, rule
        self.before: CompletionRule | None = None

    def forward(self) -> None:
        self.before = self.document.set_completion_rule(self.session_uid, self.rule).value

    def backward(self) -> None:
        assert self.before is not None
        self.document.set_completion_rule(self.session_uid, self.before)


class CompletionRuleFields(QWidget):
    """"Attended at least N % of the session" and "needs a facilitator sign-off"."""

    def __init__(self, rule: CompletionRule, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.initial = rule
        self.percent = QSpinBox()
        self.percent.setObjectName("completionPercent")
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" % of the session")
        self.percent.setPrefix("at least ")
        self.percent.setValue(rule.min_percent)
        self.percent.setToolTip("From check-in to check-out (no check-out: the whole session), or the minutes "
                                "attended online, whichever is larger")
        self.sign_off = QCheckBox("and a facilitator's sign-off")
        self.sign_off.setObjectName("completionSignOff")
        self.sign_off.setChecked(rule.needs_sign_off)
        self.sign_off.setToolTip("Signed on the check-in screen: “Completed the hands-on exercise”")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.percent)
        row.addWidget(self.sign_off)
        row.addStretch(1)

    def rule(self) -> CompletionRule:
        return CompletionRule(self.percent.value(), self.sign_off.isChecked())

    def push_change(self, push: Callable[[FileCommand], bool], document: EventDocument, session_uid: str,
                    title: str) -> bool:
        """Write the rule as one undoable step when it changed (``push``: the workspace's)."""
        rule = self.rule()
        return rule != self.initial and push(SetCompletionRule(document, session_uid, rule, title))


def add_rule_fields(editor: QWidget, rule: CompletionRule) -> CompletionRuleFields:
    """The fields as the "Completed when" row of a form dialog, above its buttons (its last row)."""
    fields = CompletionRuleFields(rule, editor)
    form = editor.layout()
    assert isinstance(form, QFormLayout)
    form.insertRow(max(0, form.rowCount() - 1), "Completed when", fields)
    return fields
