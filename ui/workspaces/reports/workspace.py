"""Reports workspace: the headline figures and charts live, and the three post-event files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from learningday.errors import LearningDayError
from learningday.reporting.dto import EventAnalytics
from reports.output import pct
from reports.report_files import ReportOutcome, ReportRequest, write_reports
from ui.document import EventDocument
from ui.errors import describe
from ui.ops import Worker
from ui.settings import documents_folder
from ui.widgets import Card, card_row, heading


def _bar_chart(title: str, categories: list[str], sets: list[tuple[str, list[int], str]]) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    series = QBarSeries()
    for label, values, colour in sets:
        bar = QBarSet(label)
        bar.append([float(v) for v in values])
        bar.setColor(QColor(colour))
        series.append(bar)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%d")
    axis_y.setRange(0, max([1, *(max(values, default=0) for _l, values, _c in sets)]) * 1.1)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class _Target(QWidget):
    """A check box, a path and a Browse button for one output."""

    def __init__(self, label: str, default: str, filters: str | None) -> None:
        super().__init__()
        self.enabled = QCheckBox(label)
        self.enabled.setChecked(True)
        self.path = QLineEdit(default)
        browse = QPushButton("Choose…")
        browse.clicked.connect(lambda: self._browse(filters))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled, 1)
        layout.addWidget(self.path, 3)
        layout.addWidget(browse)

    def _browse(self, filters: str | None) -> None:
        if filters is None:
            chosen = QFileDialog.getSaveFileName(self, "Certificates", self.path.text(),
                                                 "One merged PDF (*.pdf);;A folder of PDFs (*)")[0]
        else:
            chosen = QFileDialog.getSaveFileName(self, "Save as", self.path.text(), filters)[0]
        if chosen:
            self.path.setText(chosen)

    def value(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text) if self.enabled.isChecked() and text else None


class ReportsWorkspace(QWidget):
    #: the analytics were computed (tests wait on it)
    analysed = Signal()
    #: files were written (tests wait on it)
    generated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: EventDocument | None = None
        self.analytics: EventAnalytics | None = None
        self._stale = True
        self._analysis: Worker | None = None
        self.worker: Worker | None = None
        self._last: Path | None = None
        self.cards = {key: Card(label) for key, label in (
            ("registered", "registered places"), ("attended", "session attendances"),
            ("rate", "of registered places used"), ("people", "people who attended"),
            ("walk_ins", "walk-ins"), ("hours", "learning hours"))}
        self.level_chart = QChartView()
        self.hour_chart = QChartView()
        for view in (self.level_chart, self.hour_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(170)
        folder = documents_folder()
        self.pdf = _Target("PDF report for leaders", str(folder / "learning-day-report.pdf"), "PDF (*.pdf)")
        self.xlsx = _Target("Excel workbook for analysts", str(folder / "learning-day.xlsx"),
                            "Excel workbook (*.xlsx)")
        self.certificates = _Target("Certificates (one merged PDF)", str(folder / "certificates.pdf"), None)
        self.generate_button = QPushButton("Generate")
        self.generate_button.setObjectName("generate")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.open_button = QPushButton("Open folder")
        self.open_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel("Choose what to write, then Generate.")
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)

        box = QGroupBox("Post-event files")
        form = QVBoxLayout(box)
        for target in (self.pdf, self.xlsx, self.certificates):
            form.addWidget(target)
        buttons = QHBoxLayout()
        for button in (self.generate_button, self.cancel_button, self.open_button):
            buttons.addWidget(button)
        buttons.addWidget(self.progress, 1)
        form.addLayout(buttons)
        form.addWidget(self.status)
        charts = QGridLayout()
        charts.addWidget(self.level_chart, 0, 0)
        charts.addWidget(self.hour_chart, 0, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Reports"))
        layout.addWidget(card_row(list(self.cards.values())))
        layout.addLayout(charts, 1)
        layout.addWidget(box)

    # -- the figures ------------------------------------------------------------------------
    def set_document(self, document: EventDocument) -> None:
        """A new or changed event: the figures are computed again when the workspace is shown."""
        self.document = document
        self._stale = True
        if self.isVisible():
            self.analyse()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.analyse()

    def analyse(self) -> None:
        """Compute the analytics off the GUI thread (seconds at 100k attendees)."""
        if self.document is None or self._analysis is not None:
            return
        self._stale = False
        self.status.setText("Counting…")
        event_file = self.document.file

        def job(progress, cancel) -> EventAnalytics:
            from learningday.reporting.analytics import analyse

            with event_file.read() as session:
                return analyse(session, progress=progress)

        self._analysis = Worker(job)
        self._analysis.signals.finished.connect(self._on_analysis_finished)
        self._analysis.signals.failed.connect(self._on_analysis_failed)
        QThreadPool.globalInstance().start(self._analysis)

    def _on_analysis_finished(self, analytics: EventAnalytics) -> None:
        self._analysis = None
        self.show_analytics(analytics)
        self.status.setText("Choose what to write, then Generate.")
        self.analysed.emit()

    def _on_analysis_failed(self, exc: BaseException) -> None:
        self._analysis = None
        self.status.setText(describe(exc))

    def show_analytics(self, a: EventAnalytics) -> None:
        self.analytics = a
        o = a.overall
        values = {"registered": f"{o.registered:,}", "attended": f"{o.attended:,}", "rate": pct(o.rate),
                  "people": f"{a.unique_attendees:,}", "walk_ins": f"{o.walk_ins:,}",
                  "hours": f"{o.learning_hours:,.0f}"}
        for key, card in self.cards.items():
            card.set_value(values[key])
        levels = [f"{b.key} {b.label}" if b.key is not None else b.label for b in a.by_level]
        self.level_chart.setChart(_bar_chart(
            "Attendance by level", levels,
            [("registered", [b.registered for b in a.by_level], "#9aa5b1"),
             ("attended", [b.attended for b in a.by_level], "#2E86AB")]))
        hours = [f"{h.start_utc:%H}" for h in a.hours_utc]
        self.hour_chart.setChart(_bar_chart(
            "Attendances across the day (UTC start hour)", hours,
            [("attendances", [h.attendances for h in a.hours_utc], "#3BB273")]))

    # -- the files --------------------------------------------------------------------------
    def request(self) -> ReportRequest:
        return ReportRequest(pdf=self.pdf.value(), xlsx=self.xlsx.value(), certificates=self.certificates.value())

    def generate(self) -> None:
        if self.document is None or self.worker is not None:
            return
        request = self.request()
        try:
            request.check()
        except LearningDayError as exc:
            self.status.setText(describe(exc))
            return
        event_file = self.document.file
        self.worker = Worker(lambda progress, cancel: write_reports(event_file, request, progress=progress,
                                                                    cancel=cancel))
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_generated)
        self.worker.signals.failed.connect(self._on_failed)
        self.generate_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.open_button.setEnabled(False)
        self.progress.setValue(0)
        QThreadPool.globalInstance().start(self.worker)

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message:
            self.status.setText(message)

    def _finish(self) -> None:
        self.worker = None
        self.generate_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _on_generated(self, outcome: ReportOutcome) -> None:
        self._finish()
        self.progress.setValue(1000)
        self.show_analytics(outcome.analytics)
        lines = [f"{kind}: {path}" for kind, path in outcome.written.items()]
        if outcome.certificate_count:
            lines.append(f"{outcome.certificate_count:,} certificates")
        self.status.setText("Written — " + "; ".join(lines))
        self._last = next(iter(outcome.written.values()), None)
        self.open_button.setEnabled(self._last is not None)
        self.generated.emit(outcome)

    def _on_failed(self, exc: BaseException) -> None:
        cancelled = self.worker is not None and self.worker.cancelled
        self._finish()
        self.progress.setValue(0)
        self.status.setText("Cancelled: no half-written file was left." if cancelled else describe(exc))

    def _on_cancel_button_clicked(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText("Cancelling…")

    def _on_open_button_clicked(self) -> None:
        if self._last is not None:
            folder = self._last if self._last.is_dir() else self._last.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
