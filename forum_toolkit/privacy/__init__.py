"""Small-cell suppression: one policy for every table and chart meant for publication (pure).

    >>> from forum_toolkit.privacy import SuppressionPolicy
    >>> table = SuppressionPolicy(threshold=5).table([[12, 3], [20, 30]], rows=("new", "long"), columns=("yes", "no"))
    >>> table.cells
    ((None, None), (None, None))

Cells below the threshold are hidden (primary suppression), and then so many more cells or totals
that no hidden cell can be worked out from the cells and totals that are shown (secondary
suppression). Free text is never part of a published table (`check_publishable`). Weighted tables
(`weighted_table`) hide what their counted people would hide and show the weighted numbers elsewhere.
"""

from forum_toolkit.privacy.errors import FreeTextNotPublished, InvalidThreshold, PrivacyError
from forum_toolkit.privacy.policy import DEFAULT_THRESHOLD, FREE_TEXT_KINDS, HIDDEN, SuppressedTable, SuppressionPolicy, check_publishable
from forum_toolkit.privacy.weighted import WeightedTable, weighted_counts, weighted_table

__all__ = [
    "DEFAULT_THRESHOLD",
    "FREE_TEXT_KINDS",
    "HIDDEN",
    "FreeTextNotPublished",
    "InvalidThreshold",
    "PrivacyError",
    "SuppressedTable",
    "SuppressionPolicy",
    "WeightedTable",
    "check_publishable",
    "weighted_counts",
    "weighted_table",
]
