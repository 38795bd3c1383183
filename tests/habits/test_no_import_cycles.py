"""No module imports, through any chain of imports, a module that imports it back: every
import counts, at the top, inside a function or under TYPE_CHECKING (grimp, which
import-linter is built on, reads them all). A cycle means two modules are one thing, or that
one of them reaches a layer it should be handed (write/runtime.py takes its hooks as
parameters; tracker/bootstrap.py wires them)."""

import grimp

PACKAGES = ("negotiations", "api", "board", "landing", "tracker")


def import_cycles(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    """Each import `a -> b` of a cycle: `b` leads back to `a` by some chain of imports."""
    return sorted(
        (a, b)
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if a == b or graph.chain_exists(importer=b, imported=a)
    )


def test_the_project_has_no_import_cycle():
    graph = grimp.build_graph(*PACKAGES)
    assert import_cycles(graph) == []


def test_a_cycle_is_found():
    """The check itself: two modules importing each other, through a third, are reported."""
    graph = grimp.ImportGraph()
    for module in ("app", "app.a", "app.b", "app.c", "app.d"):
        graph.add_module(module)
    graph.add_import(importer="app.a", imported="app.b")
    graph.add_import(importer="app.b", imported="app.c")
    graph.add_import(importer="app.c", imported="app.a")
    graph.add_import(importer="app.c", imported="app.d")
    assert import_cycles(graph) == [("app.a", "app.b"), ("app.b", "app.c"), ("app.c", "app.a")]
