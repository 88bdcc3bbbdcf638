"""notebooks/frontline.ipynb runs top to bottom in a real Jupyter kernel (the venv's python)."""
from __future__ import annotations

import json
import os
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


def _repo_snapshot(root: Path) -> dict[str, float]:
    """mtime of every file of the repository outside .venv / .git / caches (what a notebook could touch)."""
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", "node_modules", ".ipynb_checkpoints"}
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in skip]
        for f in filenames:
            p = os.path.join(dirpath, f)
            try:
                out[p] = os.stat(p).st_mtime
            except OSError:
                pass
    return out


def test_notebook_runs_and_loads_layers(venv_kernel, tmp_path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    root = NOTEBOOK.parents[1]
    monkeypatch.delenv("FRONTLINE_OUT", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))            # where the notebook's temp output goes
    before = _repo_snapshot(root)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, kernel_name=venv_kernel, timeout=300,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on any error

    text = "\n".join(_text(c) for c in nb.cells if c.cell_type == "code")
    assert "5 articles" in text and "2016-12-11" in text, "the notebook builds the real seeds"
    assert sys.prefix in text or "repository:" in text
    m = re.search(r"^output: (.+)$", text, re.M)
    assert m and Path(m.group(1)).resolve().is_relative_to(tmp_path.resolve()), "writes only into a temp folder"
    out = Path(m.group(1))
    for name in ("events", "movements", "areas", "places"):
        m = re.search(rf"^{name}: (\d+) features, crs EPSG:4326$", text, re.M)
        assert m, f"no feature count printed for {name}"
        assert int(m.group(1)) > 0 or name == "movements"
    # datetime64 dates (the API contract)
    assert "'date': 'datetime64" in text and "'published': 'datetime64" in text
    # Layers.write wrote the files (events split into dated + undated for QGIS) and the CSV tables
    fc = json.loads((out / "data" / "events.geojson").read_text(encoding="utf-8"))
    und = json.loads((out / "data" / "events_undated.geojson").read_text(encoding="utf-8"))
    n_events = int(re.search(r"^events: (\d+) features", text, re.M).group(1))
    assert len(fc["features"]) + len(und["features"]) == n_events
    assert (out / "data" / "events_acled.csv").exists() and (out / "data" / "events_ucdp.csv").exists()
    # the date control: an ipywidgets drop-down that redraws the map for the picked date
    import ipywidgets  # noqa: F401  (installed by scripts/setup.sh)
    widget_cells = [o for c in nb.cells for o in c.get("outputs", [])
                    if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert widget_cells, "no date widget displayed"
    m = re.search(r"^picked: \{'date': '2016-12-11', 'events': (\d+)\}$", text, re.M)
    assert m, "picking a date in the drop-down redraws the map"
    on_day = [f for f in fc["features"] if f["properties"]["date_start"] <= "2016-12-11" <= f["properties"]["date_end"]]
    assert int(m.group(1)) == len(on_day) > 0
    # the last cell displays the offline-capable Leaflet map with its own date drop-down
    import html

    last = html.unescape(nb.cells[-1]["outputs"][-1]["data"]["text/html"])   # the iframe's srcdoc
    assert "leaflet" in last.lower() and "frontline-date" in last
    assert 'value="2016-12-11"' in last
    assert "cdn.jsdelivr.net/npm/leaflet" not in last, "Leaflet inlined: the map works without a network"
    assert all(o.get("output_type") != "error" for c in nb.cells for o in c.get("outputs", []))
    # nothing in the repository was written
    after = _repo_snapshot(root)
    changed = sorted(p for p in after if p not in before or after[p] != before[p])
    changed = [p for p in changed if not p.endswith((".pyc",)) and "/tests/" not in p and "/mapper/" not in p
               and "/gazetteer/" not in p and "/docs/" not in p]   # other developers edit these meanwhile
    assert not [p for p in changed if "/notebooks/" in p or "/output/" in p or "/seeds/" in p], changed


def test_notebook_kernel_is_the_venv(venv_kernel):
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(venv_kernel)
    assert spec.argv[0] == sys.executable
