"""Start the servers a run measures, read what their kernels cost, and stop every process afterwards.

The ballot is served the way a forum evening serves it, whichever of these exists (`--server`):

    serve    `forum-toolkit serve SESSION --tablets N --port P` (the real command)
    config   `python -m forum_toolkit.serve.launch FILE`, FILE from forum_toolkit/serve/config.py
             (what `serve` runs inside: ForumVoila, warm pool, fill_delay, IPC, TCP_NODELAY)
    plain    `voila notebooks/ --preheat_kernel=True --pool_size=N` (when serve/ is missing)

The bare notebook is served by plain `voila bare.ipynb` with Voilà's defaults (a kernel per page).
Every server listens on 127.0.0.1 only. Each runs in a process group of its own; kernels run in
sessions of their own (jupyter_client), so every kernel process ever seen is remembered and, if
the server's own shutdown leaves one behind, killed by its pid.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from tablets.forum import BARE_DB_VARIABLE, Forum

KERNEL_FILE = re.compile(r"kernel-([0-9a-f-]{36})\.json")
PROBLEM = re.compile(r"\b(ERROR|CRITICAL)\b|Error\b|Exception\b|died|dead|Timeout|Traceback")
BIN = Path(sys.executable).parent


@dataclass
class Server:
    label: str  # what the report calls it: "forum-toolkit serve", "plain voila", ...
    process: subprocess.Popen
    port: int
    page_path: str
    log_path: Path
    seen: dict[int, psutil.Process] = field(default_factory=dict)  # every process ever found under it

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kernels(self) -> dict[str, psutil.Process]:
        """Kernel id -> process, for every kernel now running under this server."""
        found = {}
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return found
        for child in children:
            self.seen.setdefault(child.pid, child)
            try:
                match = KERNEL_FILE.search(" ".join(child.cmdline()))
            except psutil.Error:
                continue
            if match:
                found[match.group(1)] = child
        return found

    def cpu_seconds(self) -> float:
        """CPU time of the server and every process under it (kernels that already ended are not counted)."""
        return sum(self.cpu_split())

    def cpu_split(self) -> tuple[float, float]:
        """(server, kernels): CPU seconds of the Voilà process (and any helper above it), and of its kernels."""
        server = kernels = 0.0
        try:
            top = psutil.Process(self.process.pid)
            processes = [top, *top.children(recursive=True)]
        except psutil.NoSuchProcess:
            return server, kernels
        for process in processes:
            try:
                times = process.cpu_times()
                is_kernel = "ipykernel_launcher" in " ".join(process.cmdline())
            except psutil.Error:
                continue
            if is_kernel:
                kernels += times.user + times.system
            else:
                server += times.user + times.system
        return server, kernels

    def log_problems(self, limit: int = 5) -> list[str]:
        """The most frequent error lines of the server's log, ids and numbers blurred so that the
        same problem in many kernels counts once: "3 x ... Address already in use"."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        counts: dict[str, int] = {}
        for line in text.splitlines():
            if PROBLEM.search(line):
                key = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "#", line.strip())
                counts[key] = counts.get(key, 0) + 1
        return [f"{count} x {line}" for line, count in sorted(counts.items(), key=lambda item: -item[1])[:limit]]

    def wait_ready(self, kernels: int, timeout: float) -> None:
        """Wait until the server listens, runs `kernels` kernels (its warm pool) and has gone quiet
        (under 0.1 core-seconds in a second): a burst should meet a filled pool, not a filling one."""
        deadline = time.monotonic() + timeout
        before = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.label} exited with code {self.process.returncode}; see {self.log_path}")
            now = self.cpu_seconds()
            if _listening(self.port) and len(self.kernels()) >= kernels and before is not None and now - before < 0.1:
                return
            before = now
            time.sleep(1.0)
        raise RuntimeError(f"{self.label}: not ready with {kernels} kernels after {timeout:.0f} s; see {self.log_path}")

    def stop(self, timeout: float = 90.0) -> list[int]:
        """Stop the server (SIGTERM: Voilà shuts its kernels down), then kill what is left by pid.
        Returns the pids of processes (kernels, a Voilà child) that had to be killed."""
        self.kernels()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # its own group: the server and its helpers
                self.process.wait(10)
        leftovers = [process for process in self.seen.values() if _alive(process)]
        for process in leftovers:
            process.terminate()
        _, still = psutil.wait_procs(leftovers, timeout=5)
        for process in still:
            process.kill()
        return [process.pid for process in leftovers]


SERVE_MODULE = "import sys; from forum_toolkit.cli.serve import serve; serve(sys.argv[1:], prog_name='forum-toolkit serve')"


