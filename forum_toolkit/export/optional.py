"""The analysis extra: pandas, pyarrow and openpyxl come in only here, and say what to install.

The ballot side of forum_toolkit runs without them; an export on a machine without the extra fails
with `MissingExtraError` ("install forum-toolkit[analysis] for exports") rather than a bare
`ModuleNotFoundError` deep inside a call.
"""

from __future__ import annotations

import importlib
from types import ModuleType

INSTALL_HINT = "install forum-toolkit[analysis] for exports"


class MissingExtraError(ImportError):
    """A package of the analysis extra is not installed."""

    def __init__(self, package: str):
        super().__init__(f"{INSTALL_HINT} ({package} is not installed)", name=package)
        self.package = package


def require(package: str) -> ModuleType:
    """Import `package` (pandas, pyarrow, openpyxl), or raise MissingExtraError naming the extra."""
    try:
        return importlib.import_module(package)
    except ImportError as error:
        raise MissingExtraError(package) from error
