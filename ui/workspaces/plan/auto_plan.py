"""The Plan workspace's auto-plan: Propose plan… (options, progress, preview, Accept) and Place it for one draft.

Both run the planner off the GUI thread (ui.ops) through ``EventDocument.propose_plan`` and write
through one undoable ``ApplyPlan``. The drag help (``bands``) is read here too.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton

from learningday.plan.planner import PlanOptions
from ui.document import PlanProposal
from ui.errors import attempt, show_info
from ui.ops import Op, run_with_progress
from ui.workspaces.plan.bands import DragBands, drag_bands
from ui.workspaces.plan.plan_preview import PlanPreview
from ui.workspaces.plan.plan_step import ApplyPlan
from ui.workspaces.plan.propose_dialog import ProposeDialog

if TYPE_CHECKING:
    from ui.workspaces.plan.workspace import PlanWorkspace

#: how long Place it may look for a slot (one session: far less in practice)
PLACE_IT_SECONDS = 10.0


class AutoPlan(QObject):
    """Owns the actions (with their shortcuts) and the dialogs; the workspace holds one."""

    def __init__(self, workspace: PlanWorkspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        self.propose_action = self._action("Propose plan…", "proposePlan", "Ctrl+Shift+P", self.propose,
                                           "Let the planner propose a start and a venue for every session not pinned")
        self.fit_action = self._action("Fit 24 h", "fitWindow", "Ctrl+0", workspace.timeline.fit_window,
                                       "Zoom the timeline to the whole event window (Ctrl+wheel zooms too)")
        self.options_dialog: ProposeDialog | None = None
        self.preview: PlanPreview | None = None
        self.op: Op | None = None
        workspace.timeline.drag_began.connect(self._on_timeline_drag_began)

    def _action(self, text: str, name: str, shortcut: str, slot, tip: str) -> QAction:  # noqa: ANN001
        action = QAction(text, self.workspace)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({shortcut})")
        action.triggered.connect(lambda _=False: slot())
        self.workspace.addAction(action)
        return action

    def buttons(self) -> list[QToolButton]:
        """Propose plan… for the workspace's top row; Fit 24 h goes beside the timeline's scroll bar,
        where zooming belongs (and the top row keeps its width)."""
        fit, propose = QToolButton(), QToolButton()
        fit.setDefaultAction(self.fit_action)
        fit.setAutoRaise(True)
        timeline = self.workspace.timeline
        timeline.addScrollBarWidget(fit, Qt.AlignmentFlag.AlignLeft)
        timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # the button stays when all fits
        propose.setDefaultAction(self.propose_action)
        return [propose]

    # -- the drag help ----------------------------------------------------------------------
    def bands(self, uid: str) -> DragBands | None:
        ws = self.workspace
        if ws.document is None or ws.summary is None:
            return None
        row = next((s for s in ws.sessions if s.uid == uid), None)
        hubs = {h.name: h for h in ws.summary.hubs}
        hub = hubs.get(row.target_hubs[0]) if row is not None and row.target_hubs else None
        found = attempt(lambda: ws.document.session_bands(uid, ws.timeline.snap_minutes), parent=None,
                        title="No drag help")
        return None if found is None else drag_bands(found, ws.summary.event.start_utc, hub)

    def _on_timeline_drag_began(self, uid: str) -> None:
        self.workspace.timeline.set_drag_bands(self.bands(uid))

    # -- Propose plan… ----------------------------------------------------------------------
    def propose(self) -> ProposeDialog | None:
        """Open the options (window-modal); Propose runs the planner, then the preview opens."""
        ws = self.workspace
        if ws.document is None or self.op is not None:
            return None
        self.options_dialog = ProposeDialog(ws.sessions, parent=ws)
        self.options_dialog.accepted.connect(lambda: self.run(self.options_dialog.options()))
        self.options_dialog.open()
        return self.options_dialog

    def run(self, options: PlanOptions) -> Op | None:
        ws = self.workspace
        if ws.document is None:
            return None
        self.op = run_with_progress(parent=ws, label="Proposing a plan…", job=partial(ws.document.propose_plan, options),
                                    on_done=self._on_op_done)
        self.op.ended.connect(self._on_op_ended)
        return self.op

    def _on_op_ended(self) -> None:
        self.op = None

    def _on_op_done(self, proposal: PlanProposal) -> None:
        ws = self.workspace
        assert ws.summary is not None
        self.preview = PlanPreview(proposal, ws.summary, ws.sessions, parent=ws)
        self.preview.accepted.connect(lambda: self.accept(proposal))
        self.preview.open()

    def accept(self, proposal: PlanProposal) -> bool:
        """Apply the plan as one undoable step (a version of the agenda is saved first)."""
        ws = self.workspace
        changes = len(proposal.result.changes)
        if ws.document is None or not changes:
            return False
        text = f"Auto-plan ({changes} session{'' if changes == 1 else 's'})"
        return ws.push(ApplyPlan(ws.document, proposal.result, text))

    # -- Place it -----------------------------------------------------------------------------
    def place_it(self, uid: str) -> Op | None:
        """Find a slot for the draft ``uid`` with every other session where it is."""
        ws = self.workspace
        row = next((s for s in ws.sessions if s.uid == uid), None)
        if ws.document is None or row is None or self.op is not None:
            return None
        options = PlanOptions(grid_minutes=ws.timeline.snap_minutes, only=frozenset({uid}),
                              time_limit=PLACE_IT_SECONDS)
        self.op = run_with_progress(parent=ws, label=f"Finding a slot for “{row.title}”…",
                                    job=partial(ws.document.propose_plan, options),
                                    on_done=lambda proposal: self._placed(uid, row.title, proposal))
        self.op.ended.connect(self._on_op_ended)
        return self.op

    def _placed(self, uid: str, title: str, proposal: PlanProposal) -> None:
        ws = self.workspace
        result = proposal.result
        if ws.document is None:
            return
        if not any(p.uid == uid for p in result.changes):
            why = "\n".join(f"• {line}" for line in result.explanation) or "The planner found no free slot."
            show_info(parent=ws, title="Place it", text=f"“{title}” could not be placed.\n\n{why}")
            return
        if ws.push(ApplyPlan(ws.document, result, f"Place “{title}”", backup=False)):
            ws.timeline.select(uid)
