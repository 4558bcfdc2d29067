"""The interface strings the ballot app was planned with, marked so every catalog carries them.

The widgets and the ballot flow use these with exactly the same English text, e.g.
``wording.ui("Next")`` or ``wording.ui_plural("{count} dot left", "{count} dots left", left)``.
Listing them here keeps their translations in the catalogs even before (or after) some code uses
them; a string the code adds later is found in that code by `python -m forum_toolkit.i18n.update`.
"""

from __future__ import annotations

from forum_toolkit.i18n.catalogs import N_, N_plural

# Choosing the language, and the start of a ballot.
START = (
    N_("Choose your language"),
    N_("Change language"),
    N_("Start"),
    N_("Enter your ballot code"),
    N_("The code is on your paper slip."),
    N_("Check code"),
)

# Moving through the pages and reviewing the answers.
NAVIGATION = (
    N_("Next"),
    N_("Back"),
    N_("Page {page} of {pages}"),
    N_("Review your answers"),
    N_("Change"),
    N_("Submit"),
    N_("Not answered"),
    N_("Required"),
    N_("Optional"),
    N_("Please answer this question."),
    N_("Please check the marked questions."),
    N_("Read aloud"),
)

# The countdown after saving, counted (Arabic, Russian and Ukrainian say "seconds" differently for
# 1, 2 and 5): ``wording.ui_plural(*NEXT_PERSON, seconds)``. The uncounted string below avoids the
# agreement with an abbreviation ("через 5 сек.") where it must.
NEXT_PERSON = N_plural("The next person can start in {count} second.", "The next person can start in {count} seconds.")

# Saving, and the end of a ballot on a shared tablet.
SAVING = (
    N_("Saving…"),
    N_("Saved. Thank you!"),
    N_("Your answers have been saved."),
    N_("The next person can start in {seconds} seconds."),
    N_("Start again"),
    N_("No connection to the server. Your answers are not saved yet."),
    N_("Connection restored."),
    N_("Try again"),
    N_("Something went wrong. Please try again or ask the staff."),
)

# Words of particular question kinds.
QUESTION_WORDS = (
    N_("Tap the options in the order you prefer."),
    N_("Remove"),
    N_("Clear"),
    N_("Agree"),
    N_("Disagree"),
    N_("Pass"),
    N_("Title"),
    N_("Your proposal"),
    N_("Category"),
    N_("Not sure / prefer not to say"),
)

COUNTED = (
    N_plural("{count} dot left", "{count} dots left"),
    N_plural("{count} character left", "{count} characters left"),
)