def serve_command() -> tuple[list[str], str]:
    """(command, note): how to run `forum-toolkit serve` here, or ([], why not).

    The console script when `serve` is registered in it; else the command's own module
    (forum_toolkit/cli/serve.py), which is the same code before it is registered."""
    candidates = [([str(BIN / "forum-toolkit"), "serve"], "`forum-toolkit serve`"),
                  ([sys.executable, "-c", SERVE_MODULE], "forum_toolkit/cli/serve.py (not registered in `forum-toolkit` yet)")]  # fmt: skip
    problems = []
    for command, note in candidates:
        try:
            done = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60)
        except OSError as error:
            problems.append(f"{note}: {error}")
            continue
        if done.returncode == 0:
            return command, note
        lines = (done.stderr or done.stdout).strip().splitlines()
        problems.append(f"{note}: {lines[-1] if lines else done.returncode}")
    return [], "; ".join(problems)


def start_ballot(forum: Forum, session_id: str, port: int, pool: int, how: str, name: str) -> Server:
    """The ballot server for one scenario: `how` is "serve", "config" or "plain" (module docstring)."""
    log_path = forum.workdir / f"server-ballot-{name}.log"
    env = {**os.environ, "FORUM_SESSION": session_id, "FORUM_DB_URL": forum.db_url}
    page = "/voila/render/ballot.ipynb?kiosk=1"
    if how == "serve":
        serve, label = serve_command()
        if not serve:
            raise RuntimeError(f"forum-toolkit serve does not work: {label}")
        command = [
            *serve, session_id, "--db", forum.db_url, "--port", str(port), "--tablets", str(pool),
            "--host", "127.0.0.1", "--notebooks", str(forum.notebooks_dir), "--data", str(forum.workdir / "data"),
        ]  # fmt: skip
        label = "forum-toolkit serve"
    elif how == "config":
        command = [sys.executable, "-m", "forum_toolkit.serve.launch", str(_write_serve_config(forum, session_id, port, pool, name))]
        label = "ForumVoila (serve/config.py)"
    elif how == "plain":
        command = [
            sys.executable, "-m", "voila", str(forum.notebooks_dir), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0", "--preheat_kernel=True", f"--pool_size={pool}", "--VoilaKernelManager.fill_delay=120",
            f"--Voila.connection_dir_root={_runtime_dir(forum, name)}",
        ]  # fmt: skip
        label = "voila, preheated pool"
    else:
        raise ValueError(f"unknown server {how!r}: expected serve, config or plain")
    return Server(label, _spawn(command, env, log_path), port, page, log_path)


def start_bare(forum: Forum, db_path: Path, port: int, name: str) -> Server:
    """Plain `voila bare.ipynb` with Voilà's defaults: a new kernel for every page, no pool."""
    log_path = forum.workdir / f"server-bare-{name}.log"
    command = [
        sys.executable, "-m", "voila", str(forum.bare_notebook), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0", f"--Voila.connection_dir_root={_runtime_dir(forum, 'bare-' + name)}",
    ]  # fmt: skip
    env = {**os.environ, BARE_DB_VARIABLE: str(db_path)}
    return Server("voila defaults", _spawn(command, env, log_path), port, "/", log_path)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def leftover_kernels(marker: str, known: dict[int, psutil.Process]) -> list[int]:
    """Pids of ipykernel_launcher processes still running that this run started: remembered ones, or
    any whose command line names the run's directory (`marker`)."""
    found = {process.pid for process in known.values() if _alive(process)}
    for process in psutil.process_iter(["pid", "cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or ())
        if "ipykernel_launcher" in cmdline and marker in cmdline:
            found.add(process.info["pid"])
    return sorted(found)


def _write_serve_config(forum: Forum, session_id: str, port: int, pool: int, name: str) -> Path:
    from forum_toolkit.serve.config import ServeSettings, voila_config
    from forum_toolkit.serve.runtime import ballot_stylesheets, ensure_cookie_secret, write_config

    runtime_dir = _runtime_dir(forum, name)
    settings = ServeSettings(
        session_id=session_id, db_url=forum.db_url, notebooks_dir=forum.notebooks_dir, runtime_dir=runtime_dir,
        cookie_secret_file=ensure_cookie_secret(forum.workdir / "data"), port=port, host="127.0.0.1", tablets=pool,
        stylesheets=ballot_stylesheets(),
    )  # fmt: skip
    return write_config(voila_config(settings), runtime_dir)


def _runtime_dir(forum: Forum, name: str) -> Path:
    """A private directory for connection files and IPC sockets: short (Unix socket paths), inside the run's."""
    path = forum.workdir / f"rt-{name}"
    path.mkdir(mode=0o700)
    return path


def _spawn(command: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    with open(log_path, "wb") as log:
        return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _listening(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
