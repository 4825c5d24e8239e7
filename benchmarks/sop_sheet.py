"""SOP sheet benchmark: time to print the longest shipped SOP template as a PDF.

Builds the template with the most steps (ties: most pelaksana) into memory, on A4 and F4, `--runs`
times each after one warm-up build (fonts registered, modules imported). Run:

    python benchmarks/sop_sheet.py [--runs 10]

Prints the median per paper. Target: under 1 s.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time

from sakip_desktop.documents.sop_sheet.sheet import build_sop_sheet
from sakip_desktop.sop.definition import load_templates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    templates = load_templates()
    if not templates:
        print("no SOP templates in resources/sops/", file=sys.stderr)
        return 1
    longest = max(templates, key=lambda d: (len(d.steps), len(d.actors)))
    print(f"template: {longest.code} ({len(longest.steps)} steps, {len(longest.actors)} pelaksana)")
    build_sop_sheet(longest, io.BytesIO())  # warm-up
    for paper in ("A4", "F4"):
        times, pages = [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            pages = build_sop_sheet(longest, io.BytesIO(), paper=paper)
            times.append(time.perf_counter() - start)
        print(
            f"{paper}: median {statistics.median(times) * 1000:.0f} ms over {args.runs} runs, {pages} pages "
            "(target: < 1000 ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
