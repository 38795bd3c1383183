"""Functions small enough to hold in one's head and modules small enough to read in one
sitting (docs/architecture.md, "Folders"): no function or method of the project's packages
above cyclomatic complexity 20 (radon's grade C is the most allowed), no module over 400
lines. Migrations are generated and left out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("negotiations", "api", "board", "landing", "tracker", "bench")
MOST_COMPLEX = 20
MOST_LINES = 400

# Emptied: `describe` and `_detail` are registry lookups now. It must stay empty.
COMPLEX_FOR_NOW: set[str] = set()
# Emptied: every module is under 400 lines (issue 24). It must stay empty.
LONG_FOR_NOW: set[str] = set()


def modules() -> Iterator[Path]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def functions(path: Path) -> Iterator[tuple[str, int]]:
    """(name, complexity) of every function and method of a module (a closure counts in the
    function that holds it, as radon counts it)."""
    for block in cc_visit(path.read_text()):
        if isinstance(block, Class):
            yield from ((m.name, m.complexity) for m in block.methods)
        elif isinstance(block, Function):
            yield block.name, block.complexity


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_function_is_above_complexity_20():
    found = {
        f"{name(path)}:{function}": complexity
        for path in modules()
        for function, complexity in functions(path)
        if complexity > MOST_COMPLEX
    }
    too_complex = {k: v for k, v in found.items() if k not in COMPLEX_FOR_NOW}
    assert not too_complex, f"split these functions (radon cyclomatic complexity): {too_complex}"


def test_no_module_is_over_400_lines():
    found = {name(path): len(path.read_text().splitlines()) for path in modules()}
    too_long = {k: v for k, v in found.items() if v > MOST_LINES and k not in LONG_FOR_NOW}
    assert not too_long, f"split these modules (lines): {too_long}"


def test_the_allowances_name_what_exists():
    # An allowance outlives its reason silently once the module or function is gone.
    paths = {name(path): path for path in modules()}
    assert LONG_FOR_NOW <= set(paths)
    for allowed in COMPLEX_FOR_NOW:
        module, function = allowed.split(":")
        assert function in {f for f, _ in functions(paths[module])}, allowed
