"""python -m bench [--only NAME] [--json]: run the benchmarks and print value, baseline, ratio."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys

import bench
from bench import BENCHMARKS


def _load_all() -> None:
    for module in pkgutil.iter_modules(bench.__path__):
        if module.name.startswith("bench_"):
            importlib.import_module(f"bench.{module.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this benchmark (repeatable)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.add_argument("--list", action="store_true", help="list the benchmarks")
    args = parser.parse_args(argv)
    _load_all()
    if args.list:
        print("\n".join(sorted(BENCHMARKS)))
        return 0
    names = args.only or sorted(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; try --list", file=sys.stderr)
        return 2
    results = []
    for name in names:
        print(f"running {name}…", file=sys.stderr)
        results.extend(BENCHMARKS[name]())
    unlimited = [r.name for r in results if r.limit is None]
    if unlimited:  # every figure is held against a number: a row without one is a bug in its benchmark
        print(f"no limit given for: {'; '.join(unlimited)}", file=sys.stderr)
        return 1
    if args.json:
        json.dump([r.as_dict() for r in results], sys.stdout, indent=2)
        print()
        return 0
    header = f"{'figure':<44} {'value':>12} {'baseline':>12} {'ratio':>7} {'limit':>10} met  target / baseline is"
    print(header)
    print("-" * len(header))
    for r in results:
        base = f"{r.baseline:.4g} {r.unit}" if r.baseline is not None else "–"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "–"
        limit = f"{r.limit:.4g}" if r.limit is not None else "–"
        met = {True: "yes", False: "NO", None: "–"}[r.met]
        print(f"{r.name:<44} {r.value:>9.4g} {r.unit:<2} {base:>12} {ratio:>7} {limit:>10} {met:<4} {r.target}; "
              f"{r.baseline_is}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
