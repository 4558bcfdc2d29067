"""The ballot at a forum evening, in a real browser: tablets on the tables, phones from the QR code.

One `forum-toolkit serve` for the module runs the real ballot notebook for the open forum evening
(surveys/forum-evening.yaml) and, through a second notebook, the council's agenda round with ballot
codes (surveys/council-agenda.yaml); see browser_support.py. Chromium plays touch tablets (800×1280)
and phones (390×844). Every scenario is one or two people at the forum, and the store is asked
afterwards what it holds.

Any JavaScript dialog (an alert from participant text, say) fails the scenario it appears in, and
so does an exception in a ballot callback (guard.py logs it; the participant would read "Something
went wrong"). About 2½ minutes on two idle cores: 19 page loads, a kiosk countdown of 4 s and two
reconnections after a Wi-Fi drop (12-15 s each). Skipped with the reason when Chromium, Playwright or Voilà is missing, except under CI=true.
Screenshots go to docs/screenshots/ (ballot-*.png).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from browser_support import (
    CHROMIUM, CHROMIUM_ARGS, COUNCIL, COUNCIL_AGENDA, FORUM_EVENING, OTHER_COUNCIL, PAGE_LOAD, PHONE, ROOT, ROUND_TRIP,
    TABLET, BallotServer, Forger, Participant, Wifi, chosen_anywhere,
)  # fmt: skip
from test_serve_support import SESSION, require

pytestmark = pytest.mark.slow

SCREENSHOTS = ROOT / "docs" / "screenshots"
WARM_KERNELS = 3  # the first pages come from the pool; later ones wait for a kernel of their own
KIOSK_RESET = 4  # seconds: forum-toolkit serve --reset-seconds 4 (the default is 8)


# -- the evening's setting --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require("voila", "Voilà is not installed (pip install voila)")
    require("playwright", "Playwright is not installed (pip install playwright)")
    require(CHROMIUM, f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    server = BallotServer(tmp_path_factory.mktemp("ballot"), tablets=WARM_KERNELS, reset_seconds=KIOSK_RESET)
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def store(server):
    from forum_toolkit.store import open_store

    store = open_store(server.db_url)
    yield store
    store.close()


@pytest.fixture(scope="module")
def forum():
    from forum_toolkit.consultation.load import load_consultation

    return load_consultation(FORUM_EVENING)


@pytest.fixture(scope="module")
def council():
    from forum_toolkit.consultation.load import load_consultation

    return load_consultation(COUNCIL_AGENDA)


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def arrive(browser, server, forum):
    """`arrive(TABLET, "?kiosk=1")`: a person picks up a tablet (or opens the QR link on a phone)."""
    people: list[tuple[object, Participant]] = []

    def arrive(device: dict, query: str = "", notebook: str = "ballot.ipynb", consultation=None, origin=None) -> Participant:
        context = browser.new_context(**device)
        page = context.new_page()
        page.set_default_timeout(ROUND_TRIP)
        person = Participant(page, consultation or forum)
        page.on("dialog", lambda dialog: (person.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
        people.append((context, person))
        try:
            return person.open(server.url(query, notebook, origin))
        except Exception as error:  # noqa: BLE001 - say what the server was doing meanwhile
            log = "\n".join(server.stderr[-40:])
            raise AssertionError(f"the ballot page did not open ({str(error).splitlines()[0]}); the server's log:\n{log}") from error

    logged = len(server.stderr)
    yield arrive
    dialogs = [dialog for _, person in people for dialog in person.dialogs]
    for context, person in people:
        person.page.close(run_before_unload=True)  # the shutdown beacon ends the page's kernel
        context.close()
    if dialogs:
        pytest.fail(f"a JavaScript dialog appeared: {dialogs}")
    failures = [line for line in server.stderr[logged:] if "ballot callback" in line and "failed" in line]
    if failures:  # guard.py logged an exception: the participant read "Something went wrong"
        pytest.fail("a ballot callback failed:\n" + "\n".join(failures))


def new_ballots(store, before: list, session_id: str = SESSION) -> list:
    known = {ballot.submission_id for ballot in before}
    return [ballot for ballot in store.submissions(session_id) if ballot.submission_id not in known]


def wait_for(condition, seconds: float = 30, message: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message or "timed out")
        time.sleep(0.2)


# -- 1. German, on a kiosk tablet ---------------------------------------------------------------------


def test_a_participant_completes_the_forum_in_german_on_a_kiosk_tablet(arrive, store):
    before = store.submissions(SESSION)
    anna = arrive(TABLET, "?kiosk=1")
    assert anna.screen() == "start"
    anna.choose_language("de")
    assert anna.progress() == "Seite 1 von 6"
    anna.next()
    anna.choose("age_group", "age_30_44")
    anna.choose("years_in_town", "more_than_20")
    anna.next()
    anna.rate("feel_at_home", 4)
    anna.rate("town_life", 2, row_id="bus")
    anna.react("town_statements", "evening_bus", "agree")
    anna.next()
    assert anna.progress() == "Seite 4 von 6"
    anna.add_dot("priority_dots", "bus")
    anna.add_dot("priority_dots", "bus")
    assert anna.page.locator(".ft-dots-left").inner_text().strip() == "Noch 3 Punkte übrig"
    anna.next()
    anna.propose("own_proposal", "Bank am Bahnhof", "Eine Bank mit Dach an der Haltestelle, damit man im Regen warten kann.")
    anna.next_until(review=True)

    assert anna.page.get_by_text(anna.ui("Review your answers"), exact=True).is_visible()
    review = anna.review_answers()
    assert review[anna.text_of("age_group")] == "30 bis 44 Jahre"
    assert review[anna.text_of("feel_at_home")] == "eher wohl"
    assert review[anna.text_of("town_life")] == "Mit dem Bus komme ich gut in die Kreisstadt: stimme eher nicht zu"
    assert review[anna.text_of("priority_dots")] == "Mehr Busse in die Kreisstadt: 2"
    assert review[anna.text_of("own_proposal")] == "Bank am Bahnhof"
    assert review[anna.text_of("home_language")] == "Nicht beantwortet"
    assert new_ballots(store, before) == []  # nothing is stored before Submit

    anna.submit()
    assert anna.page.get_by_text("Gespeichert. Danke!", exact=True).is_visible()
    countdown = anna.page.locator(".ft-thanks .ft-help").last.inner_text()
    seconds = re.fullmatch(r"Die nächste Person kann in (\d) Sekunden? beginnen\.", countdown)
    assert seconds and 1 <= int(seconds.group(1)) <= KIOSK_RESET, countdown  # the server's --reset-seconds

    [ballot] = new_ballots(store, before)
    assert (ballot.language, ballot.channel) == ("de", "tablet")
    assert ballot.answers == {
        "age_group": "age_30_44",
        "years_in_town": "more_than_20",
        "feel_at_home": 4,
        "town_life": {"bus": 2},
        "town_statements": {"evening_bus": "agree"},
        "priority_dots": {"bus": 2},
        "own_proposal": {"title": "Bank am Bahnhof", "text": "Eine Bank mit Dach an der Haltestelle, damit man im Regen warten kann."},
    }


# -- 2. Arabic, on a phone ------------------------------------------------------------------------------


def test_another_completes_it_in_arabic_on_a_phone_right_to_left(arrive, store, forum):
    before = store.submissions(SESSION)
    karim = arrive(PHONE)  # the QR code on the wall: no kiosk, no language yet
    karim.choose_language("ar")
    root = karim.page.locator(".ft-ballot")
    assert "ft-rtl" in root.get_attribute("class")
    assert root.evaluate("(element) => getComputedStyle(element).direction") == "rtl"
    next_button = karim.page.get_by_role("button", name="التالي", exact=True)
    assert next_button.is_visible() and karim.ui("Next") == "التالي"
    assert karim.progress() == karim.ui("Page {page} of {pages}", page=1, pages=6)

    karim.next()
    who_is_here = next(page for page in forum.pages if page.id == "who_is_here")
    shown = [text.strip() for text in karim.page.locator(".ft-question-text").all_inner_texts()]
    assert shown == [question.text.get("ar").text for question in who_is_here.questions]
    assert "كم عمركم؟" in shown
    question = karim.question("age_group")
    assert question.evaluate("(element) => getComputedStyle(element).direction") == "rtl"
    karim.choose("age_group", "age_18_29")
    karim.choose("home_language", "arabic")
    karim.next()
    karim.rate("feel_at_home", 5)
    karim.next_until("priority_dots")
    karim.add_dot("priority_dots", "german_courses")
    karim.next_until(review=True)
    assert karim.review_answers()["كم عمركم؟"] == "من 18 إلى 29 سنة"
    karim.submit()
    assert karim.page.get_by_text("تم الحفظ. شكرًا لكم!", exact=True).is_visible()

    [ballot] = new_ballots(store, before)
    assert (ballot.language, ballot.channel) == ("ar", "phone")
    assert ballot.answers == {"age_group": "age_18_29", "home_language": "arabic", "feel_at_home": 5, "priority_dots": {"german_courses": 1}}


def test_the_page_says_which_language_it_is_in_after_choosing_one(arrive):
    """<html lang dir> follow the language chosen in the ballot, so a screen reader reads Arabic with
    an Arabic voice; each language's name on the start screen is marked as that language."""
    karim = arrive(PHONE)  # the QR code on the wall: no ?lang= in the link
    html = "() => [document.documentElement.lang, document.documentElement.dir]"
    assert karim.page.evaluate(html) == ["de", "ltr"]
    names = "() => Object.fromEntries([...document.querySelectorAll('.ft-language')].map(b => [b.textContent.trim(), b.lang]))"
    assert karim.page.evaluate(names)["العربية"] == "ar" and karim.page.evaluate(names)["Kurmancî"] == "kmr"

    karim.choose_language("ar")
    assert karim.page.evaluate("document.querySelector('.ft-ballot .ft-screen').closest('[lang]').lang") == "ar"
    assert karim.page.evaluate(html) == ["ar", "rtl"]
    karim.page.evaluate("window.dispatchEvent(new Event('offline'))")  # the banner speaks the chosen language too
    assert karim.page.locator("#forum-connection .forum-connection-message").inner_text() == karim.ui(
        "No connection to the server. Your answers are not saved yet.")
    karim.page.evaluate("window.dispatchEvent(new Event('online'))")

    karim.choose_language("kmr")  # later, from the language bar
    assert karim.page.evaluate(html) == ["kmr", "ltr"]


