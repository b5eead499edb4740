"""The test suite: core/<domain>/, reports/, cli/, gui/<workspace>/, reliability/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
