"""The screens of the ballot, built from stock widgets. Each function returns a widget tree and wires
taps to the callbacks it is given; none of them decides anything (that is `flow.py`'s job).

Every text a participant reads is an escaped text block, a Button description or a Textarea value,
so a proposal like ``<img src=x onerror=alert(1)>`` shows as those characters. Not a Label: Voilà
typesets Labels with MathJax, which would turn "$5 and $10" into a formula.
"""

from __future__ import annotations

from typing import Callable, Sequence

import ipywidgets as w

from forum_toolkit.apps.summary import describe_answer
from forum_toolkit.consultation.model import Consultation, Page
from forum_toolkit.widgets.base import QuestionView, Wording, set_text, shared, text_block

Tap = Callable[[], None]


def label(text: str, *classes: str) -> w.HTML:
    """A block of text, escaped (see widgets.base.text_block); change it with `set_text`."""
    return text_block(text, "ft-text", *classes)


def button(text: str, on_tap: Tap, *classes: str, disabled: bool = False) -> w.Button:
    widget = w.Button(description=text, disabled=disabled, layout=shared("auto_layout"), style=shared("button_style"))
    for css_class in ("ft-button", *classes):
        widget.add_class(css_class)
    widget.on_click(lambda _: on_tap())
    return widget


def box(children: Sequence[w.Widget], *classes: str, row: bool = False) -> w.Box:
    widget = (w.HBox if row else w.VBox)(children=list(children), layout=shared("layout"))
    for css_class in classes:
        widget.add_class(css_class)
    return widget


def language_screen(consultation: Consultation, wording: Wording, on_choose: Callable[[str], None]) -> w.Box:
    """The start screen: the title, then one big button per language, each in its own name."""
    choices = [
        button(language.name, lambda code=language.code: on_choose(code), "ft-language", f"ft-lang-{language.code}")
        for language in consultation.languages
    ]
    return box(
        [
            label(wording.text(consultation.title), "ft-title"),
            label(wording.text(consultation.description), "ft-description"),
            label(wording.ui("Choose your language"), "ft-prompt"),
            box(choices, "ft-languages"),
        ],
        "ft-screen",
        "ft-start",
    )


def code_screen(wording: Wording, typed: str, message: str, on_check: Callable[[str], None]) -> w.Box:
    """Asks for the single-use ballot code (filled in when the QR link carried it)."""
    field = w.Text(value=typed, placeholder="ABCD-EFGH", continuous_update=False)
    field.add_class("ft-code-input")
    check = button(wording.ui("Check code"), lambda: on_check(field.value), "ft-primary")
    field.observe(lambda change: on_check(change["new"]), "value")  # Enter, or leaving the field
    return box(
        [
            label(wording.ui("Enter your ballot code"), "ft-title"),
            label(wording.ui("The code is on your paper slip."), "ft-help"),
            field,
            label(message, "ft-problem") if message else label("", "ft-problem", "ft-empty"),
            check,
        ],
        "ft-screen",
        "ft-code",
    )


class PageScreen:
    """One page of questions. When an answer shows or hides a question on it, only the list of
    questions changes (`show_questions`) and the page count (`show_progress`): the buttons and the
    questions that stay are the same widgets, so a tap on them made meanwhile is not lost."""

    def __init__(
        self, page: Page, number: int, pages: int, views: Sequence[QuestionView], wording: Wording,
        on_back: Tap, on_next: Tap, message: str = "", *, led: bool = False,
    ):  # fmt: skip
        """`led`: the facilitator sets the pace; no page count, no Back, and the buttons are
        "Review and submit" (`on_back`) and "Done" (`on_next`)."""
        self.wording = wording
        self.progress = label("", "ft-progress", *(("ft-empty",) if led else ()))
        self.led = led
        self.show_progress(number, pages)
        self.questions = box([view.widget for view in views], "ft-questions")
        if led:
            buttons = [button(wording.ui("Review and submit"), on_back, "ft-secondary", "ft-to-review"), button(wording.ui("Done"), on_next, "ft-primary", "ft-done")]
        else:
            buttons = [button(wording.ui("Back"), on_back, "ft-secondary"), button(wording.ui("Next"), on_next, "ft-primary")]
        nav = box(buttons, "ft-nav", row=True)
        self.widget = box(
            [
                self.progress,
                label(wording.text(page.title), "ft-title") if page.title.values else label("", "ft-empty"),
                self.questions,
                label(message, "ft-problem") if message else label("", "ft-problem", "ft-empty"),
                nav,
            ],
            "ft-screen",
            "ft-page",
        )

    def show_progress(self, number: int, pages: int) -> None:
        if self.led:
            return
        set_text(self.progress, self.wording.ui("Page {page} of {pages}", page=number, pages=pages))

    def show_questions(self, views: Sequence[QuestionView]) -> None:
        self.questions.children = [view.widget for view in views]


def review_screen(
    pages: Sequence[tuple[Page, Sequence]], answers: dict, wording: Wording, on_change: Callable[[str], None], on_back: Tap, on_submit: Tap
) -> w.Box:
    """Every shown question with its answer, a Change button per page, and Submit."""
    sections = []
    for page, questions in pages:
        rows = []
        for question in questions:
            rows.append(label(wording.text(question.text), "ft-review-question"))
            rows.append(label(describe_answer(question, answers.get(question.id), wording), "ft-review-answer"))
        change = button(wording.ui("Change"), lambda page_id=page.id: on_change(page_id), "ft-secondary")
        sections.append(box([label(wording.text(page.title), "ft-subtitle"), *rows, change], "ft-review-page"))
    submit = button(wording.ui("Submit"), on_submit, "ft-primary", "ft-submit")
    nav = box([button(wording.ui("Back"), on_back, "ft-secondary"), submit], "ft-nav", row=True)
    return box([label(wording.ui("Review your answers"), "ft-title"), *sections, nav], "ft-screen", "ft-review")


def waiting_screen(wording: Wording, can_resume: bool, has_answers: bool, on_resume: Tap, on_review: Tap) -> w.Box:
    """Facilitator-led, while nothing is open for her: a friendly word, and what she can do meanwhile
    (change the answer to the question still open, or review and submit what she has answered)."""
    buttons = []
    if can_resume:
        buttons.append(button(wording.ui("Change my answer"), on_resume, "ft-secondary", "ft-resume"))
    if has_answers:
        buttons.append(button(wording.ui("Review and submit"), on_review, "ft-primary", "ft-to-review"))
    help_text = wording.ui("Your answers are kept. When the last question is done, review them and submit.") if has_answers else ""
    return box(
        [
            label(wording.ui("Please wait: the next question comes soon."), "ft-title", "ft-waiting-title"),
            label(help_text, "ft-help") if help_text else label("", "ft-help", "ft-empty"),
            box(buttons, "ft-nav", row=True),
        ],
        "ft-screen",
        "ft-waiting",
    )


def thanks_screen(wording: Wording, countdown: w.HTML | None) -> w.Box:
    """Shown only after the store has committed the ballot. On a kiosk tablet, with a countdown."""
    children = [label(wording.ui("Saved. Thank you!"), "ft-title", "ft-saved"), label(wording.ui("Your answers have been saved."), "ft-help")]
    if countdown is not None:
        children.append(countdown)
    return box(children, "ft-screen", "ft-thanks")


def close_tree(widget: w.Widget) -> None:
    """Close a widget and everything in it: a closed widget's comm cannot be replayed later."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()
