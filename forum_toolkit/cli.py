"""`forum-toolkit`: one command with a subcommand per job.

Exit codes scripts can rely on: 0 done, 1 the input had problems (an invalid file, a refused
submission), 2 the command was used wrongly (click's own), 3 the store or another resource could not
be reached. Errors are one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from forum_toolkit.errors import ForumToolkitError

EXIT_INVALID = 1
EXIT_UNAVAILABLE = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="forum-toolkit")
def main() -> None:
    """Run participation for every resident: check consultation files, hold sessions, hand out
    single-use ballot codes, export what people answered, and seed a demo."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no warnings.")
@click.option("--strict", is_flag=True, help="Treat warnings (missing translations) as errors.")
def validate(files: tuple[Path, ...], quiet: bool, strict: bool) -> None:
    """Check consultation FILES and print every problem with file, line and field.

    Exits 0 when every file is valid, 1 otherwise.
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
        bad = bool(report.errors) or (strict and bool(report.warnings))
        failed = failed or bad
        if report.errors:
            summary = f"{path}: invalid ({_count(len(report.errors), 'error')}"
            summary += f", {_count(len(report.warnings), 'warning')})" if report.warnings else ")"
        else:
            questions = len(report.consultation.questions)
            summary = f"{path}: valid ({_count(questions, 'question')}, {_count(len(report.consultation.languages), 'language')}"
            summary += f", {_count(len(report.warnings), 'warning')})" if report.warnings else ")"
        click.echo(summary)
    if failed:
        sys.exit(EXIT_INVALID)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def run() -> None:
    """Entry point that turns forum_toolkit's errors into one line and an exit code."""
    try:
        main(standalone_mode=True)
    except ForumToolkitError as error:  # pragma: no cover - click handles most
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_INVALID)
