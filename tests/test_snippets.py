"""Every snippet module runs on its own: `python snippets/lessons/<page>.py`."""

import subprocess
import sys

from tools.pages import ROOT

MODULES = sorted((ROOT / "snippets").rglob("*.py"))


def test_every_module_runs_standalone():
    # All at once: each pays the torch import, and the machine has more than one core.
    runs = {
        module: subprocess.Popen(
            [sys.executable, str(module)],
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for module in MODULES
    }
    assert len(runs) >= 6
    for module, process in runs.items():
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, f"{module} failed:\n{stderr}"
        # A lesson may show a warning on purpose; anything else on stderr is a problem.
        other = [line for line in stderr.splitlines() if line.strip() and "Warning: " not in line]
        assert not [line for line in other if not line.startswith(" ")], f"{module}:\n{stderr}"
        assert stdout.strip(), f"{module} printed nothing"
