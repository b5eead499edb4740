"""The one place errors are worded: refusals as the core words them, a refused file plainly."""

from __future__ import annotations

import errno

from learningday.errors import InvalidInput
from ui import errors


def test_a_file_the_system_refused_is_worded_plainly() -> None:
    exc = PermissionError(errno.EACCES, "Permission denied", "/srv/day/roster.xlsx")
    assert errors.describe(exc) == "Could not open /srv/day/roster.xlsx: Permission denied"
    assert errors.describe(OSError(errno.ENOSPC, "No space left on device")) == "No space left on device"
    assert "did not expect" in errors.describe(ValueError("bug"))


def test_attempt_shows_a_refusal_and_gives_none() -> None:
    def refuse() -> int:
        raise InvalidInput("row 14: 'start' is not a time: '25:00'")

    assert errors.attempt(lambda: 7, parent=None, title="Saved") == 7
    assert errors.attempt(refuse, parent=None, title="Not saved") is None
    assert errors.shown[-1] == "row 14: 'start' is not a time: '25:00'"
    assert errors.attempt(lambda: open("/nonexistent-folder/x.json"), parent=None, title="Not read") is None
    assert errors.shown[-1] == "Could not open /nonexistent-folder/x.json: No such file or directory"
