"""Helpers for the serve tests (no tests here): a real `forum-toolkit serve` in a child process.

`ForumServer(directory, consultation_text)` prepares a store with an open session, a notebooks
folder with a tiny test ballot (a button that counts; the real ballot app is tested elsewhere) and
a console notebook, then runs the command on a free port. Its runtime files go to a short private
directory of their own, so that the test can find (and count) exactly this server's kernels.
"""

from __future__ import annotations

import http.client
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

SESSION = "forum-2026-11-25"

TEST_BALLOT = '''\
import os
import ipywidgets as widgets
from voila.utils import wait_for_request

wait_for_request()
print(f"session={os.environ.get('FORUM_SESSION')} query={os.environ.get('QUERY_STRING')}")
count = widgets.Label("0")
count.add_class("test-count")
plus = widgets.Button(description="+1")
plus.add_class("test-plus")
plus.on_click(lambda _: setattr(count, "value", str(int(count.value) + 1)))
widgets.VBox([plus, count])
'''

# How the test runs the command: through `forum-toolkit` once `serve` is registered there.
RUN_SERVE = """\
import sys
from forum_toolkit.cli import main
if "serve" in main.commands:
    main(["serve", *sys.argv[1:]])
else:
    from forum_toolkit.cli.serve import serve
    serve(sys.argv[1:])
"""


def require(what: str, reason: str) -> None:
    """Skip unless `what` (a module name, or a path to a program) is there; under CI=true, fail."""
    present = Path(what).exists() if what.startswith("/") else importlib.util.find_spec(what) is not None
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: nothing may be skipped)")
    pytest.skip(reason)


FACILITATOR_SECRET = "moderation-only-2026"  # what the test servers' console opens with


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_notebook(path: Path, code: str, title: str) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    notebook = new_notebook(cells=[new_markdown_cell(f"# {title}"), new_code_cell(code)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


class ForumServer:
    def __init__(self, directory: Path, consultation_text: str, tablets: int):
        from forum_toolkit.consultation.load import load_consultation_text
        from forum_toolkit.store import open_store

        self.directory = Path(directory)
        self.session_id = SESSION
        self.tablets = tablets
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.db_url = f"sqlite:///{self.directory / 'forum.sqlite3'}"
        with open_store(self.db_url) as store:
            consultation = load_consultation_text(consultation_text, source="test")
            store.create_session(consultation, consultation_text, SESSION, "Forum evening", date(2026, 11, 25))
            store.set_state(SESSION, "open")
        self.notebooks = self.directory / "notebooks"
        self.notebooks.mkdir()
        write_notebook(self.notebooks / "ballot.ipynb", TEST_BALLOT, "Test ballot")
        write_notebook(self.notebooks / "console.ipynb", 'print("console")', "Console")
        write_notebook(self.notebooks / "broken.ipynb", 'raise ValueError("the secret detail")', "Broken")
        self.qr_file = self.directory / "qr.png"
        self.runtime_root = Path(tempfile.mkdtemp(prefix="ftt-", dir="/tmp"))  # short: Unix sockets
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.process: subprocess.Popen | None = None

    @property
    def log(self) -> list[str]:
        return self.stderr

    def command(self) -> list[str]:
        return [
            sys.executable, "-c", RUN_SERVE, self.session_id, "--db", self.db_url, "--port", str(self.port),
            "--tablets", str(self.tablets), "--host", "127.0.0.1", "--notebooks", str(self.notebooks),
            "--qr", str(self.qr_file), "--data", str(self.directory / "data"),
            "--facilitator-secret", FACILITATOR_SECRET,
        ]

    def environment(self) -> dict:
        return {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime_root), "PYTHONUNBUFFERED": "1"}

    def start(self, timeout: float = 240) -> None:
        self.process = subprocess.Popen(
            self.command(), cwd=self.directory, env=self.environment(), text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.stdout), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.stderr), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        deadline = time.monotonic() + timeout
        while not any(line.startswith("phones:") for line in self.stdout):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                pytest.fail("forum-toolkit serve did not start:\n" + "\n".join(self.stdout + self.stderr))
            time.sleep(0.2)

    def run_to_end(self, timeout: float) -> tuple[int, str, str]:
        done = subprocess.run(self.command(), cwd=self.directory, env=self.environment(), text=True,
                              capture_output=True, timeout=timeout)
        return done.returncode, done.stdout, done.stderr

    @staticmethod
    def _read(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    def drain(self) -> None:
        for reader in self._readers:
            reader.join(timeout=10)

    def wait_for_log(self, text: str, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.stderr):
            if time.monotonic() > deadline:
                pytest.fail(f"no {text!r} in the server's log:\n" + "\n".join(self.stderr))
            time.sleep(0.2)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                follow: bool = True) -> tuple[int, str]:
        opener = urllib.request.build_opener(*([] if follow else [_NoRedirect()]))
        request = urllib.request.Request(self.origin + path, data=body, method=method, headers=headers or {})
        try:
            with opener.open(request, timeout=180) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def get(self, path: str, follow: bool = True) -> tuple[int, str]:
        return self.request("GET", path, follow=follow)

    def redirect_target(self, path: str) -> str | None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        location = connection.getresponse().getheader("Location")
        connection.close()
        return location

    def _pids_with(self, marker: str) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if str(self.runtime_root) in command and marker in command:
                pids.append(int(entry.name))
        return pids

    def kernel_pids(self) -> list[int]:
        """This server's kernels: their command lines name a connection file in its runtime directory."""
        return self._pids_with("ipykernel")

    def server_pids(self) -> list[int]:
        return self._pids_with("forum_toolkit.serve.launch")

    def decode_qr(self) -> str | None:
        if shutil.which("zbarimg") is None:
            return None
        done = subprocess.run(["zbarimg", "-q", "--raw", str(self.qr_file)], capture_output=True, text=True)
        return done.stdout.strip()

    def kill(self) -> None:
        """Teardown: Ctrl-C if still running, then make sure nothing of this server is left."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        for pid in self.server_pids() + self.kernel_pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.runtime_root, ignore_errors=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