# -- 3. Conditions ----------------------------------------------------------------------------------------


def test_a_condition_shows_the_newcomers_page_and_hides_it_again_with_its_answers(arrive, store):
    before = store.submissions(SESSION)
    lena = arrive(PHONE)
    lena.choose_language("de")
    lena.next()
    assert lena.progress() == "Seite 2 von 6"
    lena.choose("years_in_town", "years_1_5")  # new in town: the newcomers' page joins the ballot
    lena.next()
    assert lena.progress() == "Seite 3 von 7"

    # On the same page, a question that only follows a low answer on safety.
    assert not lena.shows("safety_where")
    lena.rate("town_life", 1, row_id="safety")
    lena.question("safety_where").wait_for(timeout=ROUND_TRIP)
    lena.rate("town_life", 4, row_id="safety")
    lena.question("safety_where").wait_for(state="detached", timeout=ROUND_TRIP)

    lena.next()
    assert lena.page.locator(".ft-page .ft-title").inner_text().strip() == "Neu in der Stadt"
    lena.choose("arrival_help", "german_course")
    lena.write_answer("arrival_missing", "Ein Stadtplan in meiner Sprache")

    lena.back()
    lena.back()
    lena.choose("years_in_town", "more_than_20")  # changed her mind: living here for long
    lena.next()
    assert lena.progress() == "Seite 3 von 6"
    lena.next()
    assert not lena.shows("arrival_help")
    assert lena.shows("priority_dots")
    lena.next_until(review=True)
    review = lena.review_answers()
    assert lena.text_of("arrival_help") not in review and lena.text_of("arrival_missing") not in review
    lena.submit()

    [ballot] = new_ballots(store, before)
    assert ballot.answers == {"years_in_town": "more_than_20", "town_life": {"safety": 4}}


