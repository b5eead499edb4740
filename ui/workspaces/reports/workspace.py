"""Reports workspace: the headline and skills figures, attendance by level and by hub × local hour, and the files."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from learningday.errors import LearningDayError
from learningday.reporting.dto import EventAnalytics
from reports.output import pct
from reports.report_files import ReportOutcome, ReportRequest
from ui import ops
from ui.document import EventDocument
from ui.errors import describe, say_error
from ui.settings import export_folder, remember_export
from ui.widgets import Card, card_row, heading
from ui.workspaces.reports.heat_map import HeatMap


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
    """A check box, a path and a Browse button for one output; ``kind``'s last folder is where it starts."""

    def __init__(self, label: str, name: str, filters: str | None, *, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.enabled = QCheckBox(label)
        self.enabled.setChecked(True)
        self.path = QLineEdit(str(export_folder(kind) / name))
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


#: the certificates' forms: (label, suffix of the path; "" a folder)
CERTIFICATE_FORMS = (("one merged PDF", ".pdf"), ("a PDF per person, in a folder", ""),
                     ("a PDF per person, in a zip", ".zip"))


class ReportsWorkspace(QWidget):
    #: the analytics were computed (tests wait on it)
    analysed = Signal()
    #: files were written (tests wait on it)
    generated = Signal(object)
    #: a certificate code was checked: True when valid (tests wait on it)
    verified = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: EventDocument | None = None
        self.analytics: EventAnalytics | None = None
        self._stale = True
        self._analysis: ops.Op | None = None
        self._last: Path | None = None
        self.cards = {key: Card(label) for key, label in (
            ("registered", "registered places"), ("attended", "session attendances"),
            ("rate", "of registered places used"), ("people", "people who attended"),
            ("walk_ins", "walk-ins"), ("hours", "learning hours"))}
        self.skill_cards = {key: Card(label) for key, label in (
            ("reach", "of the roster reached"), ("validated", "people validated at a level"),
            ("uplift", "skills uplift (self-assessed, 1–5)"), ("feedback", "feedback out of 5"))}
        self.level_chart = QChartView()
        self.level_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.level_chart.setMinimumHeight(170)
        self.hour_map = HeatMap()  # hub × local hour of day, as in the PDF
        self.pdf = _Target("PDF report for leaders", "learning-day-report.pdf", "PDF (*.pdf)", kind="report_pdf")
        self.xlsx = _Target("Excel workbook for analysts", "learning-day.xlsx", "Excel workbook (*.xlsx)",
                            kind="report_xlsx")
        self.certificates = _Target("Certificates", "certificates.pdf", None, kind="certificates")
        self.certificate_form = QComboBox()
        self.certificate_form.setObjectName("certificateForm")
        for label, suffix in CERTIFICATE_FORMS:
            self.certificate_form.addItem(label, suffix)
        self.certificate_form.setToolTip("Per-person files are named by name and badge code")
        self.certificates.layout().insertWidget(1, self.certificate_form, 1)
        self.certificate_form.currentIndexChanged.connect(self._on_certificate_form_currentIndexChanged)
        self.with_names = QCheckBox("Include personal names in the PDF (internal use; the cover says so)")
        self.with_names.setObjectName("withNames")
        self.with_names.setToolTip("By default the PDF names no attendee: name lists go to the workbook only")
        self.generate_button = QPushButton("Generate")
        self.generate_button.setObjectName("generate")
        self.open_button = QPushButton("Open folder")
        self.open_button.setEnabled(False)
        self.panel = ops.ProgressPanel("Choose what to write, then Generate.",
                                       cancelled_text="Cancelled: no half-written file was left.")
        self.panel.row.insertWidget(0, self.generate_button)
        self.panel.row.insertWidget(1, self.open_button)
        self.status = self.panel.status
        self.status.setObjectName("reportStatus")
        self.generate_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.panel.ended.connect(self._on_panel_ended)

        self.verify_code = QLineEdit()
        self.verify_code.setObjectName("verifyCode")
        self.verify_code.setPlaceholderText("a certificate's verification code, e.g. ABCDE-FGHIJ")
        self.verify_button = QPushButton("Verify certificate")
        self.verify_result = QLabel("")
        self.verify_result.setObjectName("verifyResult")
        self.verify_result.setWordWrap(True)
        self.verify_button.clicked.connect(self.verify)
        self.verify_code.returnPressed.connect(self.verify)

        box = QGroupBox("Post-event files")
        form = QVBoxLayout(box)
        for target in (self.pdf, self.with_names, self.xlsx, self.certificates):
            form.addWidget(target)
        form.addWidget(self.panel)
        verify_row = QHBoxLayout()
        verify_row.addWidget(self.verify_code, 2)
        verify_row.addWidget(self.verify_button)
        verify_row.addWidget(self.verify_result, 3)
        form.addLayout(verify_row)
        charts = QGridLayout()
        charts.addWidget(self.level_chart, 0, 0)
        charts.addWidget(self.hour_map, 0, 1)
        for column in (0, 1):
            charts.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Reports"))
        layout.addWidget(card_row(list(self.cards.values())))
        layout.addWidget(card_row(list(self.skill_cards.values())))
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
        if not self.panel.running:
            self.status.setText("Counting…")
        self._analysis = ops.start(self.document.analytics, parent=self, on_done=self._on_analysis_done,
                                   on_failed=self._on_analysis_failed)

    def _on_analysis_done(self, analytics: EventAnalytics) -> None:
        self._analysis = None
        self.show_analytics(analytics)
        if not self.panel.running:  # the files' progress keeps the line
            self.status.setText("Choose what to write, then Generate.")
        self.analysed.emit()
        if self._stale and self.isVisible():  # the event changed while it was counting
            self.analyse()

    def _on_analysis_failed(self, exc: BaseException) -> None:
        self._analysis = None
        say_error(label=self.status, exc=exc, title="Counting")

    def show_analytics(self, a: EventAnalytics) -> None:
        self.analytics = a
        o = a.overall
        values = {"registered": f"{o.registered:,}", "attended": f"{o.attended:,}", "rate": pct(o.rate),
                  "people": f"{a.unique_attendees:,}", "walk_ins": f"{o.walk_ins:,}",
                  "hours": f"{o.learning_hours:,.0f}"}
        for key, card in self.cards.items():
            card.set_value(values[key])
        self._show_skills(a)
        levels = [f"{b.key} {b.label}" if b.key is not None else b.label for b in a.by_level]
        self.level_chart.setChart(_bar_chart(
            "Attendance by level", levels,
            [("registered", [b.registered for b in a.by_level], "#9aa5b1"),
             ("attended", [b.attended for b in a.by_level], "#2E86AB")]))
        self.hour_map.show_analytics(a)

    def _show_skills(self, a: EventAnalytics) -> None:
        v = a.leader
        if v is None:
            return
        up, fb = v.skills.uplift_overall, v.skills.feedback_overall
        values = {"reach": f"{pct(v.reach.rate)} ({v.reach.reached:,} of {v.reach.headcount:,})",
                  "validated": f"{v.skills.validated_people:,}",
                  "uplift": f"{up.uplift:+.1f} ({up.pre_mean:.1f} → {up.post_mean:.1f})" if up else "–",
                  "feedback": f"{fb.rating_mean:.1f} ({pct(fb.response_rate)} answered)" if fb.rating_mean else "–"}
        for key, card in self.skill_cards.items():
            card.set_value(values[key])

    # -- the files --------------------------------------------------------------------------
    def _on_certificate_form_currentIndexChanged(self, _index: int) -> None:
        """The path follows the chosen form: certificates.pdf, certificates (a folder) or certificates.zip."""
        text = self.certificates.path.text().strip()
        if text:
            path = Path(text)
            stem = path.with_suffix("") if path.suffix.lower() in (".pdf", ".zip") else path
            self.certificates.path.setText(str(stem) + self.certificate_form.currentData())

    def request(self) -> ReportRequest:
        return ReportRequest(pdf=self.pdf.value(), xlsx=self.xlsx.value(), certificates=self.certificates.value(),
                             with_names=self.with_names.isChecked())

    def generate(self) -> None:
        if self.document is None or self.panel.running:
            return
        request = self.request()
        try:
            request.check()
        except LearningDayError as exc:
            self.status.setText(describe(exc))
            return
        self.generate_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.panel.run(partial(self.document.write_reports, request), label="Writing the files…",
                       on_done=self._on_generated, title="Reports")

    def cancel(self) -> None:
        """Stop writing: the job stops at its next check, before any file is renamed into place."""
        self.panel.cancel()

    def _on_generated(self, outcome: ReportOutcome) -> None:
        targets = {"pdf": self.pdf, "xlsx": self.xlsx, "certificates": self.certificates}
        for key, path in outcome.written.items():
            remember_export(targets[key].kind, path)
        self.show_analytics(outcome.analytics)
        lines = [f"{kind}: {path}" for kind, path in outcome.written.items()]
        if outcome.certificate_count:
            lines.append(f"{outcome.certificate_count:,} certificates")
        self.status.setText("Written — " + "; ".join(lines))
        self._last = next(iter(outcome.written.values()), None)
        self.open_button.setEnabled(self._last is not None)
        self.generated.emit(outcome)

    def verify(self) -> None:
        """Check a certificate's code against the event as it stands (off the GUI thread: it re-reads the event)."""
        code = self.verify_code.text().strip()
        if self.document is None or not code:
            return
        from learningday.reporting.credentials import verify_certificate

        self.verify_button.setEnabled(False)
        self.verify_result.setText("Checking…")
        document = self.document
        ops.start(lambda **_job: document.read_with(lambda s: verify_certificate(s, code)), parent=self,
                  on_done=self._on_verified, on_failed=self._on_verify_failed)

    def _on_verified(self, cert) -> None:  # noqa: ANN001 - a Certificate
        self.verify_button.setEnabled(True)
        self.verify_result.setText(f"Valid: {cert.name} ({cert.badge}), {cert.dates}")
        self.verified.emit(True)

    def _on_verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        say_error(label=self.verify_result, exc=exc, title="Verify certificate")
        self.verified.emit(False)

    def _on_panel_ended(self) -> None:
        self.generate_button.setEnabled(True)

    def _on_open_button_clicked(self) -> None:
        if self._last is not None:
            folder = self._last if self._last.is_dir() else self._last.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
