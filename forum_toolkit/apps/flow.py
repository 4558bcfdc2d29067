"""One participant's way through a ballot, without widgets: language, code, pages, review, submit.

The ballot app (`ballot.py`) draws whatever stage this object is in and calls its methods when the
participant taps. Everything a browser sends ends up here as a plain value and is checked again with
`check_answers` before anything is stored, so a forged click or trait cannot get past it.

    flow = BallotFlow(consultation)
    flow.choose_language("ar")
    flow.set_answer("age_group", "age_18_29")
    flow.next()            # {} when the page is fine, else {question id: [problems]} and no move
    ...
    flow.final_answers()   # what goes to the store: only questions that are shown, checked

When the forum is facilitator-led, the app tells the flow what the facilitator opened
(`follow(pacing, page, question)`): the participant then sees that page, or that one question,
and waits (Stage.WAITING) while nothing is open or after "Done". Her answers stay in `answers`
whatever is opened, and one ballot holds them all at the end (see ballot.py). She may open the
review at any time (`review()`), and from there change any page herself (`go_to_page`); the next
question the facilitator opens takes her back to the room's pace.

Reactions to statements that other participants wrote (approved in moderation) are kept apart
from the answers (`react`), by item id: they are not part of the consultation's file.
"""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Any

from forum_toolkit.consultation.answers import AnswerProblem, check_answers, visible_questions
from forum_toolkit.consultation.model import Access, Consultation, Page, Question, Stance

SELF_PACED, FACILITATOR_LED = "self_paced", "facilitator_led"
STANCES = tuple(stance.value for stance in Stance)


class Stage(str, Enum):
    LANGUAGE = "language"  # the start screen: title and every language by its own name
    CODE = "code"  # a single-use ballot code is asked for first
    PAGE = "page"  # one page of questions
    REVIEW = "review"  # every answer listed before submitting
    WAITING = "waiting"  # facilitator-led: nothing open for her now ("the next question comes soon")
    THANKS = "thanks"  # saved: shown only after the store has committed the ballot


class StageError(Exception):
    """A step that the current stage does not allow (a replayed or forged click)."""


