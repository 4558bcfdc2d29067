"""The consultation model: frozen objects that a loaded, validated consultation file becomes.

Nothing here reads files or checks input: `load.py` validates once at the boundary and builds these
objects, and everything downstream (widgets, store, voting, analysis) trusts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from forum_toolkit.consultation.conditions import Condition
from forum_toolkit.consultation.languages import Language


@dataclass(frozen=True)
class Translated:
    """One text in one language, saying whether it had to fall back to another language."""

    text: str
    language: str
    is_fallback: bool


@dataclass(frozen=True)
class Text:
    """A text given per language, e.g. ``Text((("de", "Hallo"), ("en", "Hello")))``."""

    values: tuple[tuple[str, str], ...]

    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.values)

    def get(self, language: str, fallbacks: tuple[str, ...] = ("de", "en")) -> Translated:
        """The text in `language`, else in the first fallback that has it, else in any language.

        The result says when it fell back, so that a page can mark it visibly.
        """
        by_language = dict(self.values)
        if language in by_language:
            return Translated(by_language[language], language, False)
        for other in (*fallbacks, *by_language):
            if other in by_language:
                return Translated(by_language[other], other, True)
        return Translated("", language, True)

    def __str__(self) -> str:
        return self.get("de").text


EMPTY_TEXT = Text(())


class Access(str, Enum):
    OPEN = "open"
    CODES = "codes"  # single-use ballot codes


class Kind(str, Enum):
    """The question kinds a consultation file can use (`kind:` in the file)."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE = "scale"
    MATRIX = "matrix"
    RANKING = "ranking"
    DOTS = "dots"
    APPROVAL = "approval"
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    STATEMENTS = "statements"
    PROPOSAL = "proposal"
    INFO = "info"


class Stance(str, Enum):
    """A participant's reaction to a statement."""

    AGREE = "agree"
    DISAGREE = "disagree"
    PASS = "pass"


@dataclass(frozen=True)
class Option:
    id: str
    label: Text


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: Text


@dataclass(frozen=True)
class Question:
    """What every question kind has. Each kind below adds its own fields."""

    id: str
    text: Text
    help: Text = EMPTY_TEXT
    required: bool = False
    show_if: Condition | None = None
    # A question that asks participants to describe themselves (age, how long in town, ...):
    # analysis groups by these, and suppression protects them.
    describes_participant: bool = False

    kind: Kind = field(init=False, default=Kind.INFO)

    @property
    def takes_answer(self) -> bool:
        return self.kind is not Kind.INFO


@dataclass(frozen=True)
class SingleChoice(Question):
    options: tuple[Option, ...] = ()
    kind: Kind = field(init=False, default=Kind.SINGLE_CHOICE)


@dataclass(frozen=True)
class MultipleChoice(Question):
    options: tuple[Option, ...] = ()
    min: int = 0
    max: int = 0  # load.py sets it to len(options) when the file leaves it out
    kind: Kind = field(init=False, default=Kind.MULTIPLE_CHOICE)


@dataclass(frozen=True)
class Scale(Question):
    """A Likert-type scale: every point has a value and a label."""

    points: tuple[ScalePoint, ...] = ()
    kind: Kind = field(init=False, default=Kind.SCALE)


@dataclass(frozen=True)
class Matrix(Question):
    """Several rows answered on the same scale."""

    rows: tuple[Option, ...] = ()
    points: tuple[ScalePoint, ...] = ()
    kind: Kind = field(init=False, default=Kind.MATRIX)


@dataclass(frozen=True)
class Ranking(Question):
    """Rank options in order of preference; `top` ranks only the first k (None: all)."""

    options: tuple[Option, ...] = ()
    top: int | None = None
    kind: Kind = field(init=False, default=Kind.RANKING)

    @property
    def positions(self) -> int:
        return self.top if self.top is not None else len(self.options)


@dataclass(frozen=True)
class Dots(Question):
    """Dot voting: spend up to `budget` dots over the options, at most `max_per_option` on each."""

    options: tuple[Option, ...] = ()
    budget: int = 0
    max_per_option: int = 0
    spend_all: bool = False
    kind: Kind = field(init=False, default=Kind.DOTS)


@dataclass(frozen=True)
class Approval(Question):
    """Approve any number of options (up to `max` when set)."""

    options: tuple[Option, ...] = ()
    max: int | None = None
    kind: Kind = field(init=False, default=Kind.APPROVAL)


@dataclass(frozen=True)
class Number(Question):
    min: float = 0
    max: float = 0
    integer: bool = True
    unit: Text = EMPTY_TEXT
    kind: Kind = field(init=False, default=Kind.NUMBER)


@dataclass(frozen=True)
class ShortText(Question):
    min_length: int = 0
    max_length: int = 200
    kind: Kind = field(init=False, default=Kind.SHORT_TEXT)


@dataclass(frozen=True)
class LongText(Question):
    min_length: int = 0
    max_length: int = 2000
    kind: Kind = field(init=False, default=Kind.LONG_TEXT)


@dataclass(frozen=True)
class Statements(Question):
    """Statements to agree with, disagree with or pass on, one card each."""

    statements: tuple[Option, ...] = ()
    kind: Kind = field(init=False, default=Kind.STATEMENTS)


@dataclass(frozen=True)
class Proposal(Question):
    """A participant's own proposal: a title, a text and optionally a category."""

    title_max_length: int = 120
    text_max_length: int = 1000
    categories: tuple[Option, ...] = ()
    kind: Kind = field(init=False, default=Kind.PROPOSAL)


@dataclass(frozen=True)
class Info(Question):
    """Text to read; takes no answer."""

    kind: Kind = field(init=False, default=Kind.INFO)


QUESTION_CLASSES: dict[Kind, type[Question]] = {
    Kind.SINGLE_CHOICE: SingleChoice,
    Kind.MULTIPLE_CHOICE: MultipleChoice,
    Kind.SCALE: Scale,
    Kind.MATRIX: Matrix,
    Kind.RANKING: Ranking,
    Kind.DOTS: Dots,
    Kind.APPROVAL: Approval,
    Kind.NUMBER: Number,
    Kind.SHORT_TEXT: ShortText,
    Kind.LONG_TEXT: LongText,
    Kind.STATEMENTS: Statements,
    Kind.PROPOSAL: Proposal,
    Kind.INFO: Info,
}


@dataclass(frozen=True)
class Page:
    id: str
    title: Text
    questions: tuple[Question, ...]
    show_if: Condition | None = None


@dataclass(frozen=True)
class Consultation:
    """One consultation file, validated."""

    id: str
    title: Text
    description: Text
    languages: tuple[Language, ...]
    default_language: str
    access: Access
    live_results: bool
    pages: tuple[Page, ...]
    source: str = ""  # the file it was loaded from, for messages

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for page in self.pages for q in page.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def page_of(self, question_id: str) -> Page:
        for page in self.pages:
            if any(q.id == question_id for q in page.questions):
                return page
        raise KeyError(question_id)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def fallbacks(self) -> tuple[str, ...]:
        """Languages to fall back to, in order: the default, then German and English."""
        return tuple(dict.fromkeys((self.default_language, "de", "en")))
