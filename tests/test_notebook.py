"""The quick-start notebook runs top to bottom and draws its plots (so it cannot rot)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quickstart_notebook_runs_and_draws_plots():
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install '.[dev]')")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install '.[dev]')")
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install '.[dev]')")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install '.[dev]')")
    nb = nbformat.read(ROOT / "notebooks" / "01_quickstart.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert len(images) >= 3
