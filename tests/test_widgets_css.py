"""ballot.css: every class the views set is styled, only logical properties (right to left comes
free), every rule scoped to a question, large targets and type. The browser test measures them."""

from __future__ import annotations

import re
from pathlib import Path

from forum_toolkit.widgets import stylesheet

CSS = stylesheet()
RULES = re.sub(r"/\*.*?\*/", "", CSS, flags=re.DOTALL)  # without comments

# Classes the views set for a template or a test to hold on to, which need no style of their own.
HOOKS = {
    "ft-tap", "ft-single", "ft-multiple", "ft-categories", "ft-line", "ft-textarea", "ft-proposal-title", "ft-proposal-text",
    "ft-rank-label", "ft-step-minus", "ft-step-plus",
}  # fmt: skip


def _code() -> str:
    ours = Path(__file__).parent.parent / "forum_toolkit" / "widgets"
    return " ".join(path.read_text(encoding="utf-8") for pattern in ("*.py", "*.js") for path in ours.glob(pattern))


CLASSES = set(re.findall(r"[\"'\s](ft-[a-z-]+[a-z])[\"'\s]", _code()))  # "ft-chosen"
FAMILIES = set(re.findall(r"f\"(ft-[a-z-]+-)\{", _code()))  # f"ft-kind-{...}": ft-kind-info, ...


def test_every_class_the_views_use_is_styled_or_a_hook():
    styled = set(re.findall(r"\.(ft-[a-z0-9-]+)", RULES))
    assert CLASSES - styled - HOOKS == set()
    assert FAMILIES == {"ft-kind-", "ft-points-", "ft-stance-"}  # ft-kind-<kind> and ft-points-<count> are hooks
    made = {c for c in styled if c.startswith(tuple(FAMILIES))}
    assert styled - made <= CLASSES | {"ft-question"}  # no rule for a class nobody sets


def test_the_stylesheet_is_logical_so_right_to_left_needs_nothing_else():
    physical = re.findall(r"(?<![-\w])((?:margin|padding|border)-(?:left|right)|(?:left|right)\s*:|text-align:\s*(?:left|right)|float:)", RULES)
    assert not physical


def test_every_rule_is_scoped_to_a_question():
    rules = re.sub(r"@media[^{]*\{", "", RULES)
    for selectors in re.findall(r"([^{}]+)\{", rules):
        for selector in selectors.split(","):
            assert selector.strip().startswith(".ft-question"), selector


def test_touch_targets_and_type_are_large():
    sizes = [int(size) for size in re.findall(r"font-size:\s*(\d+)px", RULES)]
    assert min(sizes) >= 20
    assert "--ft-target: 48px" in CSS and "min-height: var(--ft-target)" in CSS


