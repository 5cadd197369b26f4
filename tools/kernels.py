"""Jupyter kernels that start in milliseconds: forked from a process that imported torch once.

A kernel spends about 2 s importing torch (3 s with the optimizer machinery) before it runs a
cell; the test suite starts one per notebook. `Zygote` is a process that has imported torch,
torch._dynamo and ipykernel and nothing else; each kernel is a fork of it that starts
ipykernel's own app on the connection file Jupyter gives it, exactly as `python -m
ipykernel_launcher -f <file>` would, with torch already in `sys.modules`.

    client = NotebookClient(notebook, kernel_manager_class=shared().kernel_manager_class)

`jupyter nbconvert --execute` (a reader's "Run all") starts a fresh kernel instead; the tests
run it too, on a committed notebook.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import select
import subprocess
import sys
import threading

from jupyter_client.manager import AsyncKernelManager

SERVER = r"""
import json, os, signal, sys
import numpy, torch, torch._dynamo  # what every kernel would import first
from ipykernel import kernelapp
signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped as they exit
for request in sys.stdin:
    connection_file, cwd = json.loads(request)
    pid = os.fork()
    if pid == 0:  # a kernel, as `python -m ipykernel_launcher -f <connection_file>`
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()  # its own process group, which Jupyter signals to interrupt or kill it
        os.chdir(cwd)
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        sys.argv = ["ipykernel_launcher", "-f", connection_file]
        try:
            kernelapp.launch_new_instance()
        finally:
            os._exit(0)
    print(pid, flush=True)
"""


class ForkedProcess:
    """What Jupyter's provisioner needs of a kernel process it did not start itself."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.fd = os.pidfd_open(pid)  # readable once the process has exited

    def poll(self) -> int | None:
        return 0 if select.select([self.fd], [], [], 0)[0] else None

    def wait(self, timeout: float | None = None) -> int:
        select.select([self.fd], [], [], timeout)
        os.close(self.fd)
        return 0

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(9)

    def terminate(self) -> None:
        self.send_signal(15)


class Zygote:
    def __enter__(self) -> Zygote:
        self.server = subprocess.Popen(
            [sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.lock = threading.Lock()  # kernels may be started from several threads
        zygote = self

        class ForkedKernelManager(AsyncKernelManager):
            async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
                connection_file = kernel_cmd[kernel_cmd.index("-f") + 1]
                pid = zygote.fork(connection_file, str(kw.get("cwd") or os.getcwd()))
                provisioner = self.provisioner
                provisioner.process = ForkedProcess(pid)
                provisioner.pid = provisioner.pgid = pid
                self._reconcile_connection_info(provisioner.connection_info)

        self.kernel_manager_class = ForkedKernelManager
        return self

    def fork(self, connection_file: str, cwd: str) -> int:
        with self.lock:
            self.server.stdin.write(json.dumps([connection_file, cwd]) + "\n")
            self.server.stdin.flush()
            return int(self.server.stdout.readline())

    def __exit__(self, *exc) -> None:
        self.server.stdin.close()
        self.server.wait(timeout=60)
        self.server.stdout.close()


@functools.cache
def shared() -> Zygote:
    """This process's zygote, started on first use (its imports take 3 s), stopped at exit."""
    zygote = Zygote().__enter__()
    atexit.register(zygote.__exit__)
    return zygote
