"""The benchmark runner itself works (tiny numbers, nothing timed): ``python -m bench`` as a real
process, with its figures as JSON."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_bench_runs_and_reports_its_figures(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--contacts", "300", "--cheques", "3000", "--runs", "1", "--json", "--workdir",
         str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["contacts"] == 300 and set(report["benchmarks"]) >= {"demo-data", "startup", "phonebook-import", "phonebook-search", "phonebook-gui", "cheques-gui"}

    demo = report["benchmarks"]["demo-data"]
    assert demo["available"]
    figures = demo["figures"]
    assert figures["wall time"]["value"] > 0 and figures["wall time"]["unit"] == "s"
    assert figures["database size"]["value"] > 0 and figures["database size"]["unit"] == "MiB"
    assert figures["phones"]["value"] >= 300

    startup = report["benchmarks"]["startup"]["figures"]
    assert startup["bare window: median"]["value"] > 0
    assert report["benchmarks"]["startup"]["available"]
    assert startup["app: median"]["value"] > 0 and "ratio app / bare (medians)" in startup

    cheques = report["benchmarks"]["cheques-filters"]
    assert cheques["available"] and report["cheques"] == 3000
    assert cheques["figures"]["filter changes"]["value"] > 30 and 0 < cheques["figures"]["p95"]["value"]
    assert cheques["figures"]["p95"]["unit"] == "ms" and cheques["figures"]["demo-data wall time"]["value"] > 0

    gui = report["benchmarks"]["cheques-gui"]  # the real tab: every change shown right (else not available)
    assert gui["available"], gui["notes"]
    assert gui["figures"]["filter changes"]["value"] > 30 and gui["figures"]["checked"]["value"] > 30
    assert 0 < gui["figures"]["p95"]["value"] <= gui["figures"]["max"]["value"]
    assert gui["figures"]["peak memory"]["unit"] == "MiB"


def test_bench_statistics():
    sys.path.insert(0, str(ROOT))
    from bench.common import Figure, median, p95

    assert median([3, 1, 2]) == 2 and median([4, 1, 2, 3]) == 2.5 and median([]) is None
    assert p95([0.1, 0.5, 0.2, 0.3, 0.4]) == 0.5 and p95(list(range(1, 101))) == 95
    assert Figure("x", 0.12345, "s").shown() == "0.123 s" and Figure("y", 474.14, "MiB").shown() == "474.1 MiB"
    assert Figure("z", 1648124).shown() == "1,648,124"
