"""`forum-toolkit`: one command with a subcommand per job.

Exit codes that scripts can rely on:
    0  done
    1  the input had problems: an invalid file, a refused submission, an unknown session
    2  the command was used wrongly (click's usage errors)
    3  the store could not be opened or reached
    4  a bug in forum_toolkit (FORUM_DEBUG=1 shows the traceback; please report it)
Errors are one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import click

from forum_toolkit.cli import agenda
from forum_toolkit.cli.common import ForumGroup
from forum_toolkit.cli.codes import codes
from forum_toolkit.cli.demo import demo
from forum_toolkit.cli.export import export
from forum_toolkit.cli.report import report
from forum_toolkit.cli.serve import serve
from forum_toolkit.cli.sessions import sessions
from forum_toolkit.cli.tally import tally
from forum_toolkit.cli.validate import validate


@click.group(cls=ForumGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="forum-toolkit")
def main() -> None:
    """Participation for every resident: check consultation files, hold sessions, hand out
    single-use ballot codes, serve the ballot to tablets and phones, export what people answered,
    and seed a demo.

    The store is a SQLite file (default data/forum.sqlite3) or a PostgreSQL server; every command
    that uses it takes --db URL, or reads FORUM_DB_URL.
    """


for command in (validate, sessions, codes, export, demo, serve, tally, report, *agenda.COMMANDS):
    main.add_command(command)

__all__ = ["main"]
