"""Layer rules that import-linter cannot see (STYLE.md rule 0). import-linter reads every
import, even one inside a function, so a layer break can still hide there; and a
function-level import of our own code is how a cycle is dodged instead of moving the code
to the layer where it belongs. So an app module imports our own modules at its top."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("sakip", "renstra", "anggaran", "kinerja", "laporan", "evaluasi")
NESTING = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _is_first_party(node):
    if isinstance(node, ast.ImportFrom):
        if node.level:  # `from . import x` stays inside the app
            return True
        names = [node.module or ""]
    else:
        names = [alias.name for alias in node.names]
    return any(name.split(".")[0] in APPS for name in names)


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _nested_imports(node, nested=False):
    if isinstance(node, ast.Import | ast.ImportFrom):
        if nested and _is_first_party(node):
            yield node
        return
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        # Imports for annotations only never run, so they cannot hide a cycle.
        children = node.orelse
    else:
        children = ast.iter_child_nodes(node)
    nested = nested or isinstance(node, NESTING)
    for child in children:
        yield from _nested_imports(child, nested)


def nested_first_party_imports(source):
    """(line, statement) of every import of a first-party module that is not at module
    level: inside a function, method, lambda or class body. `if TYPE_CHECKING:` blocks
    are allowed, and so are other libraries imported late (e.g. a heavy PDF engine)."""
    return [(node.lineno, ast.unparse(node)) for node in _nested_imports(ast.parse(source))]


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" not in parts and "tests" not in parts:
                yield path


def test_the_check_finds_an_app_import_inside_a_function_a_method_and_a_class_body():
    source = (
        "import os\n"
        "from kinerja.models import Realisasi\n"
        "def f():\n"
        "    from laporan import selectors\n"
        "class View:\n"
        "    from sakip import access\n"
        "    def get(self):\n"
        "        import renstra.models\n"
    )
    assert nested_first_party_imports(source) == [
        (4, "from laporan import selectors"),
        (6, "from sakip import access"),
        (8, "import renstra.models"),
    ]


def test_the_check_counts_a_relative_import_inside_a_function_as_first_party():
    source = "def ready(self):\n    from . import signals\n"
    assert nested_first_party_imports(source) == [(2, "from . import signals")]


def test_the_check_allows_other_libraries_imported_inside_a_function():
    source = (
        "def pdf(html):\n"
        "    from weasyprint import HTML\n"
        "    import json\n"
        "    import sakipan\n"  # a name that only starts like ours
        "    return HTML(string=html)\n"
    )
    assert nested_first_party_imports(source) == []


def test_the_check_allows_imports_under_type_checking_and_module_level_blocks():
    source = (
        "from typing import TYPE_CHECKING\n"
        "import typing\n"
        "if TYPE_CHECKING:\n"
        "    from laporan.models import DokumenTerbit\n"
        "if typing.TYPE_CHECKING:\n"
        "    from kinerja.models import Realisasi\n"
        "try:\n"
        "    from renstra import models\n"
        "except ImportError:\n"
        "    models = None\n"
        "def f(dokumen: 'DokumenTerbit'):\n"
        "    if TYPE_CHECKING:\n"
        "        from anggaran.models import Pagu\n"
    )
    assert nested_first_party_imports(source) == []


def test_the_check_still_sees_the_else_branch_of_type_checking_inside_a_function():
    source = (
        "def f():\n"
        "    if TYPE_CHECKING:\n"
        "        from anggaran.models import Pagu\n"
        "    else:\n"
        "        from anggaran import models\n"
    )
    assert nested_first_party_imports(source) == [(5, "from anggaran import models")]


def test_the_scan_reads_the_app_modules_but_not_migrations_or_tests():
    scanned = {path.relative_to(ROOT).as_posix() for path in app_modules()}
    assert {"sakip/settings.py", "renstra/models/rencana.py", "kinerja/services.py"} <= scanned
    assert not any("/migrations/" in path or "/tests/" in path for path in scanned)


def test_no_app_module_imports_our_own_code_inside_a_function():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {statement}"
        for path in app_modules()
        for line, statement in nested_first_party_imports(path.read_text(encoding="utf-8"))
    ]
    assert not found, "impor di dalam fungsi (pindahkan ke atas modul):\n" + "\n".join(found)


# "No application module over about 600 lines": a module that outgrows one topic becomes a
# package (STYLE rule 1). The margin over 600 keeps a small addition from failing CI.
BARIS_MAKSIMUM = 650


def test_no_app_module_outgrows_one_topic():
    besar = [
        f"{path.relative_to(ROOT)}: {n} baris"
        for path in app_modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > BARIS_MAKSIMUM
    ]
    assert not besar, "modul terlalu besar (pecah per topik):\n" + "\n".join(besar)
