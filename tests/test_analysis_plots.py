"""Charts for the projector and reports: plain numbers in, figures that show text as text."""

import io

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from forum_toolkit.analysis import plots

ARABIC = "مساحات خضراء أكثر"


def texts_of(figure: Figure) -> list[str]:
    return [text.get_text() for text in figure.findobj(Text) if text.get_text()]


def test_choice_bars_label_every_option_with_its_count_and_share():
    figure = plots.choice_bars(["Mehr Grün", "Mehr Busse"], [1, 3], title="Was fehlt?")
    texts = texts_of(figure)
    assert {"Mehr Grün", "Mehr Busse", "Was fehlt?"} <= set(texts)
    assert " 1 (25%)" in texts and " 3 (75%)" in texts


def test_no_votes_yet_draws_zeros_instead_of_failing():
    figure = plots.choice_bars(["A", "B"], [0, 0])
    assert " 0" in texts_of(figure)
    assert plots.to_png(figure).startswith(b"\x89PNG")


@pytest.mark.parametrize("label", ["$x^2$", r"$\alpha$ and $", "<img src=x onerror=alert(1)>"])
def test_participant_text_is_drawn_as_typed_never_as_mathematics(label):
    figure = plots.choice_bars([label, "B"], [2, 3], title=label)
    assert all(not text.get_parse_math() for text in figure.findobj(Text))
    plots.to_png(figure)  # an unbalanced $ would raise if it were parsed
    assert label in texts_of(figure)


def test_every_chart_makes_a_projector_sized_png_with_arabic_labels():
    figures = [
        plots.choice_bars([ARABIC, "B"], [2, 3]),
        plots.diverging_bars([ARABIC], [[1, 2, 3, 4, 5]], ["--", "-", "0", "+", "++"]),
        plots.stance_bars([ARABIC], [3], [1], [0]),
        plots.ranking_order([ARABIC, "B = C"], method="Schulze"),
    ]
    for figure in figures:
        image = Image.open(io.BytesIO(plots.to_png(figure)))
        assert image.size == (1920, 1080)


def test_the_palette_is_okabe_ito():
    assert plots.OKABE_ITO[:3] == ("#0072B2", "#E69F00", "#009E73")


@pytest.mark.parametrize("points", [2, 3, 4, 5, 7, 11])
def test_diverging_colours_run_from_one_hue_through_grey_to_the_other(points):
    colours = plots._diverging_colours(points)
    assert len(colours) == points
    assert len(set(colours)) == points
    if points % 2:
        assert colours[points // 2] == "#BBBBBB"


def test_diverging_bars_draw_shares_so_rows_of_different_sizes_compare():
    figure = plots.diverging_bars(["few", "many"], [[1, 0, 1], [10, 0, 10]], ["no", "so-so", "yes"])
    widths = sorted({round(patch.get_width(), 3) for patch in figure.axes[0].patches if patch.get_width()})
    assert widths == [0.5]


def test_a_ranking_names_its_counting_method():
    figure = plots.ranking_order(["Spielplatz", "Bücherei"], method="Schulze method, 42 ballots")
    assert "Schulze method, 42 ballots" in texts_of(figure)
    assert "1." in texts_of(figure) and "2." in texts_of(figure)


@pytest.mark.parametrize(
    "call",
    [
        lambda: plots.choice_bars(["A", "B"], [1]),
        lambda: plots.diverging_bars(["A"], [[1, 2]], ["a", "b", "c"]),
        lambda: plots.stance_bars(["A"], [1], [], [0]),
    ],
)
def test_numbers_that_do_not_fit_the_labels_are_refused(call):
    with pytest.raises(ValueError):
        call()


def test_no_pyplot_figure_is_left_open():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    plots.choice_bars(["A"], [1])
    assert plt.get_fignums() == before
