"""The arrival rule's SQL text is compiled when first asked for, not when the modules using it are imported
(start-up imports them all; SQLAlchemy's first compile warms its compiler up, a fifth of a second)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests import ROOT

_PROBE = """
import learningday.checkin.log, learningday.checkin.search, learningday.roster.query
from learningday.store import arrival
print(arrival.not_undone_sql.cache_info().currsize, arrival.current_arrival_sql.cache_info().currsize)
print(arrival.current_arrival_sql())
"""


def test_importing_the_users_of_the_arrival_rule_compiles_no_sql() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, check=True, capture_output=True, text=True).stdout
    counts, text = out.splitlines()[:2]
    assert counts == "0 0"
    assert text.startswith("c.kind IN ('check_in', 'walk_in') AND NOT (EXISTS (SELECT") and "u.reverses_uid = c.uid" in text
