"""forum_toolkit.serve.runtime and .network: the files and addresses a forum server needs."""

import json
import socket
import stat
from pathlib import Path

import pytest

from forum_toolkit.serve import network, runtime
from forum_toolkit.serve.config import MAX_RUNTIME_DIR, ServeConfigError


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- the cookie secret ----------------------------------------------------------------------------


def test_the_cookie_secret_is_made_once_readable_by_its_owner_only(tmp_path):
    path = runtime.ensure_cookie_secret(tmp_path / "data")
    assert path == tmp_path / "data" / "voila-cookie-secret"
    assert mode_of(path) == 0o600
    secret = runtime.read_cookie_secret(path)
    assert len(secret) == 32
    assert runtime.ensure_cookie_secret(tmp_path / "data") == path
    assert runtime.read_cookie_secret(path) == secret  # a restart keeps it: cookies stay valid


def test_a_cookie_secret_that_others_can_read_is_refused(tmp_path):
    path = runtime.ensure_cookie_secret(tmp_path)
    path.chmod(0o644)
    with pytest.raises(ServeConfigError, match=r"readable by other users \(mode 644\); fix it with: chmod 600"):
        runtime.ensure_cookie_secret(tmp_path)


def test_a_damaged_cookie_secret_is_reported_before_the_server_starts(tmp_path):
    path = tmp_path / "voila-cookie-secret"
    path.write_text("not hex\n")
    path.chmod(0o600)
    with pytest.raises(ServeConfigError, match="expected 64 hex digits; delete the file to make a new secret"):
        runtime.ensure_cookie_secret(tmp_path)


# -- the runtime directory and the configuration file ---------------------------------------------


def test_the_runtime_directory_is_private_and_short(monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    directory = runtime.private_runtime_dir()
    try:
        assert directory.parent == Path("/tmp")
        assert directory.name.startswith("forum-serve-")
        assert mode_of(directory) == 0o700
        assert len(str(directory)) <= MAX_RUNTIME_DIR
    finally:
        directory.rmdir()


def test_a_long_xdg_runtime_dir_is_not_used(monkeypatch, tmp_path):
    long_dir = tmp_path / ("x" * 40)
    long_dir.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(long_dir))
    directory = runtime.private_runtime_dir()
    try:
        assert directory.parent == Path("/tmp")
    finally:
        directory.rmdir()


def test_the_configuration_file_is_json_readable_by_its_owner_only(tmp_path):
    path = runtime.write_config({"Voila": {"port": 8866}, "ForumVoila": {"kernel_env": {"FORUM_DB_URL": "ä"}}}, tmp_path)
    assert mode_of(path) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["ForumVoila"]["kernel_env"]["FORUM_DB_URL"] == "ä"


# -- the store's URL for kernels that run elsewhere -----------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///data/forum.sqlite3", "sqlite:////srv/forum/data/forum.sqlite3"),
        ("sqlite:////var/forum.sqlite3", "sqlite:////var/forum.sqlite3"),
        ("sqlite+pysqlite:///forum.sqlite3", "sqlite+pysqlite:////srv/forum/forum.sqlite3"),
        ("postgresql+psycopg://forum:pw@db/forum", "postgresql+psycopg://forum:pw@db/forum"),
    ],
)
def test_a_relative_sqlite_path_is_made_absolute(url, expected):
    assert runtime.absolute_db_url(url, cwd=Path("/srv/forum")) == expected


def test_the_stylesheets_are_the_questions_then_the_screens_then_projector_and_console():
    questions, screens, live = runtime.ballot_stylesheets()
    assert (questions.parent.name, screens.parent.name, live.parent.name) == ("widgets", "apps", "apps")
    assert ".ft-question" in questions.read_text(encoding="utf-8")
    assert ".ft-ballot" in screens.read_text(encoding="utf-8")
    assert ".ft-projector" in live.read_text(encoding="utf-8") and ".ft-console" in live.read_text(encoding="utf-8")


# -- addresses ------------------------------------------------------------------------------------


def test_a_given_host_is_the_address_people_use():
    assert network.lan_address("192.168.4.2") == "192.168.4.2"


def test_the_lan_address_is_a_real_interface_or_loopback():
    address = network.lan_address()
    assert address == network.LOOPBACK or not address.startswith("127.")
    socket.inet_aton(address)


def test_without_any_network_the_address_is_loopback(monkeypatch):
    monkeypatch.setattr(network, "_route_source", lambda probe: None)
    monkeypatch.setattr(socket, "gethostbyname_ex", lambda name: (name, [], ["127.0.1.1"]))
    assert network.lan_address() == "127.0.0.1"


def test_the_first_private_route_wins(monkeypatch):
    routes = {"10.255.255.255": None, "172.31.255.255": "172.20.1.5", "192.168.255.255": "192.168.4.2"}
    monkeypatch.setattr(network, "_route_source", routes.get)
    assert network.lan_address() == "172.20.1.5"


def test_the_ballot_urls_for_tablets_and_phones():
    assert network.ballot_urls("192.168.4.2", 8866) == (
        "http://192.168.4.2:8866/voila/render/ballot.ipynb?kiosk=1",
        "http://192.168.4.2:8866/voila/render/ballot.ipynb",
    )
    assert network.ballot_urls("10.0.0.2", 80, "/forum/")[1] == "http://10.0.0.2:80/forum/voila/render/ballot.ipynb"


def test_a_port_in_use_is_seen_before_voila_starts():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert network.port_is_free("127.0.0.1", port) is False
        assert network.is_listening(port) is True
    assert network.port_is_free("127.0.0.1", port) is True

