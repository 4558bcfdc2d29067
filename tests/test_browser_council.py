"""The council's round in Chromium, from residents' proposals to what became of them.

Behind a real `forum-toolkit serve` (browser_support.BallotServer): residents write proposals on
tablets in German, Arabic and Farsi on the council's ballot (surveys/council-agenda.yaml, served by
council.ipynb with ballot codes); staff type two paper forms (channel `paper`, through the store as
the console does); the moderator merges the German duplicate into the first proposal and rejects one
with a reason; a ranking round over the approved proposals (its own notebook, the real ballot) is
ranked on three tablets; `forum-toolkit agenda` writes the agenda and adopts it; `agenda-status`
notes what happened to the first item; and the public page (notebooks/agenda-status.ipynb) shows it
in Arabic, right to left.

A proposal carries `<img src=x onerror=alert(1)>`: it must show as text on every page (the ballot's
review, the round's options, the status page) and in the agenda document, opened in Chromium too.
Any JavaScript dialog fails the test.
"""

from __future__ import annotations

import re
import shutil
import uuid
from datetime import date

import pytest
from click.testing import CliRunner

from browser_support import CHROMIUM, CHROMIUM_ARGS, COUNCIL, COUNCIL_AGENDA, PAGE_LOAD, ROOT, ROUND_TRIP, TABLET, BallotServer, Participant
from test_serve_support import require, write_notebook

pytestmark = pytest.mark.slow

ROUND = "council-2027-01"
SCRIPT = "<img src=x onerror=alert(1)>"
ROUND_BALLOT = f"""\
import os
os.environ["FORUM_SESSION"] = "{ROUND}"  # the round over the approved proposals
from forum_toolkit.apps.ballot import show_ballot
show_ballot();
"""