def test_a_tap_on_next_while_a_condition_shows_a_question_is_not_lost(arrive, store):
    """A condition changes only the list of questions: Next stays the same button on the page, so
    a tap on it right after an answer that shows a question still counts."""
    before = store.submissions(SESSION)
    lena = arrive(PHONE)
    lena.choose_language("de")
    lena.next()
    lena.next()
    assert lena.progress() == "Seite 3 von 6"
    next_button = lena.button(lena.ui("Next"))
    next_button.evaluate("(element) => { element.dataset.before = 'yes'; }")
    lena.rate("town_life", 1, row_id="safety")  # a question joins the page ...
    lena.question("safety_where").wait_for(timeout=ROUND_TRIP)
    lena.rate("town_life", 4, row_id="safety")  # ... and leaves it again
    lena.question("safety_where").wait_for(state="detached", timeout=ROUND_TRIP)
    assert next_button.evaluate("(element) => element.dataset.before") == "yes"  # the same button all along

    lena.point("town_life", 1, row_id="safety").tap()  # and then, without waiting for the page:
    next_button.tap()
    lena.page.locator(".ft-progress").get_by_text("Seite 4 von 6", exact=True).wait_for(timeout=ROUND_TRIP)
    lena.settle()
    lena.back()
    assert lena.shows("safety_where")  # both taps arrived, in order
    lena.next_until(review=True)
    lena.submit()
    [ballot] = new_ballots(store, before)
    assert ballot.answers == {"town_life": {"safety": 1}}


