"""The facilitator's secret: what opens the console, and how it is kept.

The console's link carries the secret (``console.ipynb?secret=...``). Two locks check it: the
server refuses the page before any kernel starts (`app.ForumRenderHandler`), and the console's
kernel checks again before it builds a single control (`apps.console`). Neither is told the secret
itself: the server's configuration and the kernels' environment hold its SHA-256 only, compared in
constant time. The operator gives the secret (``--facilitator-secret`` or FORUM_FACILITATOR_SECRET),
or `forum-toolkit serve` makes one on first start and keeps it in ``data/facilitator-secret``
(mode 0600), so that the console's bookmark survives a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from forum_toolkit.serve.config import FACILITATOR_SECRET_HASH_VARIABLE as SECRET_HASH_VARIABLE
from forum_toolkit.serve.config import ServeConfigError
from forum_toolkit.serve.runtime import ensure_private_file
SECRET_FILE_NAME = "facilitator-secret"
MIN_LENGTH = 12  # a secret typed by an operator: long enough not to be guessed over the café's Wi-Fi


def secret_hash(secret: str) -> str:
    """What the server and the kernels are told instead of the secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def secret_matches(given: str, expected_hash: str) -> bool:
    """True only for a non-empty secret whose hash is the configured one (constant-time compare)."""
    return bool(given) and bool(expected_hash) and hmac.compare_digest(secret_hash(given), expected_hash)


def check_secret(secret: str) -> str:
    secret = secret.strip()
    if len(secret) < MIN_LENGTH:
        raise ServeConfigError(f"the facilitator secret is {len(secret)} characters long: expected at least {MIN_LENGTH}")
    return secret


def ensure_facilitator_secret(data_dir: Path) -> tuple[Path, str]:
    """The secret kept in `data_dir`, made on first use (mode 0600), and the file it is in."""
    path = data_dir / SECRET_FILE_NAME
    ensure_private_file(path, lambda: secrets.token_urlsafe(18) + "\n")
    try:
        return path, check_secret(path.read_text(encoding="utf-8"))
    except ServeConfigError as problem:
        raise ServeConfigError(f"{path}: {problem}; delete the file to make a new secret") from None
