"""The root of forum_toolkit's exceptions. Each part adds its own in one module beside its code
(`consultation.problems`, `store.errors`); the CLI and the widgets' status area turn them into words."""


class ForumToolkitError(Exception):
    """Anything forum_toolkit reports to an operator as one clear message."""
