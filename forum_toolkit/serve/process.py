"""Voilà in a child process: started from a configuration, stopped with one signal, waited for.

Why a child process and not `Voila.launch_instance()` in the CLI's own: Voilà installs signal
handlers, runs tornado's loop to the end and keeps class-level state; in a process of its own, a
stop is exactly one SIGTERM (Voilà then shuts every kernel down and removes its connection files),
and tests can start and stop real servers as often as they like.

The child runs in a session of its own: Ctrl-C in the terminal reaches only `forum-toolkit serve`,
which then sends one SIGTERM. Two signals (the terminal's and ours) could interrupt Voilà's own
shutdown half-way and leave kernels behind.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from forum_toolkit.serve.network import wait_until_listening

STOP_TIMEOUT = 30.0  # seconds for Voilà to shut its kernels down before it is killed


class VoilaProcess:
    """One `python -m forum_toolkit.serve.launch CONFIG` child process."""

    def __init__(self, config_file: Path, stderr=None):
        self.config_file = Path(config_file)
        self.stderr = stderr  # None: the terminal's, where Voilà's log belongs
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "forum_toolkit.serve.launch", str(self.config_file)],
            stdin=subprocess.DEVNULL,
            stderr=self.stderr,
            start_new_session=True,
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_until_listening(self, port: int, host: str = "127.0.0.1", timeout: float = 120.0) -> bool:
        """True once Voilà accepts connections; False if it exited first or the timeout passed."""
        deadline = time.monotonic() + timeout
        return wait_until_listening(port, host, deadline, still_starting=lambda: self.running)

    def wait(self) -> int:
        return self.process.wait()

    def stop(self, timeout: float = STOP_TIMEOUT) -> int | None:
        """SIGTERM, wait for Voilà's clean shutdown, SIGKILL only if it hangs. Returns the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                # Its kernels notice that their parent is gone and exit by themselves (ipykernel's
                # parent poller: jupyter_client starts each kernel with JPY_PARENT_PID).
                self.process.kill()
                self.process.wait()
        return self.process.returncode
