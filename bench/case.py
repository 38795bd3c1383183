"""Run one step of one case in this interpreter and print its result as JSON (last line).

python -m bench.case b3_rebuild rebuild --backend sqlite --db b3 --params '{...}'
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("case")
    parser.add_argument("step")
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--db", default="bench")
    parser.add_argument("--params", default="{}")
    args = parser.parse_args(argv)
    from bench import harness

    harness.setup(args.backend, args.db)
    module = importlib.import_module(f"bench.cases.{args.case}")
    result = module.step(args.step, json.loads(args.params))
    sys.stdout.write("\n" + json.dumps(result, default=str) + "\n")


if __name__ == "__main__":
    main()
