"""The shape of a consultation file, checked with pydantic at the boundary only.

These classes mirror the YAML (see docs/consultation-format.md). They catch wrong types, missing and
unknown fields and too-short lists; `checks.py` then checks what spans fields (duplicate ids, dot
budgets, conditions), and `build.py` turns a checked file into the frozen model.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
ConsultationId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=80)]
TextSpec = dict[str, str]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class OptionSpec(Spec):
    id: Id
    label: TextSpec


class StatementSpec(Spec):
    id: Id
    text: TextSpec


class PointSpec(Spec):
    value: int
    label: TextSpec


class QuestionSpec(Spec):
    id: Id
    text: TextSpec
    help: TextSpec | None = None
    required: bool = False
    show_if: str | None = None
    describes_participant: bool = False


class SingleChoiceSpec(QuestionSpec):
    kind: Literal["single_choice"]
    options: list[OptionSpec] = Field(min_length=2)


class MultipleChoiceSpec(QuestionSpec):
    kind: Literal["multiple_choice"]
    options: list[OptionSpec] = Field(min_length=2)
    min: int = 0
    max: int | None = None


class ScaleSpec(QuestionSpec):
    kind: Literal["scale"]
    points: list[PointSpec] = Field(min_length=2)


class MatrixSpec(QuestionSpec):
    kind: Literal["matrix"]
    rows: list[OptionSpec] = Field(min_length=1)
    points: list[PointSpec] = Field(min_length=2)


class RankingSpec(QuestionSpec):
    kind: Literal["ranking"]
    options: list[OptionSpec] = Field(min_length=2)
    top: int | None = None


class DotsSpec(QuestionSpec):
    kind: Literal["dots"]
    options: list[OptionSpec] = Field(min_length=2)
    budget: int
    max_per_option: int
    spend_all: bool = False


class ApprovalSpec(QuestionSpec):
    kind: Literal["approval"]
    options: list[OptionSpec] = Field(min_length=2)
    max: int | None = None


class NumberSpec(QuestionSpec):
    kind: Literal["number"]
    min: float
    max: float
    integer: bool = True
    unit: TextSpec | None = None


class ShortTextSpec(QuestionSpec):
    kind: Literal["short_text"]
    min_length: int = 0
    max_length: int = 200


class LongTextSpec(QuestionSpec):
    kind: Literal["long_text"]
    min_length: int = 0
    max_length: int = 2000


class StatementsSpec(QuestionSpec):
    kind: Literal["statements"]
    statements: list[StatementSpec] = Field(min_length=1)


class ProposalSpec(QuestionSpec):
    kind: Literal["proposal"]
    title_max_length: int = 120
    text_max_length: int = 1000
    categories: list[OptionSpec] = Field(default_factory=list)


class InfoSpec(QuestionSpec):
    kind: Literal["info"]


AnyQuestionSpec = Annotated[
    Union[
        SingleChoiceSpec,
        MultipleChoiceSpec,
        ScaleSpec,
        MatrixSpec,
        RankingSpec,
        DotsSpec,
        ApprovalSpec,
        NumberSpec,
        ShortTextSpec,
        LongTextSpec,
        StatementsSpec,
        ProposalSpec,
        InfoSpec,
    ],
    Field(discriminator="kind"),
]

KINDS = (
    "single_choice", "multiple_choice", "scale", "matrix", "ranking", "dots", "approval",
    "number", "short_text", "long_text", "statements", "proposal", "info",
)  # fmt: skip


class PageSpec(Spec):
    id: Id
    title: TextSpec | None = None
    show_if: str | None = None
    questions: list[AnyQuestionSpec] = Field(min_length=1)


class LanguageSpec(Spec):
    """A language offered: `- de`, or `- {code: ar, reviewed: false}`."""

    code: str
    name: str | None = None
    direction: Literal["ltr", "rtl"] | None = None
    reviewed: bool = True

    @model_validator(mode="before")
    @classmethod
    def _from_code(cls, value):
        return {"code": value} if isinstance(value, str) else value


class ConsultationSpec(Spec):
    id: ConsultationId
    title: TextSpec
    description: TextSpec | None = None
    languages: list[LanguageSpec] = Field(min_length=1)
    default_language: str | None = None
    access: Literal["open", "codes"] = "open"
    live_results: bool = False
    pages: list[PageSpec] = Field(min_length=1)


def field_names(spec_class: type[BaseModel]) -> tuple[str, ...]:
    """The fields a spec allows, for "did you mean" hints."""
    return tuple(spec_class.model_fields)


def question_spec_class(kind: str) -> type[QuestionSpec] | None:
    for spec_class in AnyQuestionSpec.__origin__.__args__:  # type: ignore[attr-defined]
        if spec_class.model_fields["kind"].annotation.__args__[0] == kind:
            return spec_class
    return None
