"""Loading a consultation file: read the YAML, check everything once, build the frozen model.

    >>> report = check_file("surveys/forum-evening.yaml")
    >>> report.errors, report.warnings          # every problem, each with file:line and field
    >>> consultation = load_consultation("surveys/forum-evening.yaml")  # raises InvalidConsultation
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from forum_toolkit.consultation import checks
from forum_toolkit.consultation.build import build_consultation
from forum_toolkit.consultation.condition_checks import check_conditions, parse_conditions
from forum_toolkit.consultation.model import Consultation
from forum_toolkit.consultation.problems import ERROR, InvalidConsultation, Problem, describe, format_path
from forum_toolkit.consultation.schema import ConsultationSpec
from forum_toolkit.consultation.schema_errors import schema_problems
from forum_toolkit.consultation.yamlfile import YamlSyntaxError, read_yaml


@dataclass(frozen=True)
class Report:
    """What checking one file found. `consultation` is None when there are errors."""

    source: str
    consultation: Consultation | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    content_hash: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


def content_hash(text: str) -> str:
    """The sha256 of a file's text: the store keeps it with each session's snapshot."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_file(path: str | Path) -> Report:
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _failed(source, "no such file")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        return _failed(source, f"expected UTF-8 text, found a byte that is not UTF-8 (save the file as UTF-8)", line)
    except OSError as error:
        return _failed(source, f"cannot read the file: {error.strerror}")
    return check_text(text, source)


def _failed(source: str, message: str, line: int | None = None) -> Report:
    return Report(source, None, (Problem(source, line, "", message),), ())


def check_text(text: str, source: str = "<text>") -> Report:
    """Check a consultation given as YAML text; `source` names it in messages."""
    try:
        document = read_yaml(text)
    except YamlSyntaxError as error:
        return _failed(source, str(error), error.line)
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else describe(document.data)
        return _failed(source, f"expected a consultation (a mapping with id, title, languages and pages), found {found}", 1)
    try:
        spec = ConsultationSpec.model_validate(document.data)
    except ValidationError as error:
        return Report(source, None, tuple(schema_problems(error, document, source)), ())
    conditions, findings = parse_conditions(spec)
    language_findings = list(checks.check_languages(spec))
    findings += [
        *language_findings,
        *checks.check_ids(spec),
        *checks.check_limits(spec),
        # Texts are checked against the languages offered only once those are right.
        *(() if language_findings else checks.check_translations(spec)),
        *check_conditions(spec, conditions),
    ]
    problems = sorted(
        (Problem(source, document.line_of(path), format_path(path), message, severity) for path, message, severity in findings),
        key=lambda problem: (problem.line or 0, problem.path),
    )
    errors = tuple(p for p in problems if p.severity == ERROR)
    warnings = tuple(p for p in problems if p.severity != ERROR)
    consultation = None if errors else build_consultation(spec, conditions, source)
    return Report(source, consultation, errors, warnings, content_hash(text))


def load_consultation(path: str | Path) -> Consultation:
    """The consultation in `path`; raises InvalidConsultation listing every error."""
    return _consultation_or_raise(check_file(path))


def load_consultation_text(text: str, source: str = "<text>") -> Consultation:
    return _consultation_or_raise(check_text(text, source))


def _consultation_or_raise(report: Report) -> Consultation:
    if report.consultation is None:
        raise InvalidConsultation(report.errors)
    return report.consultation
