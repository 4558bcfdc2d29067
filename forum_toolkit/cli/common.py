"""What every subcommand shares: the --db option, exit codes, and turning errors into one line."""

from __future__ import annotations

import os
import sys

import click

from forum_toolkit.errors import ForumToolkitError

EXIT_INVALID = 1
EXIT_UNAVAILABLE = 3
EXIT_BUG = 4

db_option = click.option(
    "--db",
    "db_url",
    envvar="FORUM_DB_URL",
    metavar="URL",
    help="The store: sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/db "
    "(default: FORUM_DB_URL, else sqlite:///data/forum.sqlite3).",
)


class ForumGroup(click.Group):
    """A click group that prints forum_toolkit's errors as one line and exits with their code."""

    def invoke(self, ctx: click.Context):
        from forum_toolkit.store.errors import StoreUnavailable

        try:
            return super().invoke(ctx)
        except StoreUnavailable as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(EXIT_UNAVAILABLE)
        except ForumToolkitError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(EXIT_INVALID)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as error:  # a bug: one line for the operator, the traceback on request
            if os.environ.get("FORUM_DEBUG"):
                raise
            click.echo(f"error: unexpected {type(error).__name__}: {error} (set FORUM_DEBUG=1 to see where)", err=True)
            sys.exit(EXIT_BUG)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def open_store_for(db_url: str | None):
    from forum_toolkit.store import open_store

    return open_store(db_url)
