"""List functions in prongsai/ longer than the limit (tests and migrations excepted).

Usage: python scripts/check_function_length.py [--max 80] [paths...]
Exit status 1 when any function is longer than the limit.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def _skipped(path: Path) -> bool:
    parts = path.parts
    return "tests" in parts or "migrations" in parts or path.name.startswith("test_")


def long_functions(root: Path, limit: int) -> list[tuple[int, str]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if _skipped(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > limit:
                    found.append((length, f"{path}:{node.lineno} {node.name}"))
    return sorted(found, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max", type=int, default=80)
    parser.add_argument("paths", nargs="*", default=["prongsai"])
    args = parser.parse_args(argv)
    found = [f for p in args.paths for f in long_functions(Path(p), args.max)]
    for length, where in found:
        print(f"{length:4d}  {where}")
    print(f"{len(found)} function(s) over {args.max} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
