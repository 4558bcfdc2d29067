"""The Voilà configuration of a forum evening, as plain data: this module is the security statement.

`voila_config(settings)` returns a traitlets configuration as nested dicts, the same shape as a
`voila.json` file ({"Voila": {...}, "VoilaConfiguration": {...}, ...}). It is pure: no files, no
clock, no network. `forum-toolkit serve` writes it to a private file and starts
`python -m forum_toolkit.serve.launch FILE`, which loads it into `ForumVoila` (serve/app.py).
Every setting is here with the reason for it; tests/test_serve_config.py asserts each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from forum_toolkit.errors import ForumToolkitError

BALLOT_NOTEBOOK = "ballot.ipynb"
CONSOLE_NOTEBOOK = "console.ipynb"  # the facilitator's: only with the facilitator secret
PROJECTOR_NOTEBOOK = "projector.ipynb"
TEMPLATE = "forum-kiosk"
# Kernels find the session and the store through these (forum_toolkit.apps.ballot reads them).
SESSION_VARIABLE = "FORUM_SESSION"
DB_URL_VARIABLE = "FORUM_DB_URL"
# A kiosk tablet's thank-you screen lasts this long before the start screen returns. Set by the
# operator only: a participant's link (?reset=...) must not keep the previous answers on screen.
RESET_SECONDS_VARIABLE = "FORUM_RESET_SECONDS"
# The console's kernel checks its link's secret against this hash (serve/facilitator.py).
FACILITATOR_SECRET_HASH_VARIABLE = "FORUM_FACILITATOR_SECRET_SHA256"
# The projector shows this address (and its QR code) for phones when the facilitator asks.
PHONE_URL_VARIABLE = "FORUM_PHONE_URL"
KIOSK_RESET_SECONDS = 8
MAX_RESET_SECONDS = 600
# Connection files and IPC sockets live in the runtime directory. A Unix socket path has at most
# 107 bytes; Voilà adds about 66 (voila_XXXXXXXX/kernel-<uuid>-ipc-N), so the directory must be short.
MAX_RUNTIME_DIR = 40
LOCAL_HOSTS = ("", "0.0.0.0", "::", "localhost", "127.0.0.1", "::1")


class ServeConfigError(ForumToolkitError):
    """The forum's serving settings cannot make a safe Voilà configuration."""


@dataclass(frozen=True)
class ServeSettings:
    """What an operator decides about one forum evening's server (paths must be absolute)."""

    session_id: str
    db_url: str  # absolute: kernels run in the notebooks directory, not where `serve` was started
    notebooks_dir: Path
    runtime_dir: Path  # private (0700) and short: config, connection files, IPC sockets
    cookie_secret_file: Path  # under data/, mode 0600 (serve/runtime.py creates it)
    port: int = 8866
    host: str = "0.0.0.0"
    tablets: int = 60  # warm kernels kept ready for the ballot: one per shared tablet
    base_url: str = "/"
    cull_idle_timeout: int = 20 * 60  # seconds without any message from a page that is gone
    cull_interval: int = 60
    fill_delay: float = 120.0  # seconds before a used warm kernel is replaced
    stylesheets: tuple[Path, ...] = field(default=())  # inlined into every page (ballot.css)
    reset_seconds: int = KIOSK_RESET_SECONDS  # thank-you screen of a kiosk tablet, then the start screen
    facilitator_secret_sha256: str = ""  # the console opens only with the secret of this hash; "": never
    phone_url: str = ""  # the ballot's address for phones, as printed (the projector's QR code)


