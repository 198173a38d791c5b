#!/usr/bin/env python3
"""The goals of issue 13 ("Scale") against a run of bench/run.sh.

Usage: bench/goals.py RESULTS/rows.tsv [RESULTS/latency.tsv]

Prints a Markdown table: each goal, what was measured, and whether it is met. A goal
whose measurements are missing (a --quick run, no Hugo) says so.
"""

import re
import sys

US = "\x1f"


def load_rows(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split(US)
            name, tool, html, size, fresh, _, _, _, rss, _ = fields
            rows[(name, tool)] = {
                "html": int(html),
                "bytes": int(size),
                "fresh": float(fresh),
                "rss": int(rss) if rss else None,
            }
    return rows


def load_latency(path):
    medians = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                name, what, _, result = line.rstrip("\n").split(US)
                m = re.search(r"median ([0-9.]+) ms", result)
                if m:
                    medians[(name, what.split()[3])] = float(m.group(1))
    except FileNotFoundError:
        pass
    return medians


def main():
    rows = load_rows(sys.argv[1])
    latency = load_latency(sys.argv[2]) if len(sys.argv) > 2 else {}
    ours = "handbook --no-search"

    def get(name, tool, key):
        row = rows.get((name, tool))
        return None if row is None else row[key]

    def per_page(name, tool):
        row = rows.get((name, tool))
        return None if row is None else row["bytes"] / max(row["html"], 1)

    def ratio(a, b):
        return None if a is None or b is None else a / b

    big = "p10000-d1-s20"
    goals = [
        ("10,000 x 1, 500 sections of 20, no search: time", ratio(get(big, ours, "fresh"), get(big, "hugo", "fresh")), "x Hugo", "<=", 0.5),
        ("same: output bytes per page", ratio(per_page(big, ours), per_page(big, "hugo")), "x Hugo's", "<=", 2.0),
        ("same, search on: peak memory", get(big, "handbook, search on", "rss"), "MiB", "<", 600),
        ("2,000 pages in one folder: bytes per page", ratio(per_page("p2016-d1-s2000", ours), per_page(big, ours)), "x the 500-section case", "<=", 3.0),
        ("1,000 x 10 preview: save of a shared page, median", latency.get(("p1000-d10", "shared")), "ms", "<", 100),
        ("1,000 x 10 preview: save of a local page, median", latency.get(("p1000-d10", "division's")), "ms", "<", 50),
        ("1,000 x 10 fresh build, no search: time", ratio(get("p1000-d10", ours, "fresh"), get("p1000-d10", "hugo", "fresh")), "x Hugo", "<=", 0.4),
        ("same", ratio(get("p1000-d10", ours, "fresh"), get("p1000-d10", "cp -r of our output", "fresh")), "x `cp -r`", "<=", 1.3),
    ]
    # Issue 14: the example with its PDFs under 3 s; what the PDFs add per 100 pages of
    # the handbook (pages x divisions), reported without a target.
    example_pdf = rows.get(("example", "handbook, PDFs on"))
    goals.append(("example handbook with its PDFs: fresh build (issue 14)", example_pdf and example_pdf["fresh"], "s", "<", 3.0))
    for name in ["example", "p1000-d1"]:
        with_pdf = rows.get((name, "handbook, PDFs on"))
        without = rows.get((name, ours))
        if with_pdf and without:
            per_100 = (with_pdf["fresh"] - without["fresh"]) / max(with_pdf["html"], 1) * 100
            goals.append((f"{name}: time the PDFs add per 100 pages (issue 14)", per_100, "s", None, None))
    print("| goal (issue 13) | measured | target | met |")
    print("|---|---:|---:|---|")
    for what, value, unit, op, target in goals:
        if value is None:
            target_cell = "–" if op is None else f"{op} {target} {unit}"
            print(f"| {what} | not measured | {target_cell} | – |")
            continue
        shown = f"{value:.2f}" if value < 10 else f"{value:.0f}"
        if op is None:
            print(f"| {what} | {shown} {unit} | – | – |")
            continue
        met = value <= target if op == "<=" else value < target
        print(f"| {what} | {shown} {unit} | {op} {target} {unit} | {'yes' if met else 'NO'} |")


if __name__ == "__main__":
    main()
