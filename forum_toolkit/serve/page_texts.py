"""The kiosk page's own words (the connection banner), taken from the gettext catalogs.

The banner lives in the template, outside any kernel: it must speak while the kernel cannot be
reached. So its words are handed to the page when it is rendered, as JSON in a
``<script type="application/json" id="forum-connection-texts">`` element that forum-connection.js
reads. They come from the same catalogs as the ballot's (i18n/locale/), so a translator fixes a
text once, and a catalog added for another language gives the banner that language too.

    template_resources(stylesheets)   # what ForumVoila hands to every page: the CSS and these texts
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from forum_toolkit.i18n import wording_for
from forum_toolkit.i18n.catalogs import CATALOG_LANGUAGES, DOMAIN, LOCALE_DIR, N_

CONNECTION_LOST = N_("No connection to the server. Your answers are not saved yet.")
TRY_AGAIN = N_("Try again")


def catalog_languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """The eight languages every catalog must cover, and any other that has a compiled catalog."""
    found = {path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return tuple(sorted({*CATALOG_LANGUAGES, *found}))


def connection_texts(languages: Iterable[str] | None = None) -> dict[str, dict[str, str]]:
    """The banner's message and its button in each language: {"ar": {"message": ..., "retry": ...}}."""
    texts = {}
    for language in languages or catalog_languages():
        wording = wording_for(language)
        texts[language] = {"message": wording.ui(CONNECTION_LOST), "retry": wording.ui(TRY_AGAIN)}
    return texts


def script_json(value: object) -> str:
    """`value` as JSON that can stand inside a <script> element: nothing in it can close the element
    ("</script>") or open a comment ("<!--"), whatever a translation says."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def template_resources(stylesheets: Iterable[str | Path]) -> dict[str, str]:
    """What the forum-kiosk template inlines into every page: the ballot's CSS and the banner's words."""
    css = "\n".join(Path(path).read_text(encoding="utf-8") for path in stylesheets if Path(path).is_file())
    return {"forum_css": css, "forum_connection_texts": script_json(connection_texts())}
