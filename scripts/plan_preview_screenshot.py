"""docs/plan-preview.png: Propose plan… on the demo event with ten of its sessions unscheduled (offscreen)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402

from learningday.demo.build import build_demo  # noqa: E402
from learningday.plan.sessions import list_sessions, move_session  # noqa: E402
from learningday.store.db import open_event  # noqa: E402


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    from ui.main_window import MainWindow

    path = build_demo(Path(tempfile.mkdtemp()) / "preview.lday", attendees=2000, seed=1)
    with open_event(path) as event_file, event_file.write() as s:
        for row in list_sessions(s)[::6][:10]:  # ten drafts spread over the day
            move_session(s, row.uid, start_utc=None)
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.open_path(path)
    dialog = window.plan.auto_plan.propose()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    deadline = time.monotonic() + 120
    while window.plan.auto_plan.preview is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    preview = window.plan.auto_plan.preview
    preview.resize(1280, 760)
    app.processEvents()
    preview.grab().save(str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "plan-preview.png")
