"""Question widgets for the ballot: one view per question kind, built from stock ipywidgets.

    from forum_toolkit.widgets import view_for, stylesheet
    view = view_for(question, wording, answer=previous, on_change=remember)

Importing the package registers every kind's view (`base.VIEWS`); `stylesheet()` is the CSS that
the kiosk template includes (`ballot.css` beside this file).
"""

from importlib.resources import files

from forum_toolkit.widgets.base import VIEWS, AnswerListener, QuestionView, Wording, registers, view_for
from forum_toolkit.widgets.choice import ApprovalView, MultipleChoiceView, SingleChoiceView
from forum_toolkit.widgets.dots import DotsView
from forum_toolkit.widgets.info import InfoView
from forum_toolkit.widgets.number import NumberView
from forum_toolkit.widgets.proposal import ProposalView
from forum_toolkit.widgets.ranking import RankingView
from forum_toolkit.widgets.scale import MatrixView, ScaleView
from forum_toolkit.widgets.statements import StatementsView
from forum_toolkit.widgets.text import LongTextView, ShortTextView

__all__ = [
    "VIEWS",
    "AnswerListener",
    "ApprovalView",
    "DotsView",
    "InfoView",
    "LongTextView",
    "MatrixView",
    "MultipleChoiceView",
    "NumberView",
    "ProposalView",
    "QuestionView",
    "RankingView",
    "ScaleView",
    "ShortTextView",
    "SingleChoiceView",
    "StatementsView",
    "Wording",
    "registers",
    "stylesheet",
    "view_for",
]


def stylesheet() -> str:
    """The ballot's question styles (ballot.css), for a template or a notebook to include."""
    return files(__package__).joinpath("ballot.css").read_text(encoding="utf-8")
