"""A test reads today's date when it runs, not when its module is imported: four modules
held `TODAY = datetime.now(UTC).date()`, read at collection, and a run that crossed midnight
UTC (collected at 23:56, run after 00:00) failed 23 tests, "two days ahead" being tomorrow
by then. A module-level statement that reads the clock is refused here."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CLOCK = {"now", "today", "utcnow", "utc_day", "localdate", "localtime"}


def is_a_clock(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in CLOCK
    if not isinstance(func, ast.Attribute):
        return False
    # `time.time()`, not `time(0, 30)` (a time of day made, no clock read)
    on_time = isinstance(func.value, ast.Name) and func.value.id == "time"
    return func.attr in CLOCK or (func.attr == "time" and on_time)


def reads_the_clock(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and is_a_clock(n.func) for n in ast.walk(node))


def made_at_import(body: list[ast.stmt]) -> list[ast.AST]:
    """What a module's (or a class's) body evaluates as it is read: its statements, but a
    function's or a class's body only for their decorators and a function's defaults."""
    made: list[ast.AST] = []
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            made += [*statement.decorator_list, *statement.args.defaults]
            made += [d for d in statement.args.kw_defaults if d is not None]
        elif isinstance(statement, ast.ClassDef):
            made += [*statement.decorator_list, *made_at_import(statement.body)]
        else:
            made.append(statement)
    return made


def clock_read_at_import(source: str) -> list[int]:
    """The lines of what reads the clock as a module is imported: a module-level statement, a
    decorator (a `parametrize` list), a default argument or a class attribute."""
    return sorted(
        getattr(node, "lineno", 0)
        for node in made_at_import(ast.parse(source).body)
        if reads_the_clock(node)
    )


def test_the_check_sees_a_date_read_at_import():
    assert clock_read_at_import("from datetime import date\nTODAY = date.today()\n") == [2]
    assert clock_read_at_import("X = utc_day() + timedelta(days=1)\n") == [1]
    assert clock_read_at_import("def day():\n    return utc_day()\n") == []
    decorated = "@pytest.mark.parametrize('d', [date.today()])\ndef test(d):\n    pass\n"
    assert clock_read_at_import(decorated) == [1]
    assert clock_read_at_import("def f(at=time.time()):\n    pass\n") == [1]
    assert clock_read_at_import("class A:\n    DAY = timezone.localdate()\n") == [2]
    assert clock_read_at_import("T = time(0, 30)\n") == []


def test_no_test_module_reads_the_clock_at_import():
    found = [
        f"{path.relative_to(TESTS.parent)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in clock_read_at_import(path.read_text())
    ]
    assert found == []