class BallotFlow:
    def __init__(self, consultation: Consultation, *, language: str | None = None, code: str | None = None):
        self.consultation = consultation
        self.submission_id = str(uuid.uuid4())  # new for every participant; a retry reuses it
        self.language = language or consultation.default_language
        self.code = code
        self.answers: dict[str, Any] = {}
        self.page_number = 0  # index into pages_shown()
        self.stage = Stage.LANGUAGE
        self.pacing = SELF_PACED
        self.opened: tuple[str | None, str | None] = (None, None)  # facilitator-led: (page, question)
        self.own_page = False  # facilitator-led: she went to this page herself, from the review
        self.reactions: dict[int, str] = {}  # approved participants' statements: item id -> stance

    @property
    def following(self) -> bool:
        """True when the screen shows what the facilitator opened, not her own pace."""
        return self.pacing == FACILITATOR_LED

    # -- what is shown ------------------------------------------------------------------------

    def pages_shown(self) -> tuple[Page, ...]:
        """The pages whose condition holds for the answers so far and that show any question."""
        shown = {q.id for q in visible_questions(self.consultation, self.answers)}
        return tuple(page for page in self.consultation.pages if any(q.id in shown for q in page.questions))

    @property
    def page(self) -> Page:
        pages = self.pages_shown()
        self.page_number = min(self.page_number, len(pages) - 1)  # an earlier answer hid a page
        return pages[self.page_number]

    def questions_on_page(self) -> tuple[Question, ...]:
        """The page's questions shown for her answers; facilitator-led, only the question opened
        (when the facilitator opened one question, not the whole page)."""
        shown = {q.id for q in visible_questions(self.consultation, self.answers)}
        page_id, question_id = self.opened
        if self.following and not self.own_page and question_id is not None and self.page.id == page_id:
            shown &= {question_id}
        return tuple(q for q in self.page.questions if q.id in shown)

    def review_pages(self) -> tuple[tuple[Page, tuple[Question, ...]], ...]:
        """For the review: each page shown with the questions on it that take an answer and are shown."""
        shown = {q.id for q in visible_questions(self.consultation, self._shown_answers())}
        return tuple(
            (page, tuple(q for q in page.questions if q.id in shown and q.takes_answer)) for page in self.pages_shown()
        )

    # -- steps ---------------------------------------------------------------------------------

    def choose_language(self, language: str) -> None:
        """Switch the language at any stage; answers are kept."""
        if language not in self.consultation.language_codes:
            raise StageError(f"language {language!r} is not offered")
        self.language = language

    def start(self) -> None:
        self._expect(Stage.LANGUAGE)
        self.stage = Stage.CODE if self.needs_code else self._begin()

    @property
    def needs_code(self) -> bool:
        return self.consultation.access is Access.CODES

    def accept_code(self, code: str) -> None:
        """Keep a code that the store has checked; it is used only when the ballot is stored."""
        self._expect(Stage.CODE)
        self.code = code
        self.stage = self._begin()

    def set_answer(self, question_id: str, answer: Any) -> None:
        """Keep an answer. The participant stays on the page they are on, even when the answer
        shows or hides a page before it (conditions may name later questions)."""
        if self.stage not in (Stage.PAGE, Stage.REVIEW):
            raise StageError(f"no answers can be changed at the {self.stage.value} stage")
        if self.stage is Stage.PAGE and question_id not in {q.id for q in self.questions_on_page()}:
            raise StageError(f"question {question_id!r} is not on the screen")
        here = self.page.id if self.stage is Stage.PAGE else None
        if answer is None or answer == "" or answer == [] or answer == {}:
            self.answers.pop(question_id, None)
        else:
            self.answers[question_id] = answer
        ids = [page.id for page in self.pages_shown()]
        if here in ids:
            self.page_number = ids.index(here)

    def page_problems(self) -> dict[str, list[AnswerProblem]]:
        """Problems with the answers on the current page, by question id (required ones included)."""
        on_page = {q.id for q in self.questions_on_page()}
        problems: dict[str, list[AnswerProblem]] = {}
        for problem in check_answers(self.consultation, self._shown_answers()):
            if problem.question in on_page:
                problems.setdefault(problem.question, []).append(problem)
        return problems

    def next(self) -> dict[str, list[AnswerProblem]]:
        """Go on to the next page or to the review; stays and returns the problems if there are any."""
        self._expect(Stage.PAGE)
        problems = self.page_problems()
        if problems:
            return problems
        if self.following:  # "Done": wait for the next question, or back to the review she came from
            self.stage = Stage.REVIEW if self.own_page else Stage.WAITING
            self.own_page = False
            return {}
        if self.page_number + 1 < len(self.pages_shown()):
            self.page_number += 1
        else:
            self.stage = Stage.REVIEW
        return {}

    def back(self) -> None:
        if self.following and self.stage is not Stage.REVIEW:
            raise StageError("the facilitator sets the pace: there is no going back a page")
        if self.stage is Stage.REVIEW and self.following:
            self.stage = self._opened_stage()
        elif self.stage is Stage.REVIEW:
            self.stage = Stage.PAGE
            self.page_number = len(self.pages_shown()) - 1
        elif self.stage is Stage.PAGE and self.page_number > 0:
            self.page_number -= 1
        elif self.stage is Stage.PAGE:
            self.stage = Stage.CODE if self.needs_code and self.code is None else Stage.LANGUAGE
        else:
            raise StageError(f"cannot go back from the {self.stage.value} stage")

    def go_to_page(self, page_id: str) -> None:
        """From the review, change the answers of one page."""
        self._expect(Stage.REVIEW)
        ids = [page.id for page in self.pages_shown()]
        if page_id not in ids:
            raise StageError(f"page {page_id!r} is not shown")
        self.page_number = ids.index(page_id)
        self.stage = Stage.PAGE
        self.own_page = self.following

    # -- following the facilitator ---------------------------------------------------------------

    def follow(self, pacing: str, page_id: str | None, question_id: str | None) -> bool:
        """What the facilitator opened now (the forum state). True when the screen must change:
        the pacing or the opening changed while she is at her questions, the review or waiting.
        Her answers are kept whatever happens; before the start and after saving nothing moves."""
        if pacing not in (SELF_PACED, FACILITATOR_LED):
            raise StageError(f"pacing {pacing!r} is not known")
        changed = (pacing, (page_id, question_id)) != (self.pacing, self.opened)
        was_following = self.following
        self.pacing, self.opened = pacing, (page_id, question_id)
        if not changed or self.stage not in (Stage.PAGE, Stage.REVIEW, Stage.WAITING):
            return False
        if self.following:
            self.own_page = False
            self.stage = self._opened_stage()
            return True
        if was_following:
            self.own_page = False
            self.stage = Stage.PAGE if self.stage is Stage.WAITING else self.stage
            return True
        return False  # her own pace: what the facilitator opens does not move her

    def review(self) -> None:
        """Facilitator-led: to the review whenever she likes (she submits once, from there)."""
        if not self.following or self.stage not in (Stage.PAGE, Stage.WAITING):
            raise StageError(f"the review is reached with Next, not from the {self.stage.value} stage")
        self.stage, self.own_page = Stage.REVIEW, False

    def resume(self) -> None:
        """Facilitator-led, waiting after "Done": back to the question that is still open."""
        self._expect(Stage.WAITING)
        self.stage = self._opened_stage()

    @property
    def can_resume(self) -> bool:
        """Waiting, while a question she can answer is open (she tapped "Done" on it)."""
        return self.stage is Stage.WAITING and self._opened_page_number() is not None

    def react(self, item_id: int, stance: str | None) -> None:
        """Agree, disagree or pass on a participant's statement (an approved item); None takes it back."""
        if self.stage is not Stage.PAGE:
            raise StageError(f"no reactions can be changed at the {self.stage.value} stage")
        if isinstance(item_id, bool) or not isinstance(item_id, int):
            raise StageError(f"item {item_id!r} is not an item id")
        if stance is None:
            self.reactions.pop(item_id, None)
        elif stance in STANCES:
            self.reactions[item_id] = stance
        else:
            raise StageError(f"stance {stance!r} is not one of {', '.join(STANCES)}")

    def ready(self) -> dict[str, list[AnswerProblem]]:
        """Before submitting: the problems of the whole ballot, by question. When there are any
        (facilitator-led, a required question was never opened), she is taken to the first page
        that has one, to answer it herself."""
        self._expect(Stage.REVIEW)
        problems: dict[str, list[AnswerProblem]] = {}
        for problem in check_answers(self.consultation, self._shown_answers()):
            problems.setdefault(problem.question, []).append(problem)
        for number, page in enumerate(self.pages_shown()):
            if any(q.id in problems for q in page.questions):
                self.page_number, self.stage, self.own_page = number, Stage.PAGE, self.following
                break
        return problems

    def final_answers(self) -> dict[str, Any]:
        """The answers to store: questions that are shown only. Raises StageError before the review."""
        self._expect(Stage.REVIEW)
        return self._shown_answers()

    def saved(self) -> None:
        """The store has committed the ballot: only now may the participant be told."""
        self._expect(Stage.REVIEW)
        self.stage = Stage.THANKS

    # -- helpers -------------------------------------------------------------------------------

    def _shown_answers(self) -> dict[str, Any]:
        """Answers to questions that are shown: an answer given before a condition changed is dropped."""
        answers = dict(self.answers)
        while True:
            shown = {q.id for q in visible_questions(self.consultation, answers)}
            hidden = [question_id for question_id in answers if question_id not in shown]
            if not hidden:
                return answers
            for question_id in hidden:
                del answers[question_id]

    def _begin(self) -> Stage:
        return self._opened_stage() if self.following else self._first_page()

    def _opened_page_number(self) -> int | None:
        """The index of the page the facilitator opened, if it (and its question) is shown to her."""
        page_id, question_id = self.opened
        ids = [page.id for page in self.pages_shown()]
        if page_id not in ids:
            return None
        if question_id is not None and question_id not in {q.id for q in visible_questions(self.consultation, self.answers)}:
            return None
        return ids.index(page_id)

    def _opened_stage(self) -> Stage:
        number = self._opened_page_number()
        if number is None:
            return Stage.WAITING
        self.page_number = number
        return Stage.PAGE

    def _first_page(self) -> Stage:
        self.page_number = 0
        return Stage.PAGE if self.pages_shown() else Stage.REVIEW

    def _expect(self, stage: Stage) -> None:
        if self.stage is not stage:
            raise StageError(f"expected the {stage.value} stage, the ballot is at {self.stage.value}")
