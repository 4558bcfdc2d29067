"""Every analysis notebook runs top to bottom on the demo data of a fresh install (nbclient), with
the store URL handed in through its parameters cell; the notebooks are committed without outputs."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parent.parent
NOTEBOOKS = ("participation", "results", "agenda", "town-report")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    from forum_toolkit.demo import seed_demo
    from forum_toolkit.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.sqlite3"
    seed_demo(open_store(url), ROOT / "surveys")
    return url


def with_parameters(notebook, **values):
    """The notebook with `values` set after its parameters cell (papermill's way)."""
    first = notebook.cells[0]
    assert "parameters" in first.metadata.get("tags", []), "the first cell must be the parameters cell"
    injected = nbformat.v4.new_code_cell("\n".join(f"{name} = {value!r}" for name, value in values.items()))
    notebook.cells.insert(1, injected)
    return notebook


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_notebook_is_committed_without_outputs(name):
    notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_notebook_runs_on_the_demo(name, demo_url, tmp_path):
    notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    values = {"store_url": demo_url}
    if name == "town-report":
        values["out_file"] = str(tmp_path / "town-report.html")
    NotebookClient(with_parameters(notebook, **values), timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    if name == "town-report":
        assert (tmp_path / "town-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
