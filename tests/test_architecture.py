"""The shape of the package, read from its imports (see ../shared/DESIGN.md, "The shape").

The pure core never reaches for I/O, widgets or analysis; the ballot side (what a tablet's kernel
imports) never imports pandas or matplotlib, which would cost every kernel ~70 MB and a second.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "forum_toolkit"

CORE = ("consultation", "voting", "agenda", "privacy")
NOT_IN_CORE = ("store", "widgets", "apps", "serve", "analysis", "export", "cli")
BALLOT_SIDE = ("consultation", "store", "widgets", "i18n", "voting", "agenda", "privacy")
HEAVY = ("pandas", "matplotlib", "forum_toolkit.analysis", "forum_toolkit.export")


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_in(subpackage: str) -> list[Path]:
    return sorted((PACKAGE / subpackage).rglob("*.py"))


@pytest.mark.parametrize("subpackage", CORE)
def test_the_core_imports_no_io_widgets_or_analysis(subpackage):
    for path in modules_in(subpackage):
        for name in imports_of(path):
            for forbidden in NOT_IN_CORE:
                assert not name.startswith(f"forum_toolkit.{forbidden}"), f"{path} imports {name}"
            for io_library in ("sqlalchemy", "ipywidgets", "voila", "pandas", "matplotlib"):
                assert not name.startswith(io_library), f"{path} imports {name}"


@pytest.mark.parametrize("subpackage", BALLOT_SIDE)
def test_the_ballot_side_never_imports_pandas_or_matplotlib(subpackage):
    for path in modules_in(subpackage):
        for name in imports_of(path):
            assert not name.startswith(HEAVY), f"{path} imports {name}"
