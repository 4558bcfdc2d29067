"""What the notebooks call: the ballot on tablets and phones (`ballot.show_ballot`).

`stylesheet()` is every style the ballot needs, for the kiosk template to put in the page's head.
"""

from importlib.resources import files


def stylesheet() -> str:
    """The question widgets' styles followed by the ballot screens' styles."""
    from forum_toolkit.widgets import stylesheet as widget_styles

    return widget_styles() + "\n" + files(__package__).joinpath("ballot.css").read_text(encoding="utf-8")


__all__ = ["stylesheet"]
