"""Run Python scripts as `python script.py` would, each in a process forked from one that has
already imported torch: the 2 s import is paid once, not once per script.

    with Forker() as forker:
        code, stdout, stderr = forker.run(Path("snippets/en/lessons/graph.py"))

The parent only imports torch, numpy and torch._dynamo (what `torch.optim` loads), and nothing
else runs in it, so a child starts as a fresh interpreter would, with torch already in
`sys.modules`: the script runs as `__main__`, in fresh globals, with its own directory first on
`sys.path`, from the repository's root, its output captured.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tools.pages import ROOT

SERVER = r"""
import json, os, runpy, sys, tempfile, traceback
import numpy, torch, torch._dynamo  # the imports every child shares
for request in sys.stdin:
    script = json.loads(request)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # the child: a fresh `python script.py`
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            sys.argv, sys.path[0] = [script], os.path.dirname(script)
            code = 0
            try:
                runpy.run_path(script, run_name="__main__")
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 1
            except BaseException:
                traceback.print_exc()
                code = 1
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        out.seek(0)
        err.seek(0)
        result = [os.waitstatus_to_exitcode(status), out.read().decode(), err.read().decode()]
    print(json.dumps(result), flush=True)
"""


class Forker:
    def __enter__(self) -> Forker:
        self.server = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        return self

    def run(self, script: Path) -> tuple[int, str, str]:
        """(exit code, stdout, stderr) of `python script`."""
        self.server.stdin.write(json.dumps(str(Path(script).resolve())) + "\n")
        self.server.stdin.flush()
        code, stdout, stderr = json.loads(self.server.stdout.readline())
        return code, stdout, stderr

    def __exit__(self, *exc) -> None:
        self.server.stdin.close()
        self.server.wait(timeout=60)
        self.server.stdout.close()
