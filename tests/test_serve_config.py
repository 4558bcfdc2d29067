"""forum_toolkit.serve.config: the Voilà configuration is the forum's security statement.

Each setting that protects a participant, a kernel or the evening is asserted by name here, so that
a change to one of them is a visible change to a test.
"""

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from forum_toolkit.serve.config import (
    BALLOT_NOTEBOOK,
    TEMPLATE,
    ServeConfigError,
    ServeSettings,
    voila_config,
)

NOTEBOOKS = Path("/srv/forum/notebooks")
SECRET_HASH = hashlib.sha256(b"moderation-only-2026").hexdigest()


@pytest.fixture
def evening() -> ServeSettings:
    """A forum evening with 40 tablets on the café's hotspot."""
    return ServeSettings(
        session_id="forum-2026-11-26",
        db_url="sqlite:////srv/forum/data/forum.sqlite3",
        notebooks_dir=NOTEBOOKS,
        runtime_dir=Path("/tmp/forum-serve-abcd1234"),
        cookie_secret_file=Path("/srv/forum/data/voila-cookie-secret"),
        port=8866,
        host="0.0.0.0",
        tablets=40,
        stylesheets=(Path("/srv/forum/ballot.css"),),
        facilitator_secret_sha256=SECRET_HASH,
        phone_url="http://192.168.1.20:8866/voila/render/ballot.ipynb",
    )


@pytest.fixture
def config(evening) -> dict:
    return voila_config(evening)


# -- the page participants see ------------------------------------------------------------------


def test_the_kiosk_template_in_the_light_theme_is_the_only_page(config):
    assert config["VoilaConfiguration"]["template"] == TEMPLATE == "forum-kiosk"
    assert config["VoilaConfiguration"]["theme"] == "light"


@pytest.mark.parametrize("setting", ["allow_template_override", "allow_theme_override"])
def test_the_url_and_the_notebook_cannot_switch_template_or_theme(config, setting):
    assert config["VoilaConfiguration"][setting] == "NO"


def test_no_traceback_and_no_source_code_reaches_a_participant(config):
    assert config["VoilaConfiguration"]["show_tracebacks"] is False
    assert config["VoilaConfiguration"]["strip_sources"] is True


def test_the_ballot_stylesheets_are_handed_to_the_server(config):
    assert config["ForumVoila"]["stylesheets"] == ["/srv/forum/ballot.css"]


def test_the_root_address_leads_to_the_ballot_not_to_a_list_of_notebooks(config):
    assert config["ForumVoila"]["home_notebook"] == BALLOT_NOTEBOOK == "ballot.ipynb"


# -- kernels --------------------------------------------------------------------------------------


def test_warm_kernels_for_the_ballot_one_per_tablet(config):
    assert config["VoilaConfiguration"]["preheat_kernel"] is True
    assert config["VoilaConfiguration"]["progressive_rendering"] is False  # Voilà refuses both at once
    pools = config["VoilaKernelManager"]["kernel_pools_config"]
    assert pools == {"ballot.ipynb": {"pool_size": 40}, "default": {"pool_size": 0}}
    assert config["VoilaConfiguration"]["default_pool_size"] == 0


@pytest.mark.parametrize(
    ("notebook", "denied"),
    [
        (NOTEBOOKS / "ballot.ipynb", False),
        (NOTEBOOKS / "console.ipynb", True),
        (NOTEBOOKS / "projector.ipynb", True),
        (NOTEBOOKS / "analysis" / "ballot.ipynb", True),
        (NOTEBOOKS / "ballot.ipynb.bak", True),
        (Path("/elsewhere/ballot.ipynb"), True),
    ],
)
def test_every_other_notebook_is_on_the_preheat_denylist(config, notebook, denied):
    # As Voilà 0.5 applies it when it fills the pools: `pattern in path or re.match(pattern, path)`,
    # with each notebook's absolute path.
    name = str(notebook)
    patterns = config["VoilaKernelManager"]["preheat_denylist"]
    assert any(pattern in name or re.match(pattern, name) for pattern in patterns) is denied


def test_the_pool_refills_after_a_burst_not_during_it(config):
    assert config["VoilaKernelManager"]["fill_delay"] == 120.0


def test_idle_kernels_of_gone_pages_are_culled_but_an_open_page_never(config):
    culling = config["MappingKernelManager"]
    assert culling["cull_idle_timeout"] == 20 * 60
    assert culling["cull_interval"] == 60
    assert culling["cull_connected"] is False
    assert culling["cull_busy"] is False
    assert culling["buffer_offline_messages"] is True


def test_kernels_talk_over_unix_sockets_in_the_private_runtime_directory(config):
    assert config["KernelManager"]["transport"] == "ipc"
    assert config["Voila"]["connection_dir_root"] == "/tmp/forum-serve-abcd1234"


def test_every_kernel_knows_its_session_store_and_kiosk_countdown(config):
    assert config["ForumVoila"]["kernel_env"] == {
        "FORUM_SESSION": "forum-2026-11-26",
        "FORUM_DB_URL": "sqlite:////srv/forum/data/forum.sqlite3",
        "FORUM_RESET_SECONDS": "8",
        "FORUM_FACILITATOR_SECRET_SHA256": SECRET_HASH,
        "FORUM_PHONE_URL": "http://192.168.1.20:8866/voila/render/ballot.ipynb",
        "VOILA_APP_IP": "127.0.0.1",
    }


