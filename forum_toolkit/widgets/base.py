"""What every question widget is: it shows one question in the participant's language and emits an
answer. It holds no SQL and no rules: `forum_toolkit.consultation.answers` checks every answer again
in Python before anything is stored, whatever a browser sends.

A view is built for one question in one language, optionally with an earlier answer to show again
(switching the language rebuilds the views with the answers kept):

    view = view_for(question, wording, answer=previous, on_change=remember)
    box.children = [view.widget]
    view.answer()                 # the answer in the shape answers.py documents, or None
    view.show_problems(["Please answer this question."])   # already translated by the app
    view.close()                  # every widget closed: no stale button can be replayed

Every view has the same frame: the question text, "Required" or "Optional", the help text when the
file gives one, a "Read aloud" button (see read_aloud.py), then the kind's own widgets, then an
empty problem area.

Participant text (option labels written by staff, proposals written by residents) is always shown as
text: as a `Button` description, a `Text`/`Textarea` value, or in an `HTML` widget after
`html.escape`. Not as a `Label`: Voilà typesets a Label's value with MathJax, so a proposal saying
"costs $5, not $50" would turn into a formula. (`HTML` values are inserted as raw innerHTML: only
`text_block` below builds them, and it escapes.)

A browser can set any synced trait and click disabled buttons. Views therefore keep their state in
Python and derive the widgets from it: a tap is read as "this button was tapped", never as "the
browser says the answer is now X", and a tap that the view shows as impossible (a disabled button)
changes nothing. What a view returns is always in its kind's shape; whether it is valid is for
answers.py to say.
"""

from __future__ import annotations

import functools
import html
import logging
from typing import Any, Callable, Iterable, Protocol, Sequence

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle

from forum_toolkit.consultation.model import Kind, Question, Text
from forum_toolkit.widgets.read_aloud import read_aloud_button

__all__ = ["AnswerListener", "QuestionView", "VIEWS", "Wording", "registers", "view_for"]

log = logging.getLogger("forum_toolkit.widgets")

AnswerListener = Callable[[str, Any], None]  # (question id, new answer or None)


class Wording(Protocol):
    """The participant's language: interface strings from the gettext catalogs and consultation
    texts from the file, each marked visibly when it had to fall back to another language."""

    language: str
    direction: str  # "ltr" or "rtl"

    def ui(self, message: str, **params: Any) -> str:
        """An interface string (an English msgid) in the participant's language."""

    def ui_plural(self, singular: str, plural: str, count: int, **params: Any) -> str:
        """An interface string that depends on a number ("1 dot left", "3 dots left")."""

    def text(self, text: Text) -> str:
        """A text from the consultation file in the participant's language."""


class QuestionView:
    """The base of every question widget.

    A subclass implements `build(answer)`, which creates the kind's own widgets showing `answer`
    (None: nothing chosen yet) and returns them, and `answer()`. It calls `self.changed()` after
    every tap that changed its state.
    """

    kind: Kind

    def __init__(self, question: Question, wording: Wording, answer: Any = None, on_change: AnswerListener | None = None):
        self.question = question
        self.wording = wording
        self._on_change = on_change
        self._problems = text_block("", "ft-problems", "ft-hidden")
        body = self.build(answer)
        self.widget: w.Box = box(
            [*self._heading(), *body, self._problems],
            "ft-question",
            f"ft-kind-{question.kind.value}",
            "ft-dir-rtl" if wording.direction == "rtl" else "ft-dir-ltr",
        )

    def build(self, answer: Any) -> list[w.Widget]:
        """Create the kind's widgets, showing `answer` (None: nothing chosen yet), and return them."""
        raise NotImplementedError

    def answer(self) -> Any:
        """The current answer in the shape answers.py documents, or None when unanswered."""
        raise NotImplementedError

    def spoken(self) -> list[str]:
        """What "Read aloud" reads after the question and its help: the options, say."""
        return []

    def changed(self) -> None:
        """Call after every tap that changed the answer: problems shown earlier are cleared (the
        app checks again on "Next") and the listener hears (question id, answer)."""
        self.show_problems([])
        if self._on_change is not None:
            self._on_change(self.question.id, self.answer())

    def show_problems(self, messages: Sequence[str]) -> None:
        """Show translated problems under the question (an empty list hides the area)."""
        items = "".join(f'<li dir="auto">{html.escape(message)}</li>' for message in messages)
        self._problems.value = f'<ul role="alert">{items}</ul>' if items else ""
        mark(self._problems, "ft-hidden", not items)
        mark(self.widget, "ft-has-problems", bool(items))

    def close(self) -> None:
        """Close every widget of this view, so that no stale comm can be replayed later."""
        _close_all(self.widget)

    def _heading(self) -> list[w.Widget]:
        question, wording = self.question, self.wording
        heading = [text_block(wording.text(question.text), "ft-question-text", heading=True)]
        if question.takes_answer:
            if question.required:
                heading.append(text_block(wording.ui("Required"), "ft-marker", "ft-required"))
            else:
                heading.append(text_block(wording.ui("Optional"), "ft-marker", "ft-optional"))
        help_text = wording.text(question.help) if question.help.values else ""
        if help_text:
            heading.append(text_block(help_text, "ft-question-help"))
        spoken = [wording.text(question.text), help_text, *self.spoken()]
        button = read_aloud_button(wording.ui("Read aloud"), wording.language, spoken)
        return heading if button is None else [*heading, button]


