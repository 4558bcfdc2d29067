"""`forum-toolkit validate FILE...`: check consultation files and print every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from forum_toolkit.cli.common import EXIT_INVALID, plural


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no warnings.")
@click.option("--strict", is_flag=True, help="Treat warnings (missing translations) as errors.")
def validate(files: tuple[Path, ...], quiet: bool, strict: bool) -> None:
    """Check consultation FILES and print every problem with file, line and field.

    Exits 0 when every file is valid (warnings allowed unless --strict), 1 otherwise.
    """
    from forum_toolkit.consultation.load import check_file

    failed = False
    for path in files:
        report = check_file(path)
        for problem in report.errors:
            click.echo(str(problem), err=True)
        if not quiet:
            for problem in report.warnings:
                click.echo(str(problem), err=True)
        failed = failed or bool(report.errors) or (strict and bool(report.warnings))
        click.echo(_summary(path, report))
    if failed:
        sys.exit(EXIT_INVALID)


def _summary(path: Path, report) -> str:
    warnings = f", {plural(len(report.warnings), 'warning')}" if report.warnings else ""
    if report.errors:
        return f"{path}: invalid ({plural(len(report.errors), 'error')}{warnings})"
    consultation = report.consultation
    counts = f"{plural(len(consultation.questions), 'question')}, {plural(len(consultation.languages), 'language')}"
    return f"{path}: valid ({counts}{warnings})"
