"""notebooks/frontline.ipynb runs top to bottom in a real Jupyter kernel (the venv's python)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.notebook

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "frontline.ipynb"


@pytest.fixture
def venv_kernel(tmp_path, monkeypatch):
    """A kernelspec that runs ipykernel with this interpreter (the repo venv), found via JUPYTER_PATH."""
    try:
        import ipykernel  # noqa: F401
        import nbclient  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"{exc}: run `.venv/bin/pip install -e '.[test]'` (or `bash scripts/setup.sh --test`)")
    kdir = tmp_path / "jupyter" / "kernels" / "frontline-venv"
    kdir.mkdir(parents=True)
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "frontline venv", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "frontline-venv"


def _text(cell) -> str:
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append(o.get("text", ""))
        elif "data" in o:
            out.append(o["data"].get("text/plain", ""))
    return "".join(out)


def test_notebook_runs_and_loads_layers(venv_kernel, tmp_path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    out = tmp_path / "output"
    monkeypatch.setenv("FRONTLINE_OUT", str(out))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, kernel_name=venv_kernel, timeout=300,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on any error

    text = "\n".join(_text(c) for c in nb.cells if c.cell_type == "code")
    assert f"output: {out}" in text
    assert "5 articles" in text and "2016-12-11" in text, "the notebook builds the real seeds"
    assert sys.prefix in text or "repository:" in text
    for name in ("events", "movements", "areas", "places"):
        fc = json.loads((out / "data" / f"{name}.geojson").read_text(encoding="utf-8"))
        m = re.search(rf"^{name}: (\d+) features, crs EPSG:4326$", text, re.M)
        assert m, f"no feature count printed for {name}"
        assert int(m.group(1)) == len(fc["features"]) > 0 or name == "movements"
    # the last cell displays an interactive Leaflet map
    last = nb.cells[-1]["outputs"][-1]["data"]
    assert "text/html" in last and "leaflet" in last["text/html"].lower()
    # the kernel really was the venv's interpreter
    assert all(o.get("output_type") != "error" for c in nb.cells for o in c.get("outputs", []))


def test_notebook_kernel_is_the_venv(venv_kernel):
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(venv_kernel)
    assert spec.argv[0] == sys.executable
