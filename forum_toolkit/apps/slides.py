"""What the projector shows, worked out from the store's records: pure, no widgets, no drawing.

    slide = slide_for(consultation, state, participation, results, ("de", "ar"))

The projector shows one question at a time, the *focus*: the question the facilitator opened, else
the page opened (its first question), else the last question whose results were revealed. Its
text is given in German and the room's second language; its results only if they were revealed
(and the store gives the projector revealed results only, so a hidden result is never at hand
here to leak). A `Slide` is plain data: the projector draws it (`projector.py`), and a test can
read it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from forum_toolkit.consultation.model import Consultation, Question
from forum_toolkit.i18n import CatalogWording, wording_for
from forum_toolkit.store.records import ForumState, Participation, QuestionResult

BARS, DIVERGING, STANCES, RANKING = "bars", "diverging", "stances", "ranking"


@dataclass(frozen=True)
class Line:
    """A text in one language, with its direction."""

    text: str
    language: str
    direction: str


@dataclass(frozen=True)
class Chart:
    """A revealed result, ready for `analysis.plots` (labels in the slide's first language)."""

    kind: str  # BARS, DIVERGING, STANCES or RANKING
    title: str
    labels: tuple[str, ...]
    values: tuple = ()  # BARS: counts; DIVERGING: a tuple of counts per label; STANCES: (agree, disagree, pass) per label
    point_labels: tuple[str, ...] = ()  # DIVERGING: the scale's points; STANCES: the three stances
    value_labels: tuple[str, ...] = ()  # BARS: the numbers as written at the bars' ends ("3 Punkte")
    method: str = ""  # RANKING: the counting method, in words


@dataclass(frozen=True)
class Slide:
    question_id: str | None  # the focus; None: nothing to show yet (the welcome slide)
    heading: tuple[Line, ...]  # the focus question's text (or the consultation's title) per language
    participants: Line  # "123 people took part", in the first language
    respondents: int  # who answered the focus question
    chart: Chart | None  # None: results not revealed (or nothing to count)
    waiting: Line | None  # said instead of a chart: results follow, or nothing revealed yet
    phone_link: Line | None = None  # "Vote with your phone: <address>", when the facilitator shows it


def languages_on_screen(consultation: Consultation, state: ForumState, rotation: int) -> tuple[str, ...]:
    """German (the consultation's default) and the second language: fixed, or the `rotation`-th of
    the others when the facilitator chose to rotate."""
    first = consultation.default_language
    others = [language.code for language in consultation.languages if language.code != first]
    second = state.second_language
    if second == "rotate":
        second = others[rotation % len(others)] if others else None
    return (first, second) if second and second != first else (first,)


def focus_of(consultation: Consultation, state: ForumState) -> Question | None:
    """The question the projector is about (see the module)."""
    if state.open_question:
        return consultation.question(state.open_question)
    if state.open_page:
        page = next(page for page in consultation.pages if page.id == state.open_page)
        return page.questions[0] if page.questions else None
    return consultation.question(state.revealed[-1]) if state.revealed else None


def slide_for(
    consultation: Consultation,
    state: ForumState,
    participation: Participation,
    revealed: dict[str, QuestionResult],
    languages: tuple[str, ...],
    ranking_orders: dict[str, tuple[tuple[str, ...], str]] | None = None,
    phone_url: str = "",
) -> Slide:
    """The slide for this moment. `revealed` holds the revealed questions' results only;
    `ranking_orders[question_id]` is a ranking's current order (places, each a tuple of tied option
    ids) and the counting method's name in words; `phone_url` the ballot's address for phones."""
    wordings = [wording_for(language, consultation) for language in languages]
    first = wordings[0]
    slide = _slide(consultation, state, participation, revealed, languages, wordings, ranking_orders)
    if state.phone_link_shown and phone_url:
        text = " / ".join(dict.fromkeys(wording.ui("Vote with your phone:") for wording in wordings))
        slide = replace(slide, phone_link=Line(f"{text} {phone_url}", languages[0], first.direction))
    return slide


def _slide(consultation, state, participation, revealed, languages, wordings, ranking_orders) -> Slide:
    first = wordings[0]
    participants = Line(first.ui_plural("{count} person took part", "{count} people took part", participation.submissions), languages[0], first.direction)
    question = focus_of(consultation, state)
    if question is None:
        heading = tuple(Line(wording.text(consultation.title), language, wording.direction) for wording, language in zip(wordings, languages))
        return Slide(None, heading, participants, 0, None, None)
    heading = tuple(Line(wording.text(question.text), language, wording.direction) for wording, language in zip(wordings, languages))
    answered = dict(participation.per_question).get(question.id, 0)
    result = revealed.get(question.id)
    if result is None:
        waiting = Line(first.ui("The results will be shown when the facilitator reveals them."), languages[0], first.direction)
        return Slide(question.id, heading, participants, answered, None, waiting)
    orders = ranking_orders or {}
    chart = chart_for(question, result, first, orders.get(question.id))
    return Slide(question.id, heading, participants, result.respondents, chart, None)


def chart_for(question: Question, result: QuestionResult, wording: CatalogWording, order: tuple[tuple[str, ...], str] | None = None) -> Chart | None:
    """How to draw one question's result, or None when it has nothing to draw (free text)."""
    kind = question.kind.value
    title = wording.ui_plural("{count} answer", "{count} answers", result.respondents)
    labels = _labels(question, wording)
    if kind in ("single_choice", "multiple_choice", "approval", "dots"):
        counts = dict(result.counts)
        values = tuple(counts.get(option, 0) for option in labels)
        written = tuple(wording.ui_plural("{count} dot", "{count} dots", value) for value in values) if kind == "dots" else ()
        return Chart(BARS, title, tuple(labels.values()), values, value_labels=written)
    if kind == "number":
        return Chart(BARS, title, tuple(value for value, _ in result.counts), tuple(count for _, count in result.counts))
    if kind == "scale":
        points = tuple(wording.text(point.label) or str(point.value) for point in question.points)
        return Chart(DIVERGING, title, ("",), (tuple(count for _, count in result.counts),), points)
    if kind == "matrix":
        points = tuple(wording.text(point.label) or str(point.value) for point in question.points)
        rows = dict(result.rows)
        return Chart(DIVERGING, title, tuple(labels.values()), tuple(tuple(rows.get(row, (0,) * len(points))) for row in labels), points)
    if kind in ("statements", "proposal"):
        stances = (wording.ui("Agree"), wording.ui("Disagree"), wording.ui("Pass"))
        texts, values = [], []
        for stance in result.stances:
            if stance.statement is not None:
                texts.append(labels.get(stance.statement, stance.statement))
            else:
                item = stance.item
                texts.append(item.title or item.text if item else "")
            values.append((stance.agree, stance.disagree, stance.passed))
        return Chart(STANCES, title, tuple(texts), tuple(values), stances)
    if kind == "ranking" and order is not None:
        places, method = order
        return Chart(RANKING, title, tuple(" = ".join(labels.get(option, option) for option in place) for place in places), method=method)
    return None


def _labels(question: Question, wording: CatalogWording) -> dict[str, str]:
    """Option, row or statement id → its label in the wording's language, in the file's order."""
    options = getattr(question, "options", None) or getattr(question, "rows", None) or getattr(question, "statements", None) or ()
    return {option.id: wording.text(option.label) for option in options}
