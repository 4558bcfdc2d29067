"""The facilitator secret: kept in a private file, told to nobody but as a hash, never logged."""

import os
import stat

import pytest

from forum_toolkit.serve.app import SECRET_PARAMETER
from forum_toolkit.serve.config import ServeConfigError
from forum_toolkit.serve.facilitator import check_secret, ensure_facilitator_secret, secret_hash, secret_matches


def test_a_secret_is_made_on_first_start_kept_private_and_reused(tmp_path):
    path, secret = ensure_facilitator_secret(tmp_path / "data")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(secret) >= 20
    assert ensure_facilitator_secret(tmp_path / "data") == (path, secret)


def test_a_secret_file_others_can_read_is_refused_with_the_fix(tmp_path):
    path, _ = ensure_facilitator_secret(tmp_path)
    os.chmod(path, 0o644)
    with pytest.raises(ServeConfigError, match="readable by other users .*chmod 600"):
        ensure_facilitator_secret(tmp_path)


def test_a_damaged_secret_file_says_how_to_start_again(tmp_path):
    path = tmp_path / "facilitator-secret"
    path.write_text("short\n")
    os.chmod(path, 0o600)
    with pytest.raises(ServeConfigError, match="expected at least 12; delete the file"):
        ensure_facilitator_secret(tmp_path)


@pytest.mark.parametrize("secret", ["", "   ", "elevenchars"])
def test_a_short_secret_is_refused(secret):
    with pytest.raises(ServeConfigError, match="expected at least 12"):
        check_secret(secret)


def test_only_the_hash_is_compared():
    expected = secret_hash("moderation-only-2026")
    assert secret_matches("moderation-only-2026", expected)
    assert not secret_matches(expected, expected)  # knowing the hash opens nothing
    assert not secret_matches("", "")


@pytest.mark.parametrize(
    ("uri", "logged"),
    [
        ("/voila/render/console.ipynb?secret=abc", "/voila/render/console.ipynb?secret=[hidden]"),
        ("/voila/render/console.ipynb?Secret=abc&x=1", "/voila/render/console.ipynb?Secret=[hidden]&x=1"),
        ("/voila/render/ballot.ipynb?kiosk=1&code=K7Q-2M4", "/voila/render/ballot.ipynb?kiosk=1&code=[hidden]"),
        ("/voila/render/ballot.ipynb?lang=ar", "/voila/render/ballot.ipynb?lang=ar"),
    ],
)
def test_the_log_never_shows_a_secret_or_a_ballot_code(uri, logged):
    assert SECRET_PARAMETER.sub(r"\1[hidden]", uri) == logged
