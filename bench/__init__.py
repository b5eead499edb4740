"""Benchmarks: each figure beside a raw baseline measured in the same run.

A benchmark module registers functions with ``@benchmark``; each returns a ``Result``.
Run them all with ``python -m bench`` (``--only NAME``, ``--json``).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    name: str
    value: float
    unit: str
    baseline: float | None
    target: str
    #: what the baseline is, in a few words
    baseline_is: str = ""
    #: the target as a number in ``unit``: the value must stay at or under it (at or over it when
    #: ``higher_is_better``, e.g. pages per second)
    limit: float | None = None
    higher_is_better: bool = False

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def as_dict(self) -> dict:
        data = asdict(self)
        data["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        data["met"] = self.met
        return data


BENCHMARKS: dict[str, Callable[[], list[Result]]] = {}


def benchmark(name: str) -> Callable[[Callable[[], list[Result]]], Callable[[], list[Result]]]:
    def register(func: Callable[[], list[Result]]) -> Callable[[], list[Result]]:
        BENCHMARKS[name] = func
        return func

    return register


def median_seconds(func: Callable[[], object], *, repeat: int = 5) -> float:
    """Median wall time of ``repeat`` calls (one warm-up call first)."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def demo_event(attendees: int, seed: int = 7) -> Path:
    """A cached demo event of ``attendees`` people (built on first use)."""
    from learningday.demo.build import build_demo

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"demo-{attendees}-{seed}.lday"
    if not path.exists():
        build_demo(path, attendees=attendees, seed=seed)
    return path