# (language, title, text) written on the café's tablets
WRITTEN = [
    ("de", "Deutschkurs am Abend", "Für Menschen, die tagsüber arbeiten."),
    ("ar", "مترجمون في المدرسة", f"لاجتماعات الأهل. {SCRIPT}"),
    ("fa", f"اتوبوس شبانه {SCRIPT}", "بعد از ساعت ۲۲ اتوبوسی نیست."),
]
PAPER = [  # typed in by staff from paper forms
    ("de", "Deutschkurs abends", "Abends, bitte!"),  # the same as the first: merged into it
    ("de", "Namen von Nachbarn", "Herr X ist laut."),  # rejected
]
REASON = "Bitte keine Namen von Personen."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require("voila", "Voilà is not installed (pip install voila)")
    require("playwright", "Playwright is not installed (pip install playwright)")
    require(CHROMIUM, f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    server = BallotServer(tmp_path_factory.mktemp("council"), tablets=1)
    write_notebook(server.notebooks / "round.ipynb", ROUND_BALLOT, "Council round")
    shutil.copy(ROOT / "notebooks" / "agenda-status.ipynb", server.notebooks / "agenda-status.ipynb")
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def store(server):
    from forum_toolkit.store import open_store

    store = open_store(server.db_url)
    yield store
    store.close()


@pytest.fixture
def arrive(server):
    """`arrive(query, notebook, consultation)`: a resident picks up a tablet; any dialog fails the test."""
    from playwright.sync_api import sync_playwright

    people: list[Participant] = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def arrive(query: str, notebook: str, consultation) -> Participant:
            page = chromium.new_context(**TABLET).new_page()
            page.set_default_timeout(ROUND_TRIP)
            person = Participant(page, consultation)
            page.on("dialog", lambda dialog: (person.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
            people.append(person)
            return person.open(server.url(query, notebook))

        arrive.chromium = chromium
        yield arrive
        dialogs = [d for person in people for d in person.dialogs]
        chromium.close()
    assert dialogs == [], f"a page ran participant text as script: {dialogs}"


def cli(server, *args):
    from forum_toolkit.cli import main

    result = CliRunner().invoke(main, [*(str(a) for a in args), "--db", server.db_url], catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return result.output


def check_in(person: Participant, language: str, code: str) -> None:
    """Choose the language and type the code from the slip (a kiosk tablet never takes it from a link)."""
    person.choose_language(language)
    person.page.locator(".ft-code-input input").fill(code)
    person.settle()
    person.button(person.ui("Check code")).tap()
    person.page.locator(".ft-page").wait_for(timeout=ROUND_TRIP)
    person.settle()


def rank(person: Participant, question_id: str, option_ids: list[str]) -> None:
    """Tap the options in this order; each goes to the next free place."""
    question = person.question_of(question_id)
    for number, option_id in enumerate(option_ids, start=1):
        label = person.wording.text(next(o.label for o in question.options if o.id == option_id))
        person.option(label, person.question(question_id)).tap()
        places = person.question(question_id).locator(".ft-rank-entry .ft-rank-label")
        places.nth(number - 1).get_by_text(label, exact=True).wait_for(timeout=ROUND_TRIP)
        person.settle()


def test_from_proposals_on_tablets_to_what_became_of_them(server, store, arrive, tmp_path):
    from forum_toolkit.agenda import RoundPlan
    from forum_toolkit.consultation.load import load_consultation

    council = load_consultation(COUNCIL_AGENDA)

    # 1. Residents write proposals on the café's tablets, each in their language, with a code slip.
    for (language, title, text), code in zip(WRITTEN, store.create_codes(COUNCIL, len(WRITTEN))):
        resident = arrive("?kiosk=1", "council.ipynb", council)
        check_in(resident, language, code)
        resident.next_until("new_proposal")
        resident.propose("new_proposal", title, text)
        resident.next_until(review=True)
        assert resident.review_answers()[resident.text_of("new_proposal")] == title  # as typed, also the markup
        resident.submit()
        resident.page.close()

    # 2. Staff type two paper forms, as the console's paper ballot stores them.
    for (language, title, text), code in zip(PAPER, store.create_codes(COUNCIL, len(PAPER))):
        store.submit(COUNCIL, {"new_proposal": {"title": title, "text": text}}, language=language, channel="paper", submission_id=str(uuid.uuid4()), code=code)

    # 3. The moderator: the duplicate merged into the first, the names rejected with a reason.
    found = {p.title: p for p in store.proposals(COUNCIL, ("pending",))}
    assert {p.channel for p in found.values()} == {"tablet", "paper"}
    assert {found[title].language for _, title, _ in WRITTEN} == {"de", "ar", "fa"}
    for _, title, _ in WRITTEN:
        store.approve(COUNCIL, found[title].id)
    store.merge(COUNCIL, found["Deutschkurs abends"].id, found["Deutschkurs am Abend"].id)
    store.reject(COUNCIL, found["Namen von Nachbarn"].id, REASON)

    # 4. The ranking round over the approved proposals, on three tablets.
    store.create_round(COUNCIL, RoundPlan(ROUND, "ranking", top=3), title="Abstimmung Januar", held_on=date(2027, 1, 10))
    store.set_state(ROUND, "open")
    option = {title: f"p{found[title].id}" for _, title, _ in WRITTEN}
    course, school, bus = (option[title] for _, title, _ in WRITTEN)
    rankings = [("de", [course, school, bus]), ("ar", [school, course, bus]), ("fa", [course, bus, school])]
    the_round = store.consultation(ROUND)
    for (language, order), code in zip(rankings, store.create_codes(ROUND, len(rankings))):
        voter = arrive("?kiosk=1", "round.ipynb", the_round)
        check_in(voter, language, code)
        assert SCRIPT in voter.page.locator(".ft-ballot").inner_text()  # the Farsi title with its markup, as text (in every language)
        rank(voter, "agenda_round", order)
        voter.next_until(review=True)
        voter.submit()
        voter.page.close()
    assert len(store.submissions(ROUND)) == 3

    # 5. The agenda document, written and adopted at the command line.
    agenda = tmp_path / "agenda.html"
    printed = cli(server, "agenda", ROUND, "--method", "schulze", "--seats", 3, "--lang", "de,ar", "--out", agenda, "--adopt")
    lines = printed.splitlines()
    assert lines[1:4] == ["1. Deutschkurs am Abend", "2. مترجمون في المدرسة", f"3. اتوبوس شبانه {SCRIPT}"]
    document = agenda.read_text(encoding="utf-8")
    assert document.index("Deutschkurs am Abend") < document.index("مترجمون في المدرسة") < document.index("اتوبوس شبانه")
    assert "&lt;img src=x onerror=alert(1)&gt;" in document and "<img" not in document
    assert "Namen von Nachbarn" not in document and REASON not in document
    reader = arrive.chromium.new_context().new_page()
    dialogs: list[str] = []
    reader.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    reader.goto(agenda.as_uri())
    assert SCRIPT in reader.inner_text("body") and reader.locator("img").count() == 0 and dialogs == []

    # 6. The council reports back; the public page shows it in Arabic, right to left.
    cli(server, "agenda-status", ROUND, 1, "discussed", "--note", "Im Beirat am 14. Januar besprochen.", "--date", "2027-01-14")
    cli(server, "agenda-status", ROUND, 1, "decided", "--note", "Der Beirat bittet die Volkshochschule um Abendkurse.", "--date", "2027-01-14")
    cli(server, "agenda-status", ROUND, 1, "in progress", "--note", f"Die Volkshochschule plant zwei Kurse. {SCRIPT}", "--date", "2027-02-11")
    resident = arrive(f"?session={ROUND}&lang=ar", "agenda-status.ipynb", the_round)
    page = resident.page
    page.locator(".ft-agenda-item-1").wait_for(timeout=PAGE_LOAD)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    first = page.locator(".ft-agenda-item-1").inner_text()
    assert "قيد التنفيذ منذ 2027-02-11" in first  # in progress, in Arabic
    assert first.index("Die Volkshochschule plant zwei Kurse.") < first.index("Im Beirat am 14. Januar besprochen.")
    assert f"Die Volkshochschule plant zwei Kurse. {SCRIPT}" in first
    whole = page.locator(".ft-agenda-status").inner_text()
    assert re.search(r"اتوبوس شبانه <img src=x onerror=alert\(1\)>", whole)
    assert page.locator(".ft-agenda-status img").count() == 0
    assert "Namen von Nachbarn" not in whole and REASON not in whole and "Deutschkurs abends" not in whole
    page.screenshot(path=str(ROOT / "docs" / "screenshots" / "agenda-status-ar.png"), full_page=True)
