"""The forum-kiosk template and ForumVoila's additions to Voilà, read without starting a server."""

import asyncio
import glob
import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "forum_toolkit"
TEMPLATE = PACKAGE / "serve" / "share" / "voila" / "templates" / "forum-kiosk"
EIGHT_LANGUAGES = {"de", "en", "ar", "fa", "kmr", "ru", "uk", "tr"}


def text_of(name: str) -> str:
    return (TEMPLATE / name).read_text(encoding="utf-8")


def test_the_template_extends_voilas_lab_template():
    assert json.loads(text_of("conf.json")) == {"base_template": "lab"}
    assert "{%- extends 'lab/index.html.j2' -%}" in text_of("index.html.j2")


def test_the_blocks_it_replaces_exist_in_voilas_templates():
    voila = pytest.importorskip("voila", reason="Voilà is not installed")
    from jupyter_core.paths import jupyter_path

    own = set(re.findall(r"{%-? block (\w+)", text_of("index.html.j2")))
    assert own == {"html_head_js", "notebook_css", "html_head_js_mermaidjs", "body_header", "markdowncell", "error"}
    inherited = ""
    for directory in jupyter_path():
        for name in ("voila/templates/lab/index.html.j2", "nbconvert/templates/lab/index.html.j2",
                     "nbconvert/templates/lab/base.html.j2", "nbconvert/templates/base/null.j2"):
            if (Path(directory) / name).is_file():
                inherited += (Path(directory) / name).read_text(encoding="utf-8")
    assert inherited, f"lab templates not found for voila {voila.__version__}"
    assert own <= set(re.findall(r"{%-? block (\w+)", inherited))


@pytest.mark.parametrize("name", ["forum-page.js", "forum-connection.js", "forum-kiosk.css"])
def test_included_files_hold_no_jinja_and_no_internet_address(name):
    text = text_of(name)
    assert not re.search(r"{{|{%|{#", text)  # they are included as Jinja templates
    assert not re.search(r"https?://", text)


def test_the_template_loads_nothing_from_the_internet():
    assert not re.search(r"https?://", text_of("index.html.j2"))


def test_the_banner_speaks_the_eight_languages():
    texts = re.search(r"var TEXTS = {(.*?)\n  };", text_of("forum-connection.js"), re.S).group(1)
    languages = set(re.findall(r"^\s+(\w+): \[", texts, re.M))
    assert languages == EIGHT_LANGUAGES
    assert all(len(re.findall(r'"[^"]+"', line)) == 2 for line in texts.strip().splitlines())


def test_arabic_and_farsi_are_laid_out_right_to_left():
    rtl = re.search(r"RIGHT_TO_LEFT = \[(.*?)\]", text_of("forum-page.js")).group(1)
    assert {"ar", "fa"} <= set(re.findall(r'"(\w+)"', rtl))


def test_every_template_file_is_package_data():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["forum_toolkit"]
    shipped = {path for pattern in patterns for path in glob.glob(pattern, root_dir=PACKAGE, recursive=True)}
    needed = {str(path.relative_to(PACKAGE)) for path in (PACKAGE / "serve").rglob("*")
              if path.is_file() and path.suffix not in (".py", ".pyc")}
    assert needed - shipped == set()


# -- ForumVoila ----------------------------------------------------------------------------------


def test_kernel_websockets_are_opened_with_nagle_off(monkeypatch):
    pytest.importorskip("voila", reason="Voilà is not installed")
    from forum_toolkit.serve.app import NoDelayKernelWebsocketHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    calls = []

    async def voila_open(self, kernel_id):
        calls.append(("open", kernel_id))

    monkeypatch.setattr(VoilaKernelWebsocketHandler, "open", voila_open)
    handler = object.__new__(NoDelayKernelWebsocketHandler)
    handler.set_nodelay = lambda value: calls.append(("nodelay", value))
    asyncio.run(handler.open("k-1"))
    assert calls == [("nodelay", True), ("open", "k-1")]


def test_the_template_is_found_inside_the_package():
    pytest.importorskip("voila", reason="Voilà is not installed")
    from forum_toolkit.serve.app import SHARE_DIR

    assert SHARE_DIR / "voila" / "templates" / "forum-kiosk" == TEMPLATE
