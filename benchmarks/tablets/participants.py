"""What a participant taps, for the ballot app and for the bare comparison notebook.

A `Script` names buttons by what the screen shows on them (their `description`), as a person reads
them: the language's own name, the option's label, "Weiter", "Absenden". For the ballot these
come from the consultation and the gettext catalogs (`wording_for`), so a changed translation or
screen shows up here as a tap that finds no button, not as a silently wrong measurement.

    outcome = Outcome(index=0)
    await open_ballot(tablet, script, outcome)    # page, websocket, the language tap: time to interactive
    await answer(tablet, script, outcome)         # required questions, Next until Submit shows
    await submit(tablet, script, outcome)         # Submit until "saved" shows
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from tablets.tablet import Tablet, TabletError

MAX_PAGES = 20  # Next taps before a participant gives up: a page that never lets them on is a failure


@dataclass(frozen=True)
class Script:
    """The buttons one participant taps, in order."""

    first: str  # the first tap: a language on the ballot's start screen ("Deutsch")
    submit: str  # on the review screen
    saved: str  # the text that shows once the ballot is stored
    answers: tuple[str, ...] = ()  # option buttons for the required questions, tapped where they show
    next: str | None = None  # the Next button between pages (None: the Submit button shows at once)


@dataclass
class Outcome:
    """One simulated tablet's figures (seconds) or its error."""

    index: int
    kernel_id: str = ""
    first_byte: float | None = None  # page requested -> first byte of the answer
    page: float | None = None  # page requested -> last byte
    interactive: float | None = None  # page requested -> the first tap's first widget change
    answering: float | None = None  # first answer tapped -> the Submit button shows (every page done)
    submit: float | None = None  # Submit tapped -> "saved" shows
    saved: bool = False
    error: str = ""
    kernel_errors: list[str] = field(default_factory=list)
    messages: int = 0  # kernel messages this page received, from the page to "saved"
    kilobytes: float = 0.0


def ballot_scripts(consultation) -> list[Script]:
    """One script per language of the consultation: choose it, answer every required question with
    its last option, Next until the review screen, Submit. Only single-choice questions can be
    required here; another required kind raises ValueError (give the benchmark a simpler file)."""
    from forum_toolkit.i18n import wording_for

    scripts = []
    for language in consultation.languages:
        wording = wording_for(language.code, consultation)
        answers = []
        for question in consultation.questions:
            if not question.required:
                continue
            if question.kind.value != "single_choice":
                raise ValueError(f"required question {question.id!r} is a {question.kind.value}: the benchmark only answers single_choice")
            answers.append(wording.text(question.options[-1].label))
        scripts.append(
            Script(
                first=language.name, answers=tuple(answers), next=wording.ui("Next"), submit=wording.ui("Submit"),
                saved=wording.ui("Saved. Thank you!"),
            )  # fmt: skip
        )
    return scripts


BARE_SCRIPT = Script(first="Yes", submit="Submit", saved="saved")


async def open_ballot(tablet: Tablet, script: Script, outcome: Outcome, on_page: Callable[[str], None] | None = None) -> None:
    """Load the page, connect, make the first tap: the time to interactive.

    `on_page(kernel_id)` is called once the page is complete, before the websocket opens."""
    await tablet.open_page()
    outcome.kernel_id = tablet.kernel_id
    outcome.first_byte = tablet.first_byte - tablet.started
    outcome.page = tablet.page_done - tablet.started
    if on_page is not None:
        on_page(tablet.kernel_id)
    await tablet.connect()
    reply = await tablet.tap(tablet.widgets.button(script.first), f"first button {script.first!r}")
    outcome.interactive = reply.first - tablet.started


async def answer(tablet: Tablet, script: Script, outcome: Outcome) -> None:
    """Answer the required questions and tap Next until the Submit button shows (the review screen)."""
    began = time.perf_counter()
    for _ in range(MAX_PAGES):
        if tablet.widgets.button(script.submit) is not None:
            outcome.answering = time.perf_counter() - began
            return
        for label in script.answers:
            option = tablet.widgets.button(label)
            if option is not None and not tablet.widgets.has_class(option, "ft-chosen"):
                await tablet.tap(option, f"option {label!r}")
        if script.next is None:
            break
        await tablet.tap(tablet.widgets.button(script.next), f"{script.next!r}")
    raise TabletError("review", f"no {script.submit!r} button after {MAX_PAGES} pages")


async def submit(tablet: Tablet, script: Script, outcome: Outcome) -> None:
    """Tap Submit; the time until the text `script.saved` shows is the participant's wait."""
    saved = tablet.expect(lambda: tablet.widgets.shows(script.saved))
    sent = time.perf_counter()
    await tablet.tap(tablet.widgets.button(script.submit), f"{script.submit!r}")
    seen = await tablet.wait_until(saved, f"{script.saved!r}")
    outcome.submit = seen - sent
    outcome.saved = True