# -- 4. Ballot codes ------------------------------------------------------------------------------------


def test_a_used_code_and_codes_of_another_round_or_nobody_are_refused(arrive, store, council):
    from forum_toolkit.i18n import refusal_text, wording_for

    code, _spare = store.create_codes(COUNCIL, 2)
    [other_round] = store.create_codes(OTHER_COUNCIL, 1)
    before = store.submissions(COUNCIL)

    amira = arrive(PHONE, f"?code={code}", "council.ipynb", council)  # the QR code on her slip
    amira.choose_language("de")
    assert amira.screen() == "code"
    assert amira.page.locator(".ft-code-input input").input_value() == code
    amira.button(amira.ui("Check code")).tap()
    amira.page.locator(".ft-page").wait_for(timeout=ROUND_TRIP)
    amira.next_until(review=True)
    amira.submit()
    assert len(new_ballots(store, before, COUNCIL)) == 1

    # Her slip was photographed: someone else opens the same link.
    omar = arrive(PHONE, f"?code={code}", "council.ipynb", council)
    omar.choose_language("ar")
    field = omar.page.locator(".ft-code-input input")

    def refused_with(reason: str) -> None:
        message = refusal_text(reason, wording_for("ar", council))
        omar.page.locator(".ft-code .ft-problem").get_by_text(message, exact=True).wait_for(timeout=ROUND_TRIP)
        assert omar.screen() == "code"

    omar.button(omar.ui("Check code")).tap()
    refused_with("code_used")
    field.fill(other_round)  # a slip from the next round
    omar.button(omar.ui("Check code")).tap()
    refused_with("code_other_session")
    field.fill("ABCD-EFGH")  # made up
    omar.button(omar.ui("Check code")).tap()
    refused_with("code_unknown")

    assert len(new_ballots(store, before, COUNCIL)) == 1
    assert tuple(store.code_counts(COUNCIL)) == (2, 1)  # the spare code is still unused
    reasons = [entry.detail.get("reason") for entry in store.audit(COUNCIL) if entry.event == "code_refused"]
    assert {"code_used", "code_other_session", "code_unknown"} <= set(reasons)


