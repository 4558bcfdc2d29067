"""Exports for researchers and the integration office: tidy, wide and codebook tables as files.

    from forum_toolkit.export import tidy_answers, wide_answers, codebook, write_export
    write_export(consultation, submissions, "out/")  # submissions: the store's StoredSubmission records

pandas, pyarrow and openpyxl (the `analysis` extra) are imported only in this package; without them
an export raises `MissingExtraError`: "install forum-toolkit[analysis] for exports".
"""

from forum_toolkit.export.optional import MissingExtraError
from forum_toolkit.export.codebook import codebook, codebook_in
from forum_toolkit.export.tidy import TIDY_COLUMNS, tidy_answers
from forum_toolkit.export.variables import META_COLUMNS, Variable, variables
from forum_toolkit.export.wide import wide_answers
from forum_toolkit.export.spss import write_sav
from forum_toolkit.export.write import ALL_FORMATS, FORMATS, neutralize_formula, write_export

__all__ = [
    "ALL_FORMATS",
    "FORMATS",
    "META_COLUMNS",
    "MissingExtraError",
    "TIDY_COLUMNS",
    "Variable",
    "codebook",
    "codebook_in",
    "neutralize_formula",
    "tidy_answers",
    "variables",
    "wide_answers",
    "write_sav",
    "write_export",
]
