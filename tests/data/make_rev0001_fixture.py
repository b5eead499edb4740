"""How tests/data/event_rev0001.lday was made (kept for the record: do not run it again).

The fixture must stay an event file as the first schema revision (0001) wrote it, so that
every later migration is tested on real old data. It was written with this script while 0001
was the head revision: a 40-attendee demo event, checkpointed into a single file.
"""

import sqlite3
import sys
from pathlib import Path

from learningday.demo.build import build_demo
from learningday.store.db import head_revision

if __name__ == "__main__":
    assert head_revision() == "0001", "the fixture must be written by revision 0001"
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("event_rev0001.lday"))
    build_demo(out, attendees=40, seed=11)
    con = sqlite3.connect(out)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("VACUUM")
    con.close()