# -- 5. The kiosk starts again for the next person ------------------------------------------------------------


def test_after_the_kiosk_reset_nothing_of_the_previous_person_is_left(arrive, store):
    secret = "Mehr Licht im Schlosspark, Zeichen 7f3a"
    title = "Licht im Schlosspark"
    tablet = arrive(TABLET, "?kiosk=1")
    tablet.choose_language("de")
    tablet.next()
    tablet.choose("age_group", "age_65_plus")
    tablet.choose("neighbourhood", "old_town")
    tablet.next()
    tablet.react("town_statements", "cafe_weekly", "disagree")
    tablet.next_until("own_proposal")
    tablet.propose("own_proposal", title, secret)
    tablet.next_until(review=True)
    tablet.submit()

    tablet.page.locator(".ft-start").wait_for(timeout=(KIOSK_RESET + 60) * 1000)  # the countdown has run out
    leftovers = "() => [...document.querySelectorAll('input, textarea')].map(e => e.value).filter(v => v)"
    assert tablet.page.evaluate(leftovers) == []
    assert secret not in tablet.page.content() and title not in tablet.page.content()

    tablet.choose_language("de")  # the next person
    for _ in range(7):
        assert chosen_anywhere(tablet.page) == 0, tablet.progress()
        assert tablet.page.evaluate(leftovers) == []
        if tablet.screen() == "review":
            break
        tablet.next()
    assert set(tablet.review_answers().values()) == {tablet.ui("Not answered")}
    content = tablet.page.content()
    assert secret not in content and title not in content


# -- 6. Forged messages ------------------------------------------------------------------------------------


def test_forged_clicks_and_values_change_nothing_and_store_nothing_twice(arrive, store):
    before = store.submissions(SESSION)
    mallory = arrive(PHONE)
    mallory.choose_language("de")
    mallory.next_until("priority_dots")
    forger = Forger(mallory.page)
    bus_plus = forger.id_of(mallory.dots_row("priority_dots", "bus").locator(".ft-step-plus"))
    forger.click(bus_plus)  # first, a forged click on an enabled +: it counts like a tap
    mallory.dots_row("priority_dots", "bus").locator(".ft-dot-count").get_by_text("1", exact=True).wait_for()
    for _ in range(2):
        mallory.add_dot("priority_dots", "bus")  # 3: as many as one option may hold
    mallory.add_dot("priority_dots", "housing")
    mallory.add_dot("priority_dots", "housing")  # 5: every dot spent
    plus = {option.id: forger.id_of(mallory.dots_row("priority_dots", option.id).locator(".ft-step-plus"))
            for option in mallory.question_of("priority_dots").options}  # fmt: skip
    assert mallory.dots_row("priority_dots", "bus").locator(".ft-step-plus").is_disabled()

    for comm_id in plus.values():  # clicks on disabled + buttons, and one enabled by a forged trait
        forger.click(comm_id)
        forger.click(comm_id)
    forger.update(plus["youth"], {"disabled": False})
    forger.click(plus["youth"])
    count = forger.id_of(mallory.dots_row("priority_dots", "bus").locator(".ft-dot-count"))
    forger.update(count, {"value": "<div>99</div>"})  # a count no tap can reach, shown by the page
    # A real tap after the forged messages: the kernel answers in order, so they have been handled.
    mallory.dots_row("priority_dots", "housing").get_by_role("button", name="\N{MINUS SIGN}").tap()
    mallory.dots_row("priority_dots", "housing").locator(".ft-dot-count").get_by_text("1", exact=True).wait_for()
    assert mallory.dots_on("priority_dots", "youth") == "0"

    mallory.next_until("own_proposal")
    text = mallory.question("own_proposal").locator(".ft-proposal-text textarea")
    forger.update(forger.id_of(mallory.question("own_proposal").locator(".ft-proposal-text")), {"value": "x" * 100_000})
    too_many = mallory.wording.ui_plural("{count} character too many", "{count} characters too many", 99_200)
    mallory.question("own_proposal").locator(".ft-counter").get_by_text(too_many, exact=True).wait_for()
    mallory.button(mallory.ui("Next")).tap()
    at_most = mallory.wording.ui_plural("Please write at most {limit} character.", "Please write at most {limit} characters.", 800, limit=800)
    mallory.question("own_proposal").locator(".ft-problems").get_by_text(at_most, exact=True).wait_for()
    assert mallory.progress() == "Seite 5 von 6"  # refused: still on the proposals page
    mallory.write(text, "Ein Trinkbrunnen am Markt", 800)
    mallory.write(mallory.question("own_proposal").locator(".ft-proposal-title input"), "Trinkbrunnen", 80)
    mallory.next_until(review=True)
    assert mallory.review_answers()[mallory.text_of("priority_dots")] == "Mehr Busse in die Kreisstadt: 3, Bezahlbare Wohnungen: 1"

    # Submit's comm from the review, clicked after going back to the last page: it is closed.
    stale_submit = forger.find("ft-submit")
    assert len(stale_submit) == 1
    mallory.back()
    forger.click(stale_submit[0])
    mallory.next()  # a real tap after the forged one
    assert mallory.screen() == "review"
    assert new_ballots(store, before) == []

    # Two clicks on Submit in one go (no view in between), then the closed one replayed.
    [submit] = forger.find("ft-submit")
    forger.click(submit)
    forger.click(submit)
    mallory.page.locator(".ft-saved").wait_for()
    forger.click(submit)
    forger.click(stale_submit[0])
    mallory.choose_language("en")  # a real tap after the forged ones: the thank-you screen in English
    mallory.page.get_by_text("Saved. Thank you!", exact=True).wait_for()

    [ballot] = new_ballots(store, before)
    assert ballot.answers["priority_dots"] == {"bus": 3, "housing": 1}
    assert ballot.answers["own_proposal"] == {"title": "Trinkbrunnen", "text": "Ein Trinkbrunnen am Markt"}
    assert [entry for entry in store.audit(SESSION) if entry.event == "submission_refused"] == []