def _close_all(widget: w.Widget) -> None:
    """Close `widget`, everything inside it, and the layout and style widgets each one comes with
    (ipywidgets makes those separate widgets: left open, a kiosk kernel would keep them forever),
    except the shared ones (`shared`), which live as long as the kernel."""
    for child in getattr(widget, "children", ()):
        _close_all(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if isinstance(part, w.Widget) and not any(part is kept for kept in _SHARED.values()):
            part.close()
    widget.close()


# Every stock widget comes with a Layout widget, and a button or an HTML block with a style widget
# too: on a page of statements, 130 of its 210 widget models, each one more message for a tablet to
# receive and a model to build before the page can show. Ours take their looks from the stylesheet,
# so they share one layout and one style of each kind, made once per kernel and never closed. Nothing
# may change a shared one (it would change every widget that uses it).
_SHARED: dict[str, w.Widget] = {}


def shared(part: str) -> w.Widget:
    """The kernel's shared "layout", "auto_layout" (width and height auto), "button_style" or "html_style"."""
    if part not in _SHARED:
        makers = {
            "layout": w.Layout, "auto_layout": lambda: w.Layout(width="auto", height="auto"),
            "button_style": w.ButtonStyle, "html_style": HTMLStyle,
        }  # fmt: skip
        _SHARED[part] = makers[part]()
    return _SHARED[part]


# -- the registry --------------------------------------------------------------------------------

VIEWS: dict[Kind, type[QuestionView]] = {}


def registers(kind: Kind):
    """Class decorator: `@registers(Kind.SCALE)` makes `view_for` use the class for that kind."""

    def register(cls: type[QuestionView]) -> type[QuestionView]:
        cls.kind = kind
        VIEWS[kind] = cls
        return cls

    return register


def view_for(question: Question, wording: Wording, answer: Any = None, on_change: AnswerListener | None = None) -> QuestionView:
    """The view of `question` in `wording`'s language, showing `answer` (an earlier answer, or None)."""
    try:
        view_class = VIEWS[question.kind]
    except KeyError:
        raise LookupError(f"no question widget is registered for kind {question.kind.value!r}") from None
    return view_class(question, wording, answer, on_change)


# -- small builders the kinds share ---------------------------------------------------------------


def safely(callback: Callable[..., Any]) -> Callable[..., Any]:
    """`callback` for a widget event: an exception is logged with its traceback instead of vanishing
    (Voilà shows exceptions in callbacks nowhere) and never reaches the participant."""

    @functools.wraps(callback)
    def safe(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception:  # noqa: BLE001 - a widget event must not fail silently nor loudly
            log.exception("question widget callback %s failed", getattr(callback, "__name__", callback))
            return None

    return safe


def text_block(text: str, *classes: str, heading: bool = False) -> w.HTML:
    """A block of text, shown as text: escaped, its direction taken from its own letters (an
    Arabic label in a German page still reads right to left), line breaks kept by the stylesheet."""
    block = w.HTML(layout=shared("layout"), style=shared("html_style"))
    set_text(block, text, heading=heading)
    add_classes(block, "ft-block", *classes)
    return block


def set_text(block: w.HTML, text: str, heading: bool = False) -> None:
    """Change the text of a `text_block` (a heading is announced as one by screen readers)."""
    role = ' role="heading" aria-level="3"' if heading else ""
    block.value = f'<div dir="auto"{role}>{html.escape(text)}</div>' if text else ""


def tap_button(text: str, on_tap: Callable[[], None], *classes: str) -> w.Button:
    """A big button showing `text`; `on_tap()` runs on every click (a forged one too: check state)."""
    button = w.Button(description=text, layout=shared("layout"), style=shared("button_style"))
    add_classes(button, "ft-tap", *classes)
    handler = safely(on_tap)
    button.on_click(lambda _button: handler())
    return button


def box(children: Iterable[w.Widget], *classes: str) -> w.Box:
    """A flex box; the stylesheet decides its direction from its classes (rows become columns on
    narrow screens)."""
    container = w.Box(children=list(children), layout=shared("layout"))
    add_classes(container, *classes)
    return container


def add_classes(widget: w.DOMWidget, *classes: str) -> None:
    for css_class in classes:
        widget.add_class(css_class)


def mark(widget: w.DOMWidget, css_class: str, on: bool) -> None:
    """Add or remove one CSS class (sent to the browser only when it changes)."""
    if on:
        widget.add_class(css_class)
    else:
        widget.remove_class(css_class)


def is_whole_number(value: Any) -> bool:
    """An int that is not a bool (True is an int in Python, but never an answer)."""
    return isinstance(value, int) and not isinstance(value, bool)
