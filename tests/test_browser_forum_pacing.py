"""The forum evening led from the front, in a real browser: three tablets follow the facilitator.

One `forum-toolkit serve` runs the real ballot notebook for the forum evening (see
browser_support.py), three kiosk tablets (Chromium, 800×1280, touch) open it, and the facilitator
works through the store, as the console does with each of its buttons. The scenario reads like the
evening: the room waits, the first question opens, the facilitator moves on to the second and every
tablet shows it within a second (measured on the pages' own clock from the moment the facilitator's
change was made); then the statements come, and a participant's own statement, written on one tablet
with markup in it, reaches the two others as plain text once the moderation has approved it.

Every tablet fails the scenario on any JavaScript dialog (an alert from participant text, say), and
so does an exception in a ballot callback. About a minute on two idle cores.
"""

from __future__ import annotations

import time

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, FORUM_EVENING, ROUND_TRIP, TABLET, BallotServer, Participant, seen_at, watch_for
from test_serve_support import SESSION, require

pytestmark = pytest.mark.slow

SCRIPT = "<img src=x onerror=alert(1)>"
TABLETS = 3
SWITCH_SECONDS = 1.0  # the promise: every tablet shows the opened question within a second
# The statements page is the heaviest of the evening (80 widgets: five cards of three buttons, the
# field for her own statement). Three Chromium tablets, Voilà and the kernels share two cores here,
# with other engineers' tests beside them: measured 0.57 s at a load average of 5, and 1.1-2.0 s at
# load averages of 10-15. The promise is checked on the second question; this page gets room.
HEAVY_PAGE_SECONDS = 3.0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require("voila", "Voilà is not installed (pip install voila)")
    require("playwright", "Playwright is not installed (pip install playwright)")
    require(CHROMIUM, f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    server = BallotServer(tmp_path_factory.mktemp("pacing"), tablets=TABLETS)
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def facilitator(server):
    """The facilitator's store: what each button of the console calls."""
    from forum_toolkit.store import open_store

    store = open_store(server.db_url)
    store.set_pacing(SESSION, "facilitator_led")
    yield store
    store.close()


@pytest.fixture(scope="module")
def forum():
    from forum_toolkit.consultation.load import load_consultation

    return load_consultation(FORUM_EVENING)


@pytest.fixture(scope="module")
def tablets(server, facilitator, forum):
    """Three kiosk tablets on the tables, each with a German participant; any dialog is a failure."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        people = []
        logged = len(server.stderr)
        for _ in range(TABLETS):
            context = browser.new_context(**TABLET)
            page = context.new_page()
            page.set_default_timeout(ROUND_TRIP)
            person = Participant(page, forum)
            page.on("dialog", lambda dialog, person=person: (person.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
            people.append(person.open(server.url("?kiosk=1")))
        yield people
        dialogs = [dialog for person in people for dialog in person.dialogs]
        for person in people:
            person.page.close(run_before_unload=True)
        browser.close()
        assert not dialogs, f"a JavaScript dialog appeared: {dialogs}"
        failures = [line for line in server.stderr[logged:] if "ballot" in line and ("failed" in line or "stopped" in line)]
        assert not failures, "a ballot callback or task failed:\n" + "\n".join(failures)


def opened_for_all(facilitator, tablets, question_id: str) -> list[float]:
    """The facilitator opens the question; how long each tablet took to show it (seconds)."""
    for tablet in tablets:
        watch_for(tablet.page, ".ft-question-text", tablet.text_of(question_id))
    opened_at = time.time() * 1000
    facilitator.open_question(SESSION, question_id)
    return [(seen_at(tablet.page, ".ft-question-text", tablet.text_of(question_id)) - opened_at) / 1000 for tablet in tablets]


def test_the_room_waits_until_the_facilitator_opens_the_first_question(tablets, facilitator):
    for tablet in tablets:
        tablet.choose_language("de")
        assert tablet.screen() == "waiting"
        assert tablet.page.get_by_text(tablet.ui("Please wait: the next question comes soon."), exact=True).is_visible()
    delays = opened_for_all(facilitator, tablets, "age_group")
    assert max(delays) < 3 * SWITCH_SECONDS, delays  # the first opening: a generous bound, the next is measured
    for tablet in tablets:
        tablet.settle()
        assert tablet.shows("age_group") and not tablet.shows("years_in_town")


def test_every_tablet_shows_the_second_question_within_a_second_with_answers_kept(tablets, facilitator, server):
    before = facilitator.submissions(SESSION)
    tablets[0].choose("age_group", next(o.id for o in tablets[0].question_of("age_group").options))
    delays = opened_for_all(facilitator, tablets, "years_in_town")
    print(f"\ntablets showed the second question after {[round(d, 3) for d in delays]} s")
    assert max(delays) < SWITCH_SECONDS, delays
    for tablet in tablets:
        tablet.settle()
        assert tablet.shows("years_in_town") and not tablet.shows("age_group")
        assert tablet.progress() == ""  # no page count: the facilitator sets the pace
    facilitator.open_page(SESSION, "who_is_here")
    tablets[0].page.locator(".ft-question").filter(has_text=tablets[0].text_of("household_size")).wait_for(timeout=ROUND_TRIP)
    tablets[0].settle()
    assert tablets[0].page.locator(".ft-chosen").count() == 1  # her answer to the first question is still there
    assert facilitator.submissions(SESSION) == before  # nothing is stored before she submits


def test_a_statement_written_on_one_tablet_reaches_the_others_as_text_once_approved(tablets, facilitator):
    writer, *others = tablets
    delays = opened_for_all(facilitator, tablets, "town_statements")
    print(f"tablets showed the statements after {[round(d, 3) for d in delays]} s")
    assert max(delays) < HEAVY_PAGE_SECONDS, delays
    for tablet in tablets:
        tablet.settle()
    box = writer.question("town_statements")
    writer.write(box.locator(".ft-own-input textarea"), SCRIPT, 300)
    writer.button(writer.ui("Send statement")).tap()
    writer.page.get_by_text(writer.ui("Thank you. Your statement will be shown after moderation."), exact=True).wait_for(timeout=ROUND_TRIP)
    [item] = facilitator.moderation_queue(SESSION)
    assert (item.text, item.channel, item.language) == (SCRIPT, "tablet", "de")
    assert others[0].page.locator(".ft-item-text").count() == 0  # waiting for moderation: on no tablet
    for tablet in others:
        watch_for(tablet.page, ".ft-item-text", SCRIPT)
    approved_at = time.time() * 1000
    facilitator.approve(SESSION, item.id)
    delays = [(seen_at(tablet.page, ".ft-item-text", SCRIPT) - approved_at) / 1000 for tablet in others]
    print(f"the approved statement appeared after {[round(d, 3) for d in delays]} s")
    assert max(delays) < SWITCH_SECONDS, delays
    for tablet in others:
        tablet.settle()
        assert tablet.page.locator(".ft-ballot img").count() == 0  # shown as text, never as an element
        assert tablet.page.get_by_text(tablet.ui("Statements from participants"), exact=True).is_visible()
    reader = others[0]
    card = reader.page.locator(".ft-item").filter(has_text=SCRIPT)
    reader._tap_and_see_chosen(reader.option(reader.ui("Agree"), card))


def test_she_submits_one_ballot_with_her_reaction_when_she_is_done(tablets, facilitator):
    reader = tablets[1]
    before = len(facilitator.submissions(SESSION))
    reader.button(reader.ui("Review and submit")).tap()
    reader.page.locator(".ft-review").wait_for(timeout=ROUND_TRIP)
    reader.settle()
    reader.submit()
    assert len(facilitator.submissions(SESSION)) == before + 1
    [stance] = [s for s in facilitator.results(SESSION, "town_statements").stances if s.item is not None]
    assert (stance.item.text, stance.agree) == (SCRIPT, 1)