def test_a_forged_code_of_100000_characters_is_refused_and_audited(arrive, store, council):
    from forum_toolkit.i18n import refusal_text, wording_for

    before = store.submissions(COUNCIL)
    audited = len(store.audit(COUNCIL))
    guesser = arrive(PHONE, "", "council.ipynb", council)
    guesser.choose_language("de")
    forger = Forger(guesser.page)
    forger.update(forger.id_of(guesser.page.locator(".ft-code-input")), {"value": "A" * 100_000})
    message = refusal_text("code_unknown", wording_for("de", council))
    guesser.page.locator(".ft-code .ft-problem").get_by_text(message, exact=True).wait_for()
    assert guesser.screen() == "code"
    [check] = forger.find("ft-primary", guesser.ui("Check code"))
    forger.click(check)
    forger.click(check)
    guesser.page.wait_for_timeout(500)
    assert new_ballots(store, before, COUNCIL) == []
    refusals = [entry for entry in store.audit(COUNCIL)[audited:] if entry.event == "code_refused"]
    assert refusals and {entry.detail["reason"] for entry in refusals} == {"code_unknown"}
    assert all("A" * 41 not in str(entry.detail) for entry in refusals)  # the code is cut to 40, not logged whole


# -- 7. The Wi-Fi drops at the moment of submitting ---------------------------------------------------------


@pytest.fixture
def wifi(server):
    wifi = Wifi(server.port)
    wifi.start()
    yield wifi
    wifi.stop()


