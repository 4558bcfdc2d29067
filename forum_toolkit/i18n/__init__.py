"""The ballot app in the participant's language.

    from forum_toolkit.i18n import wording_for, problem_text, refusal_text

    wording = wording_for("fa", consultation)
    wording.direction                      # "rtl"
    wording.ui("Next")                     # "بعدی"
    wording.ui_plural("{count} dot left", "{count} dots left", 2)
    wording.text(question.text)            # from the consultation file
    problem_text(problem, wording)         # an answer problem, for the participant
    refusal_text("code_used", wording)     # a refused submission, for the participant

Interface strings are English msgids in the code, translated in gettext catalogs under
``i18n/locale/`` for de, en, ar, fa, kmr, ru, uk and tr. A missing translation is visible: it shows in
German or English with the language in brackets first, ``[de] Weiter``. Mark module-level strings
with `N_` (or `N_plural`) so that ``python -m forum_toolkit.i18n.update`` finds them; it adds new
strings to every catalog and compiles the `.mo` files.

Modules: `wording` (the participant's language), `messages` (problems and refusals), `catalogs`
(where catalogs live, lookups), `ballot_strings` (the app's planned strings), `extract` and `update`
(tooling), `po` (reading and writing catalogs with the standard library).
"""

from forum_toolkit.i18n.catalogs import CATALOG_LANGUAGES, N_, N_plural
from forum_toolkit.i18n.extract import ui_strings
from forum_toolkit.i18n.messages import problem_text, refusal_text
from forum_toolkit.i18n.wording import CatalogWording, direction_of, wording_for

__all__ = [
    "CATALOG_LANGUAGES",
    "CatalogWording",
    "N_",
    "N_plural",
    "direction_of",
    "problem_text",
    "refusal_text",
    "ui_strings",
    "wording_for",
]
