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


def test_the_banner_has_no_words_of_its_own():
    from forum_toolkit.serve.page_texts import connection_texts

    script = text_of("forum-connection.js")
    assert "TEXTS = {" not in script
    for language, words in connection_texts().items():
        assert words["message"] not in script and words["retry"] not in script, language


def test_the_banners_words_are_the_catalogs_in_every_catalog_language():
    from forum_toolkit.i18n.catalogs import lookup
    from forum_toolkit.serve.page_texts import CONNECTION_LOST, TRY_AGAIN, connection_texts

    texts = connection_texts()
    assert EIGHT_LANGUAGES <= set(texts)
    for language, words in texts.items():
        assert words == {"message": lookup(language, CONNECTION_LOST), "retry": lookup(language, TRY_AGAIN)}, language
    assert texts["ar"] == {"message": "لا يوجد اتصال بالخادم. إجاباتكم لم تُحفظ بعد.", "retry": "إعادة المحاولة"}


def test_a_language_with_a_new_catalog_joins_the_banner(tmp_path):
    from forum_toolkit.serve.page_texts import catalog_languages

    (tmp_path / "ti" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "ti" / "LC_MESSAGES" / "forum_toolkit.mo").write_bytes(b"")
    assert catalog_languages(tmp_path) == tuple(sorted(EIGHT_LANGUAGES | {"ti"}))


def test_every_page_is_handed_the_banners_words_before_the_banner_runs(tmp_path):
    from forum_toolkit.serve.page_texts import connection_texts, template_resources

    css = tmp_path / "ballot.css"
    css.write_text(".ft-ballot { color: black; }", encoding="utf-8")
    resources = template_resources([css, tmp_path / "missing.css"])
    assert resources["forum_css"] == ".ft-ballot { color: black; }"
    assert json.loads(resources["forum_connection_texts"]) == connection_texts()
    page = text_of("index.html.j2")
    texts = '<script type="application/json" id="forum-connection-texts">{{ resources.forum_connection_texts'
    assert page.index("{% include 'forum-page.js' %}") < page.index(texts) < page.index("{% include 'forum-connection.js' %}")


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- a comment", "a & b > c"])
def test_the_banners_words_cannot_end_their_script_element(text):
    from forum_toolkit.serve.page_texts import script_json

    inline = script_json({"xx": {"message": text, "retry": text}})
    assert "<" not in inline and ">" not in inline and "&" not in inline
    assert json.loads(inline) == {"xx": {"message": text, "retry": text}}


def test_the_ballot_is_the_pages_main_landmark():
    assert '<div id="rendered_cells" role="main"' in text_of("index.html.j2")


def test_the_page_follows_the_language_the_ballot_says():
    script = text_of("forum-page.js")
    assert "new MutationObserver(followApp)" in script
    assert 'attributeFilter: ["class"]' in script  # its own lang and dir changes are not watched
    assert "ft-lang-" in script and "ft-dir-rtl" in script and "ft-lang-unchosen" in script


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