def test_a_dropped_connection_never_shows_saved_and_a_retry_stores_once(wifi, arrive, store):
    before = store.submissions(SESSION)
    sami = arrive(PHONE, origin=f"http://127.0.0.1:{wifi.port}")
    sami.choose_language("de")
    sami.next()
    sami.choose("age_group", "under_18")
    sami.next_until(review=True)

    wifi.cut()
    sami.page.wait_for_function("window.forumConnection.state === 'lost'", timeout=ROUND_TRIP)
    assert sami.page.locator("#forum-connection").is_visible()
    sami.button(sami.ui("Submit")).tap()
    sami.page.wait_for_timeout(2000)
    assert sami.page.get_by_text(sami.ui("Saved. Thank you!")).count() == 0
    assert new_ballots(store, before) == []

    wifi.start()  # the Wi-Fi is back
    sami.page.wait_for_function("window.forumConnection.state === 'connected'", timeout=PAGE_LOAD)
    assert not sami.page.locator("#forum-connection").is_visible()
    sami.settle()
    assert sami.screen() == "review"  # the tap made during the outage never reached the kernel
    sami.submit()
    [ballot] = new_ballots(store, before)
    assert ballot.answers == {"age_group": "under_18"}


def test_a_ballot_whose_confirmation_was_lost_is_stored_once_and_confirmed_after_reconnecting(wifi, arrive, store):
    before = store.submissions(SESSION)
    sami = arrive(PHONE, origin=f"http://127.0.0.1:{wifi.port}")
    sami.choose_language("de")
    sami.next()
    sami.choose("age_group", "age_45_64")
    sami.next_until(review=True)
    forger = Forger(sami.page)
    [submit] = forger.find("ft-submit")

    wifi.deaf = True  # the tap leaves; nothing comes back
    sami.button(sami.ui("Submit")).tap()
    wait_for(lambda: len(new_ballots(store, before)) == 1, message="the Submit tap never reached the kernel")
    sami.page.wait_for_timeout(1000)
    assert sami.screen() == "review"  # not told "saved": the kernel's answer did not arrive
    assert sami.page.get_by_text(sami.ui("Saved. Thank you!")).count() == 0

    wifi.cut()
    wifi.deaf = False
    sami.page.wait_for_function("window.forumConnection.state === 'lost'", timeout=ROUND_TRIP)
    wifi.start()
    sami.page.wait_for_function("window.forumConnection.state === 'connected'", timeout=PAGE_LOAD)
    sami.page.locator(".ft-saved").get_by_text(sami.ui("Saved. Thank you!"), exact=True).wait_for()  # from the kernel's state
    forger.click(submit)  # the same Submit again, as a page that retries would send it
    sami.choose_language("en")  # a real tap after it: the kernel has handled the retry
    [ballot] = new_ballots(store, before)
    assert ballot.answers == {"age_group": "age_45_64"}


# -- 8. Participant text is text ----------------------------------------------------------------------------


def test_a_proposal_with_markup_and_dollars_shows_as_typed_in_the_review(arrive, store):
    before = store.submissions(SESSION)
    title = "<img src=x onerror=alert(1)> $5 and $10"
    text = "Eintritt ins Freibad: $5 and $10 sind zu viel. <script>alert(2)</script> \\(x^2\\)"
    jonas = arrive(PHONE)
    jonas.choose_language("de")
    jonas.next_until("own_proposal")
    jonas.propose("own_proposal", title, text)
    jonas.next_until(review=True)

    assert jonas.review_answers()[jonas.text_of("own_proposal")] == title
    assert jonas.page.get_by_text(title, exact=True).is_visible()
    assert jonas.page.locator(".ft-ballot img, .ft-ballot script").count() == 0
    assert jonas.page.locator("img[src='x']").count() == 0
    assert jonas.page.locator("mjx-container, .MathJax, .MathJax_Preview, script[type^='math/tex']").count() == 0
    jonas.submit()
    assert jonas.dialogs == []
    [ballot] = new_ballots(store, before)
    assert ballot.answers == {"own_proposal": {"title": title, "text": text}}


# -- 9. Accessibility ---------------------------------------------------------------------------------------

BLOCKING = {"serious", "critical"}


