"""The gui marker: `pytest -m "not gui"` leaves out every test that touches Qt, and its folder is not imported."""

from __future__ import annotations

import subprocess
import sys

from tests import ROOT

# pytest-qt imports PySide6 as it starts, so this run goes without the plugin; its ini keys (qt_api, ...) are then
# unknown, which --strict-config in addopts would refuse.
COLLECT_WITHOUT_QT = """
import sys, pytest
status = pytest.main(["-p", "no:pytest-qt", "-p", "no:cacheprovider", "-o", "addopts=", "-q", "--collect-only",
                      "-m", "not gui", "tests"])
qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print("imported:", qt, file=sys.stderr)
sys.exit(status or bool(qt))
"""


def test_collecting_all_but_the_gui_tests_imports_no_pyside6() -> None:
    done = subprocess.run([sys.executable, "-c", COLLECT_WITHOUT_QT], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:] or done.stdout[-3000:]
    assert " deselected" not in done.stdout  # tests/gui/ was left out whole, not imported and then deselected
