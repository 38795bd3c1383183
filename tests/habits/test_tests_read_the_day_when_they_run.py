"""A test reads today's date when it runs, not when its module is imported: four modules
held `TODAY = datetime.now(UTC).date()`, read at collection, and a run that crossed midnight
UTC (collected at 23:56, run after 00:00) failed 23 tests, "two days ahead" being tomorrow
by then. A module-level statement that reads the clock is refused here."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CLOCK = {"now", "today", "utcnow", "utc_day"}


def reads_the_clock(node: ast.AST) -> bool:
    return any(
        isinstance(call, ast.Call)
        and (
            (isinstance(call.func, ast.Attribute) and call.func.attr in CLOCK)
            or (isinstance(call.func, ast.Name) and call.func.id in CLOCK)
        )
        for call in ast.walk(node)
    )


def clock_read_at_import(source: str) -> list[int]:
    """The lines of module-level statements that read it: outside functions and classes, or
    in a function's or a class's decorators (a `parametrize` list is made at import)."""
    found = []
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found += [d.lineno for d in statement.decorator_list if reads_the_clock(d)]
        elif reads_the_clock(statement):
            found.append(statement.lineno)
    return found


def test_the_check_sees_a_date_read_at_import():
    assert clock_read_at_import("from datetime import date\nTODAY = date.today()\n") == [2]
    assert clock_read_at_import("X = utc_day() + timedelta(days=1)\n") == [1]
    assert clock_read_at_import("def day():\n    return utc_day()\n") == []
    decorated = "@pytest.mark.parametrize('d', [date.today()])\ndef test(d):\n    pass\n"
    assert clock_read_at_import(decorated) == [1]


def test_no_test_module_reads_the_clock_at_import():
    found = [
        f"{path.relative_to(TESTS.parent)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in clock_read_at_import(path.read_text())
    ]
    assert found == []