def voila_config(settings: ServeSettings) -> dict:
    """The complete configuration for `ForumVoila`, checked: raises ServeConfigError when unsafe."""
    _check(settings)
    return {
        "Voila": {
            # A fixed address that is printed on the wall as a QR code: never move silently to
            # another port when this one is taken (Voilà tries 50 others by default).
            "ip": settings.host,
            "port": settings.port,
            "port_retries": 0,
            "base_url": settings.base_url,
            "root_dir": str(settings.notebooks_dir),
            "open_browser": False,
            # Only this configuration counts: no voila.json/voila.py from the working directory
            # or ~/.jupyter can loosen it.
            "config_file_paths": [],
            # Connection files hold each kernel's signing key: keep them (and the IPC sockets) in
            # a directory that only this user can read, not in the shared /tmp.
            "connection_dir_root": str(settings.runtime_dir),
            # Closing a tab sends a shutdown beacon (POST voila/api/shutdown/<kernel>) whose _xsrf
            # field is empty: jupyter_server refuses it with 403 and every closed tab leaks a kernel
            # (voila #1458). Trade-off: without the XSRF check, a page that knows a kernel id can
            # shut that kernel down (also DELETE /api/kernels/<id>), including from another origin.
            # Kernel ids are random UUIDs that appear only in their own voter's page, and Voilà
            # offers no list of kernels, so a stranger cannot name one.
            "tornado_settings": {"disable_check_xsrf": True},
        },
        "VoilaConfiguration": {
            "template": TEMPLATE,
            "theme": "light",
            # ?template=... and ?theme=... (and notebook metadata) must not change the page.
            "allow_template_override": "NO",
            "allow_theme_override": "NO",
            # A participant never sees a traceback or a line of code.
            "show_tracebacks": False,
            "strip_sources": True,
            "preheat_kernel": True,
            "default_pool_size": 0,
            "progressive_rendering": False,  # incompatible with preheated kernels
        },
        "VoilaKernelManager": {
            # Warm kernels for the ballot only: a burst of tablets opening at once is served from
            # the pool (1.3 s p95 for 50 tablets instead of 15 s). The facilitator's console and
            # the projector get no pool: they are opened once and must not hold memory in advance.
            "kernel_pools_config": {
                BALLOT_NOTEBOOK: {"pool_size": settings.tablets},
                "default": {"pool_size": 0},
            },
            # Every notebook except the ballot. Voilà matches these expressions against each
            # notebook's absolute path (re.match) when it fills the pools at start.
            "preheat_denylist": [preheat_denylist_pattern(settings.notebooks_dir)],
            # Refilling the pool at once competes with the pages being served (13.3 s p95 with
            # the default 1 s, 1.3 s with 120 s). ForumVoila starts a waiting refill at once when
            # a page arrives and no warm kernel is left, so a late page never waits for this timer.
            "fill_delay": float(settings.fill_delay),
        },
        "MappingKernelManager": {
            # A kernel whose page is gone (iOS sends no shutdown beacon, a phone's battery died)
            # is shut down after this much silence. A page that is still connected is never culled,
            # however idle: culling it would lose its answers while it still looks alive.
            "cull_idle_timeout": settings.cull_idle_timeout,
            "cull_interval": settings.cull_interval,
            "cull_connected": False,
            "cull_busy": False,
            # Messages for a page that is briefly disconnected are kept and replayed on reconnect.
            "buffer_offline_messages": True,
        },
        "KernelManager": {
            # Unix sockets instead of TCP ports: no port race when many kernels start at once (a
            # kernel died 3 times in ~1,550 starts over TCP), faster, and unreachable for other
            # users of the machine (the sockets live in the private runtime directory).
            "transport": "ipc",
        },
        "ForumVoila": {
            "cookie_secret_file": str(settings.cookie_secret_file),
            "kernel_env": kernel_environment(settings),
            # Small websocket frames (a tap, its confirmation) are sent at once instead of waiting
            # for a delayed ACK: a vote's round trip 45 ms -> 16 ms.
            "tcp_nodelay": True,
            # "/" redirects to the ballot instead of listing the notebooks (console, projector).
            "home_notebook": BALLOT_NOTEBOOK,
            "stylesheets": [str(path) for path in settings.stylesheets],
            # The console's page is refused before a kernel starts unless its link carries the
            # facilitator secret (the console's kernel checks again). Only the hash is configured.
            "protected_notebooks": {CONSOLE_NOTEBOOK: settings.facilitator_secret_sha256},
        },
    }


