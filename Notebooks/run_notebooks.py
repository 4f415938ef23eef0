#!/usr/bin/env python3
"""Check and execute the notebooks in this folder.

    python3 Notebooks/run_notebooks.py --check-outputs   # stdlib only: committed notebooks carry no outputs
    python3 Notebooks/run_notebooks.py --clear-outputs   # strip outputs and execution counts in place
    python  Notebooks/run_notebooks.py --execute OUTDIR  # run each notebook from a clean kernel (needs nbclient)

`--execute` runs every notebook top to bottom in a fresh kernel with nbclient, writes the executed
copies to OUTDIR (never into the repository) and exits 1 when any cell raises, a cross-check
`assert` included. Notebooks/run_notebooks.sh sets up the environment and calls both.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def notebooks(names: list[str]) -> list[Path]:
    paths = [HERE / n if not Path(n).is_absolute() else Path(n) for n in names] or sorted(HERE.glob("*.ipynb"))
    if not paths:
        sys.exit(f"no notebooks in {HERE}")
    return paths


def check_outputs(paths: list[Path]) -> int:
    """Fails when a committed notebook has outputs or execution counts: diffs stay readable."""
    problems = []
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") != "code":
                continue
            if cell.get("outputs"):
                problems.append(f"{path.name}: cell {index} has outputs")
            if cell.get("execution_count") is not None:
                problems.append(f"{path.name}: cell {index} has an execution count")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print("Clear them before committing: python3 Notebooks/run_notebooks.py --clear-outputs "
              "(or Jupyter's Edit → Clear Outputs of All Cells).", file=sys.stderr)
        return 1
    print(f"outputs: {len(paths)} notebooks carry no outputs")
    return 0


def clear_outputs(paths: list[Path]) -> int:
    """Strips outputs and execution counts in place, written as nbformat writes notebooks."""
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code":
                cell["outputs"], cell["execution_count"] = [], None
                cell.get("metadata", {}).pop("execution", None)  # nbclient's timings
        path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"cleared {path.name}")
    return 0


def execute(paths: list[Path], outdir: Path, kernel: str, timeout: int) -> int:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    outdir.mkdir(parents=True, exist_ok=True)
    failed, passed = [], 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name=kernel, timeout=timeout,
                                resources={"metadata": {"path": str(HERE)}})
        start = time.monotonic()
        error = None
        try:
            client.execute()
        except CellExecutionError as e:
            error = str(e)
        except Exception as e:  # a dead kernel or a timeout
            error = f"{type(e).__name__}: {e}"
        seconds = time.monotonic() - start
        target = outdir / path.name
        nbformat.write(nb, target)
        if error:
            failed.append(path.name)
            print(f"FAIL {path.name} ({seconds:.1f} s): executed copy in {target}\n{error}", file=sys.stderr)
        else:
            passed += 1
            print(f"ok   {path.name} ({seconds:.1f} s)")
    print(f"notebooks: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-outputs", action="store_true", help="fail if a notebook carries outputs")
    parser.add_argument("--clear-outputs", action="store_true", help="strip outputs in place")
    parser.add_argument("--execute", metavar="OUTDIR", type=Path, help="execute the notebooks, writing copies to OUTDIR")
    parser.add_argument("--kernel", default="python3", help="kernel name (default python3)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: all in Notebooks/)")
    args = parser.parse_args()
    if not (args.check_outputs or args.clear_outputs or args.execute):
        parser.error("give --check-outputs, --clear-outputs or --execute OUTDIR")
    paths = notebooks(args.notebooks)
    status = 0
    if args.clear_outputs:
        status |= clear_outputs(paths)
    if args.check_outputs:
        status |= check_outputs(paths)
    if args.execute:
        status |= execute(paths, args.execute, args.kernel, args.timeout)
    return status


if __name__ == "__main__":
    sys.exit(main())
