"""A warm kernel learns its page's query string from Voilà's server, without importing Voilà."""

import json
import subprocess
import sys
import threading

import pytest

from forum_toolkit.apps.request import page_query, query_url


def test_without_preheat_the_query_string_is_the_environments():
    assert page_query({"QUERY_STRING": "kiosk=1&lang=ar"}) == "kiosk=1&lang=ar"
    assert page_query({"VOILA_PREHEAT": "False"}) == ""


def test_the_question_goes_where_voila_answers_it():
    environ = {"VOILA_APP_IP": "192.168.1.20", "VOILA_APP_PORT": "8866", "VOILA_SERVER_URL": "/forum/", "VOILA_KERNEL_ID": "k-1"}
    assert query_url(environ) == "ws://192.168.1.20:8866/forum/voila/query/k-1"


@pytest.fixture
def voila_like_server():
    """A websocket server that answers as Voilà's does: one JSON object, then it closes."""
    from websockets.sync.server import serve

    def answer(socket):
        assert socket.request.path == "/voila/query/kernel-7"
        socket.send(json.dumps({"QUERY_STRING": "kiosk=1&code=K7Q-2M4", "SCRIPT_NAME": "/voila/render/ballot.ipynb"}))

    with serve(answer, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server.socket.getsockname()[1]
        server.shutdown()


def test_a_warm_kernel_waits_for_its_page_and_takes_its_request(voila_like_server):
    environ = {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": str(voila_like_server), "VOILA_KERNEL_ID": "kernel-7"}
    assert page_query(environ) == "kiosk=1&code=K7Q-2M4"
    assert environ["SCRIPT_NAME"] == "/voila/render/ballot.ipynb"


def test_a_server_that_does_not_answer_leaves_the_page_without_a_query(capsys):
    environ = {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": "9", "VOILA_KERNEL_ID": "kernel-7"}  # nothing listens on port 9
    assert page_query(environ) == ""


def test_the_ballot_kernel_never_imports_voila():
    code = "import sys; import forum_toolkit.apps.ballot, forum_toolkit.apps.request; print('voila' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
