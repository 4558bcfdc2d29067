"""The files a running forum server needs, made safely: cookie secret, runtime directory, config.

Everything here touches the disk; `config.py` stays pure by taking the paths these functions return.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import tempfile
from pathlib import Path

from forum_toolkit.serve.config import MAX_RUNTIME_DIR, ServeConfigError

PACKAGE = Path(__file__).resolve().parent.parent
# The questions', then the ballot screens', then the projector's and the console's styles.
BALLOT_CSS = (PACKAGE / "widgets" / "ballot.css", PACKAGE / "apps" / "ballot.css", PACKAGE / "apps" / "live.css")
COOKIE_SECRET_NAME = "voila-cookie-secret"
CONFIG_NAME = "voila-config.json"


def ensure_cookie_secret(data_dir: Path) -> Path:
    """The file holding the server's cookie secret (64 hex digits), created on first use, mode 0600.

    Voilà draws a new secret on every start by default, so cookies (a ?token= login, later the
    facilitator's) would not survive a restart. The secret never appears in the configuration
    file or on a command line; ForumVoila reads it from here.
    """
    path = data_dir / COOKIE_SECRET_NAME
    if not ensure_private_file(path, lambda: secrets.token_hex(32) + "\n"):
        read_cookie_secret(path)  # a damaged file is reported now, not when the server starts
    return path


def ensure_private_file(path: Path, new_text) -> bool:
    """Make `path` (mode 0600) with the text `new_text()` unless it exists; True if it was made.

    An existing file that other users can read is refused. O_EXCL: two servers starting at once
    cannot both write (and one overwrite) a secret.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise ServeConfigError(f"{path}: readable by other users (mode {mode:o}); fix it with: chmod 600 {path}") from None
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(new_text())
    return True


def read_cookie_secret(path: Path) -> bytes:
    text = Path(path).read_text(encoding="ascii").strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) < 32:
        raise ServeConfigError(f"{path}: expected 64 hex digits; delete the file to make a new secret")
    return secret


def private_runtime_dir() -> Path:
    """A new directory only this user can enter (0700), short enough for the kernels' Unix sockets.

    $XDG_RUNTIME_DIR (a tmpfs per user, e.g. /run/user/1000) when it exists and is short, else /tmp.
    """
    base = os.environ.get("XDG_RUNTIME_DIR") or ""
    if not base or not os.path.isdir(base) or len(base) > MAX_RUNTIME_DIR - len("/forum-serve-12345678"):
        base = "/tmp"
    return Path(tempfile.mkdtemp(prefix="forum-serve-", dir=base))  # mkdtemp creates it 0700


def write_config(config: dict, runtime_dir: Path) -> Path:
    """Write the configuration as JSON, readable by this user only (it holds the store's URL)."""
    path = runtime_dir / CONFIG_NAME
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(config, file, indent=2, ensure_ascii=False)
    return path


def absolute_db_url(url: str, cwd: Path | None = None) -> str:
    """The store's URL with a relative SQLite path made absolute (kernels run elsewhere)."""
    from sqlalchemy.engine import make_url  # noqa: PLC0415 (only the CLI needs it)

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return url
    if os.path.isabs(parsed.database):
        return url
    database = str((cwd or Path.cwd()) / parsed.database)
    return parsed.set(database=database).render_as_string(hide_password=False)


def ballot_stylesheets() -> tuple[Path, ...]:
    """Every page's stylesheets: the question widgets', the ballot screens' around them, then the
    projector's and the console's."""
    return BALLOT_CSS
