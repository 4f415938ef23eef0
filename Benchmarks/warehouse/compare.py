"""Compares two abkit summary files (the collector's and the warehouse's): the same metrics,
slices, variants, counts and timeline days, and the largest relative difference of any sum.

Usage: python3 compare.py FILE.json WAREHOUSE.json   (exit 1 when the structure or a count differs)
"""
import json
import sys


def walk(a, b, path, worst):
    """Counts and keys must be equal; floats may differ by rounding (the worst is returned)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            raise SystemExit(f"{path}: keys {sorted(a)} vs {sorted(b)}")
        for key in a:
            worst = walk(a[key], b[key], f"{path}.{key}", worst)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            raise SystemExit(f"{path}: {len(a)} vs {len(b)} entries")
        for i, (x, y) in enumerate(zip(a, b)):
            worst = walk(x, y, f"{path}[{i}]", worst)
    elif isinstance(a, float) or isinstance(b, float):
        scale = max(abs(a), abs(b))
        worst = max(worst, abs(a - b) / scale if scale else 0.0)
    elif a != b:
        raise SystemExit(f"{path}: {a!r} vs {b!r}")
    return worst


def main():
    with open(sys.argv[1]) as f:
        collector = json.load(f)
    with open(sys.argv[2]) as f:
        warehouse = json.load(f)
    # The data block differs by design: lines read and rejects exist only for files.
    worst = 0.0
    for part in ("metrics", "timeline"):
        worst = walk(collector.get(part), warehouse.get(part), part, worst)
    metrics = len(collector["metrics"])
    days = len((collector.get("timeline") or {}).get("days", []))
    print(f"summaries agree: {metrics} metrics, {days} timeline days, largest relative difference {worst:.1e}")


if __name__ == "__main__":
    main()
