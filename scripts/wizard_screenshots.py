"""The New Event wizard's screenshots: the event page, the hubs page (city search open) and the venues page.

Called by scripts/screenshots.py; run alone: QT_QPA_PLATFORM=offscreen python scripts/wizard_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QDate, QPoint, QTime  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402

from learningday.setup.new_event import HubSpec, VenueSpec  # noqa: E402
from ui.app import make_app  # noqa: E402
from ui.new_event.wizard import NewEventWizard  # noqa: E402

VENUES = (VenueSpec("Thames room", "room", "London", 40), VenueSpec("Lotus hall", "room", "Bangalore", 120),
          VenueSpec("Everest room", "room", "Kathmandu", 24), VenueSpec("All-hands stream", "virtual", "", 2000))
HUBS = (HubSpec("London", "Europe/London", 8 * 60, 16 * 60), HubSpec("Bangalore", "Asia/Kolkata"),
        HubSpec("Kathmandu", "Asia/Kathmandu", 8 * 60 + 30, 16 * 60 + 30), HubSpec("San Francisco", "America/Los_Angeles"))


def wizard_screenshots(app, out: Path) -> None:
    wizard = NewEventWizard()
    wizard.resize(900, 660)
    wizard.show()
    page = wizard.event_page
    page.name.setText("Global AI Learning Day")
    page.theme.setText("Follow the sun: from AI literacy to AI systems")
    page.date.setDate(QDate(2027, 3, 10))
    page.time.setTime(QTime(9, 0))
    page.choose_zone("Asia/Kolkata")
    wizard.next()
    for hub in HUBS:
        wizard.hubs_page.add_hub(hub)
    search = wizard.hubs_page.search
    search.setFocus()
    search.setText("Madr")
    search.textEdited.emit("Madr")
    for _ in range(3):
        app.processEvents()
    shot = wizard.grab()
    popup = search.completer().popup()
    if popup.isVisible():  # a separate window: paint it where it sits over the page
        painter = QPainter(shot)
        painter.drawPixmap(search.mapTo(wizard, QPoint(0, search.height())), popup.grab())
        painter.end()
    shot.save(str(out / "wizard-hubs.png"))
    print(out / "wizard-hubs.png")
    popup.hide()
    wizard.next()
    for venue in VENUES:
        wizard.venues_page.add_venue(venue)
    app.processEvents()
    wizard.grab().save(str(out / "wizard-venues.png"))
    print(out / "wizard-venues.png")
    wizard.back()
    wizard.back()
    app.processEvents()
    wizard.grab().save(str(out / "wizard-event.png"))
    print(out / "wizard-event.png")
    wizard.close()


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    wizard_screenshots(make_app(), folder)