def test_the_console_is_protected_by_the_hash_of_the_facilitator_secret_never_the_secret(config):
    assert config["ForumVoila"]["protected_notebooks"] == {"console.ipynb": SECRET_HASH}
    assert "moderation-only-2026" not in json.dumps(config)


@pytest.mark.parametrize("wrong", ["moderation-only-2026", "ABC" * 21 + "D", "0" * 63])
def test_a_secret_where_its_hash_belongs_is_refused(evening, wrong):
    with pytest.raises(ServeConfigError, match="facilitator_secret_sha256: expected 64 lowercase hex digits"):
        voila_config(replace(evening, facilitator_secret_sha256=wrong))


def test_the_kiosk_countdown_is_the_operators_setting(evening):
    config = voila_config(replace(evening, reset_seconds=20))
    assert config["ForumVoila"]["kernel_env"]["FORUM_RESET_SECONDS"] == "20"


def test_a_warm_kernel_asks_for_its_request_where_voila_listens(evening):
    config = voila_config(replace(evening, host="192.168.4.2"))
    assert config["ForumVoila"]["kernel_env"]["VOILA_APP_IP"] == "192.168.4.2"


# -- the server -----------------------------------------------------------------------------------


def test_a_fixed_port_that_never_moves(config):
    assert config["Voila"]["port"] == 8866
    assert config["Voila"]["port_retries"] == 0
    assert config["Voila"]["ip"] == "0.0.0.0"
    assert config["Voila"]["open_browser"] is False


def test_the_shutdown_beacon_of_a_closed_tab_is_accepted(config):
    assert config["Voila"]["tornado_settings"] == {"disable_check_xsrf": True}


def test_the_cookie_secret_comes_from_its_file_never_from_the_config(config):
    assert config["ForumVoila"]["cookie_secret_file"] == "/srv/forum/data/voila-cookie-secret"
    assert "cookie_secret" not in config["Voila"]


def test_no_config_file_on_disk_can_loosen_the_configuration(config):
    assert config["Voila"]["config_file_paths"] == []


def test_websockets_send_small_frames_at_once(config):
    assert config["ForumVoila"]["tcp_nodelay"] is True


def test_the_notebooks_folder_and_base_url(config, evening):
    assert config["Voila"]["root_dir"] == "/srv/forum/notebooks"
    assert config["Voila"]["base_url"] == "/"
    assert voila_config(replace(evening, base_url="/forum/"))["Voila"]["base_url"] == "/forum/"


def test_the_configuration_is_plain_json(config):
    assert json.loads(json.dumps(config)) == config


def test_every_configured_class_and_trait_exists_in_voila(config):
    pytest.importorskip("voila", reason="voila is not installed")
    from forum_toolkit.serve.app import ForumVoila
    from voila.configuration import VoilaConfiguration
    from voila.voila_kernel_manager import voila_kernel_manager_factory
    from jupyter_client.manager import KernelManager
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager, MappingKernelManager

    classes = {
        "Voila": ForumVoila,
        "ForumVoila": ForumVoila,
        "VoilaConfiguration": VoilaConfiguration,
        "VoilaKernelManager": voila_kernel_manager_factory(AsyncMappingKernelManager, True, 0),
        "MappingKernelManager": MappingKernelManager,
        "KernelManager": KernelManager,
    }
    assert set(config) == set(classes)
    for section, settings in config.items():
        traits = classes[section].class_traits(config=True)
        assert set(settings) <= set(traits), f"{section}: {set(settings) - set(traits)}"


# -- settings that would be unsafe ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"session_id": " "}, "the session id is empty"),
        ({"port": 0}, "port 0: expected 1 to 65535"),
        ({"tablets": -1}, "tablets -1: expected 0 to 500"),
        ({"base_url": "forum"}, "base url 'forum': expected it to start and end with /"),
        ({"cull_idle_timeout": 0}, "cull_idle_timeout must be positive"),
        ({"cull_interval": 0}, "cull_interval 0: expected 1 to cull_idle_timeout"),
        ({"fill_delay": -1}, "fill_delay must not be negative"),
        ({"reset_seconds": 0}, "reset_seconds 0: expected 1 to 600"),
        ({"reset_seconds": 601}, "reset_seconds 601: expected 1 to 600"),
        ({"notebooks_dir": Path("notebooks")}, "notebooks_dir notebooks: expected an absolute path"),
        ({"runtime_dir": Path("/tmp/" + "x" * 40)}, "too long for the kernels' Unix sockets"),
        ({"db_url": "sqlite:///data/forum.sqlite3"}, "expected an absolute SQLite path"),
        ({"db_url": "sqlite://"}, "an in-memory SQLite store cannot be shared"),
        ({"db_url": ""}, "the store's URL is empty"),
    ],
)
def test_unsafe_settings_are_refused_with_the_reason(evening, change, message):
    with pytest.raises(ServeConfigError, match=re.escape(message)):
        voila_config(replace(evening, **change))


def test_a_postgresql_store_is_passed_as_it_is(evening):
    url = "postgresql+psycopg://forum:secret@db.local/forum"
    assert voila_config(replace(evening, db_url=url))["ForumVoila"]["kernel_env"]["FORUM_DB_URL"] == url


def test_a_pool_can_be_switched_off(evening):
    pools = voila_config(replace(evening, tablets=0))["VoilaKernelManager"]["kernel_pools_config"]
    assert pools["ballot.ipynb"] == {"pool_size": 0}
