"""The plan's preview: how good it is (or why not), the sessions it moves, and the coverage before and after."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from learningday.plan.coverage import Coverage
from learningday.plan.dto import SessionRow
from learningday.plan.planner import FEASIBLE, OPTIMAL, PlanResult
from learningday.setup.dto import EventSummary
from ui.document import PlanProposal
from ui.widgets import heading
from ui.workspaces.plan.bands import time_readout

GAP = QColor("#f8d7da")
COVERED = QColor("#d7f0dd")
GAINED = QColor("#a6dcb4")


def status_text(result: PlanResult) -> str:
    """One line a user can read: optimal, feasible with its gap, or infeasible."""
    if result.status == OPTIMAL:
        head = "Optimal plan"
    elif result.status == FEASIBLE:
        head = ("Feasible plan (how close to the best is not known)" if result.gap is None
                else f"Feasible plan, within {result.gap:.1%} of the best")
    else:
        count = len(result.unplaced)
        head = f"Infeasible: {count} session{'' if count == 1 else 's'} could not be placed"
    moved, placed = result.moved, result.placed
    return (f"{head} · {moved} moved, {placed} placed · "
            f"{'HiGHS' if result.solver == 'highs' else 'greedy plan'}, {result.seconds:.1f} s")


def _gaps(coverage: Coverage) -> str:
    gaps = len(coverage.gaps)
    return f"{gaps} gap{'' if gaps == 1 else 's'}" if gaps else "no gaps"


def coverage_table(before: Coverage, after: Coverage, summary: EventSummary) -> QTableWidget:
    """The level × hub matrix, before → after in each cell that changes; coloured as it will be."""
    table = QTableWidget(len(summary.levels), len(summary.hubs))
    table.setObjectName("planCoverage")
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setVerticalHeaderLabels([f"{lv.id} {lv.name}" for lv in summary.levels])
    table.setHorizontalHeaderLabels([h.name for h in summary.hubs])
    for r, level in enumerate(summary.levels):
        for c, hub in enumerate(summary.hubs):
            was, cell = before.cell(level.id, hub.name), after.cell(level.id, hub.name)
            item = QTableWidgetItem(str(cell.count) if cell.count == was.count else f"{was.count} → {cell.count}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setBackground(QBrush(GAP if cell.gap else GAINED if cell.count > was.count else COVERED))
            item.setToolTip(f"level {level.id} in {hub.name}: {was.count} before, {cell.count} after "
                            f"(minimum {cell.minimum})")
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # every level shows at once: five rows are the whole matrix (a horizontal bar may join it)
    table.setFixedHeight(table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(table.rowCount()))
                         + 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height())
    return table


class PlanPreview(QDialog):
    """Accept applies the plan (as one undoable step: the caller pushes it); Cancel leaves the agenda."""

    def __init__(self, proposal: PlanProposal, summary: EventSummary, sessions: list[SessionRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planPreview")
        self.setWindowTitle(self.tr("Proposed plan"))
        self.proposal = proposal
        result = proposal.result
        self.status = heading(status_text(result), sub=True)
        self.status.setObjectName("planStatus")
        self.status.setWordWrap(True)
        self.explanation = QLabel("\n".join(f"• {line}" for line in result.explanation))
        self.explanation.setObjectName("planExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        why = QScrollArea()  # a big event can leave many cells open: the list scrolls, the tables stay
        why.setWidget(self.explanation)
        why.setWidgetResizable(True)
        why.setFrameShape(QScrollArea.Shape.NoFrame)
        why.setMaximumHeight(110)
        why.setVisible(bool(result.explanation))
        self.moves = self._moves_table(result, summary, sessions)
        self.coverage = coverage_table(proposal.before, proposal.after, summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        accept = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        accept.setText(self.tr("Accept"))
        accept.setEnabled(bool(result.changes))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(why)
        changes = len(result.changes)
        layout.addWidget(QLabel(f"<b>{changes} session{'' if changes == 1 else 's'} change</b>"
                                if changes else "<b>The plan changes nothing</b>"))
        layout.addWidget(self.moves, 1)
        layout.addWidget(QLabel(f"<b>Coverage</b> (sessions per level inside each hub's working hours): "
                                f"{_gaps(proposal.before)} before → {_gaps(proposal.after)} after"))
        layout.addWidget(self.coverage)
        layout.addWidget(self.buttons)
        self.resize(1280, 760)

    @staticmethod
    def _moves_table(result: PlanResult, summary: EventSummary, sessions: list[SessionRow]) -> QTableWidget:
        """Session, from → to (UTC and the session's first target hub), venue."""
        rows = {s.uid: s for s in sessions}
        hubs = {h.name: h for h in summary.hubs}
        day_start = summary.event.start_utc
        table = QTableWidget(len(result.changes), 4)
        table.setObjectName("planMoves")
        table.setHorizontalHeaderLabels(["Session", "From", "To", "Venue"])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        for r, p in enumerate(result.changes):
            row = rows.get(p.uid)
            hub = hubs.get(row.target_hubs[0]) if row is not None and row.target_hubs else None
            minutes = int((p.end_utc - p.start_utc) / timedelta(minutes=1))
            before = "unscheduled" if p.before_start is None else time_readout(p.before_start, minutes, hub, day_start)
            venue_before = row.venue if row is not None and p.before_start is not None else ""
            cells = (p.title, before, time_readout(p.start_utc, minutes, hub, day_start),
                     p.venue if venue_before in ("", p.venue) else f"{venue_before} → {p.venue}")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        table.setColumnWidth(0, min(table.columnWidth(0), 320))  # a long title elides; its tooltip has it all
        table.horizontalHeader().setStretchLastSection(True)
        return table