def preheat_denylist_pattern(notebooks_dir: Path) -> str:
    """A regular expression that matches every notebook path except notebooks_dir/ballot.ipynb."""
    return rf"^(?!{re.escape(str(Path(notebooks_dir) / BALLOT_NOTEBOOK))}$)"


def kernel_environment(settings: ServeSettings) -> dict[str, str]:
    """What every kernel is told: the session to run, the store, the kiosk's reset countdown, and
    where Voilà listens."""
    # A preheated kernel asks ws://VOILA_APP_IP:port/voila/query for its page's query string
    # (voila.utils.wait_for_request); the default 127.0.0.1 fails when Voilà listens on one LAN
    # address only.
    app_ip = "127.0.0.1" if settings.host in LOCAL_HOSTS else settings.host
    return {
        SESSION_VARIABLE: settings.session_id,
        DB_URL_VARIABLE: settings.db_url,
        RESET_SECONDS_VARIABLE: str(settings.reset_seconds),
        FACILITATOR_SECRET_HASH_VARIABLE: settings.facilitator_secret_sha256,
        PHONE_URL_VARIABLE: settings.phone_url,
        "VOILA_APP_IP": app_ip,
    }


def _check(settings: ServeSettings) -> None:
    problems = []
    if not settings.session_id.strip():
        problems.append("the session id is empty")
    if not 1 <= settings.port <= 65535:
        problems.append(f"port {settings.port}: expected 1 to 65535")
    if not 0 <= settings.tablets <= 500:
        problems.append(f"tablets {settings.tablets}: expected 0 to 500 (each warm kernel holds about 55 MB)")
    if not (settings.base_url.startswith("/") and settings.base_url.endswith("/")):
        problems.append(f"base url {settings.base_url!r}: expected it to start and end with /")
    if settings.cull_idle_timeout <= 0:
        problems.append("cull_idle_timeout must be positive: without culling, every closed phone leaks a kernel")
    if not 0 < settings.cull_interval <= settings.cull_idle_timeout:
        problems.append(f"cull_interval {settings.cull_interval}: expected 1 to cull_idle_timeout")
    if settings.fill_delay < 0:
        problems.append("fill_delay must not be negative")
    if settings.facilitator_secret_sha256 and not re.fullmatch("[0-9a-f]{64}", settings.facilitator_secret_sha256):
        problems.append("facilitator_secret_sha256: expected 64 lowercase hex digits (a SHA-256), never the secret itself")
    if not 1 <= settings.reset_seconds <= MAX_RESET_SECONDS:
        problems.append(f"reset_seconds {settings.reset_seconds}: expected 1 to {MAX_RESET_SECONDS}")
    for name in ("notebooks_dir", "runtime_dir", "cookie_secret_file"):
        if not Path(getattr(settings, name)).is_absolute():
            problems.append(f"{name} {getattr(settings, name)}: expected an absolute path")
    if len(str(settings.runtime_dir)) > MAX_RUNTIME_DIR:
        problems.append(
            f"runtime_dir {settings.runtime_dir}: longer than {MAX_RUNTIME_DIR} characters, too long for the kernels' Unix sockets"
        )
    problems += _db_url_problems(settings.db_url)
    if problems:
        raise ServeConfigError("cannot serve: " + "; ".join(problems))


def _db_url_problems(url: str) -> list[str]:
    if not url:
        return ["the store's URL is empty"]
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path in ("", ":memory:"):
            return [f"store {url}: an in-memory SQLite store cannot be shared by the kernels"]
        if not path.startswith("/"):
            return [f"store {url}: expected an absolute SQLite path (sqlite:////...), kernels run in the notebooks directory"]
    return []