def axe_violations(person: Participant, where: str) -> list[dict]:
    """axe-core's violations on the page, each marked whether it is in the ballot or in Voilà's page."""
    from axe_playwright_python.sync_playwright import Axe

    person.settle()
    results = Axe().run(person.page).response
    found = []
    for violation in results["violations"]:
        targets = [node["target"][-1] for node in violation["nodes"] if isinstance(node["target"][-1], str)]
        ours = person.page.evaluate(IN_BALLOT, targets)
        found.append({"where": where, "id": violation["id"], "impact": violation["impact"], "help": violation["help"],
                      "ours": ours, "targets": targets[:4]})  # fmt: skip
    return found


IN_BALLOT = """(selectors) => selectors.some((selector) => {
  const element = document.querySelector(selector);
  return element !== null && element.closest('.ft-ballot') !== null;
})"""


def test_axe_finds_nothing_serious_on_the_ballots_screens(arrive, capsys):
    require("axe_playwright_python", "axe-playwright-python is not installed (pip install axe-playwright-python)")
    found = []
    tablet = arrive(TABLET, "?kiosk=1")
    found += axe_violations(tablet, "start screen (tablet)")
    tablet.choose_language("de")
    tablet.next()
    found += axe_violations(tablet, "question page (tablet)")
    tablet.next()
    tablet.rate("town_life", 3, row_id="neighbours")
    found += axe_violations(tablet, "scale and matrix page (tablet)")
    tablet.next_until(review=True)
    found += axe_violations(tablet, "review (tablet)")
    tablet.submit()
    found += axe_violations(tablet, "thank-you screen (tablet)")

    phone = arrive(PHONE, "?lang=ar")
    phone.choose_language("ar")
    phone.next()
    found += axe_violations(phone, "question page (phone, Arabic)")

    with capsys.disabled():
        for violation in found:
            print(f"\naxe {violation['impact']:>8} {violation['id']} ({violation['where']}; "
                  f"{'ballot' if violation['ours'] else 'page chrome'}): {violation['help']} {violation['targets']}")  # fmt: skip
    # Voilà's page chrome (outside .ft-ballot) counts as much as our widgets: a screen reader reads
    # the whole page. Nothing serious may be there, whoever drew it. What is left (moderate or
    # minor) is printed, but "region" is not allowed either: everything the person reads is inside
    # the page's main landmark (#rendered_cells, role="main", in the forum-kiosk template).
    blocking = [violation for violation in found if violation["impact"] in BLOCKING]
    assert blocking == []
    assert [violation for violation in found if violation["id"] in LANDMARKS] == []


LANDMARKS = {"region", "landmark-one-main", "landmark-no-duplicate-main", "landmark-main-is-top-level"}


# -- 10. Screenshots for the docs --------------------------------------------------------------------------


def save_screenshot(person: Participant, name: str) -> Path:
    person.settle()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    person.page.screenshot(path=str(path))
    assert path.read_bytes().startswith(b"\x89PNG")
    return path


def test_screenshots_of_the_start_and_the_first_questions(arrive):
    tablet = arrive(TABLET, "?kiosk=1")
    save_screenshot(tablet, "ballot-start-de.png")

    tablet = arrive(TABLET, "?kiosk=1&lang=ar")
    tablet.choose_language("ar")
    tablet.next()  # the first page with questions to answer
    tablet.choose("age_group", "age_30_44")
    save_screenshot(tablet, "ballot-page-ar.png")
    tablet.choose_language("fa")  # from the language bar: the same page and answer, in Farsi
    assert tablet.question("age_group").locator(".ft-chosen").count() == 1
    save_screenshot(tablet, "ballot-page-fa.png")

    phone = arrive(PHONE)
    phone.choose_language("de")
    phone.next()
    phone.next()
    phone.rate("feel_at_home", 4)
    save_screenshot(phone, "ballot-phone-de.png")

    readme = (ROOT / "README.md").read_text(encoding="utf-8")  # "What participants see" shows every one
    linked = set(re.findall(r'src="docs/screenshots/(ballot-[\w.-]+\.png)"', readme))  # the console's and projector's are the live apps'
    assert linked == {path.name for path in SCREENSHOTS.glob("ballot-*.png")}
