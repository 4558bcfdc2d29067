"""The projector: the open question in German and a second language, how many took part, and the
revealed results, redrawn within a second of every change (what `notebooks/projector.ipynb` shows).

    show_projector()   # reads FORUM_SESSION and FORUM_DB_URL, set by `forum-toolkit serve`

One asyncio task per page watches the store (`Store.watch`): on a change it reads the forum state,
the participation and the revealed results in a worker thread, works out the `Slide`
(`slides.py`), and redraws only what differs: the chart is a PNG swapped into one Image widget, so
nothing flickers. Only revealed results are ever read (`Store.projector_results`), and every text
is shown as text. The task ends when the kernel does (the page closed), or after `max_seconds`.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import sys
from collections import Counter

import ipywidgets as w

from forum_toolkit.analysis import plots
from forum_toolkit.apps import slides
from forum_toolkit.apps.slides import Chart, Line, Slide
from forum_toolkit.consultation.model import Consultation, Question
from forum_toolkit.serve.config import PHONE_URL_VARIABLE, SESSION_VARIABLE
from forum_toolkit.store import Store, StoreError, open_store
from forum_toolkit.voting import Profile, Ranking, count, get_method

log = logging.getLogger("forum_toolkit.projector")
if not log.handlers:
    _handler = logging.StreamHandler(sys.__stderr__)  # the server's log, never the page
    _handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
    log.propagate = False

ROTATE_SECONDS = 12  # how long each second language stays when the facilitator chose to rotate
MAX_SECONDS = 6 * 3600  # then the task ends, so a forgotten projector page does not live for ever
RANKING_METHOD = "schulze"  # the projector's order for rankings (named on the slide)


class ProjectorApp:
    """One projector page. `update()` redraws once; `run()` keeps it live."""

    def __init__(self, store: Store, session_id: str, *, max_seconds: float = MAX_SECONDS, rotate_seconds: float = ROTATE_SECONDS, phone_url: str = ""):
        self.store = store
        self.session_id = session_id
        self.phone_url = phone_url  # shown with its QR code when the facilitator asks
        self.consultation: Consultation = store.consultation(session_id)
        self.max_seconds = max_seconds
        self.rotate_seconds = rotate_seconds
        self.rotation = 0
        self.slide: Slide | None = None
        self._drawn_chart: Chart | None = None
        self.heading = w.HTML()
        self.participants = w.HTML()
        self.chart = w.Image(format="png", layout=w.Layout(width="100%", height="auto"))
        self.chart.add_class("ft-projector-chart")
        self.waiting = w.HTML()
        self.phone_link = w.HTML()
        self.phone_code = w.Image(format="png", layout=w.Layout(width="22vh", height="22vh", display="none"))
        self.phone = w.HBox([self.phone_code, self.phone_link])
        self.phone.add_class("ft-projector-phone")
        self.root = w.VBox([self.heading, self.participants, self.phone, self.waiting, self.chart])
        self.root.add_class("ft-projector")
        self.task: asyncio.Task | None = None

    # -- one redraw -------------------------------------------------------------------------

    def read_slide(self) -> Slide:
        """The slide for now, read from the store (blocking: run it in a worker thread)."""
        state = self.store.forum_state(self.session_id)
        participation = self.store.participation(self.session_id)
        revealed = {result.question_id: result for result in self.store.projector_results(self.session_id)}
        languages = slides.languages_on_screen(self.consultation, state, self.rotation)
        orders = {}
        focus = slides.focus_of(self.consultation, state)
        if focus is not None and focus.id in revealed and focus.kind.value == "ranking":
            orders[focus.id] = self._ranking_order(focus)
        return slides.slide_for(self.consultation, state, participation, revealed, languages, orders, self.phone_url)

    def show(self, slide: Slide, png: bytes | None) -> None:
        """Put `slide` on the screen, changing only the widgets whose content changed."""
        _set(self.heading, "".join(_line(line, "ft-projector-heading") for line in slide.heading))
        _set(self.participants, _line(slide.participants, "ft-projector-count"))
        _set(self.waiting, _line(slide.waiting, "ft-projector-waiting") if slide.waiting else "")
        if png is not None:
            self.chart.value = png
        self.chart.layout.display = None if slide.chart is not None else "none"
        if slide.phone_link and not self.phone_code.value:
            self.phone_code.value = phone_qr(self.phone_url)
        self.phone_code.layout.display = None if slide.phone_link else "none"
        _set(self.phone_link, _line(slide.phone_link, "ft-projector-phone-link") if slide.phone_link else "")  # after its code
        self.slide = slide

    async def update(self) -> None:
        """Read and draw once (the reading and the drawing happen in a worker thread)."""
        slide = await asyncio.to_thread(self.read_slide)
        if slide == self.slide:
            return
        png = None
        if slide.chart is not None and slide.chart != self._drawn_chart:
            png = await asyncio.to_thread(draw, slide.chart)
            self._drawn_chart = slide.chart
        self.show(slide, png)

    # -- staying live ---------------------------------------------------------------------------

    def start(self) -> asyncio.Task:
        self.task = asyncio.get_event_loop().create_task(self.run())
        return self.task

    async def run(self) -> None:
        """Redraw on every change of the session, and when the second language rotates."""
        try:
            async with self.store.watch(self.session_id, max_seconds=self.max_seconds) as changes:
                await self.update()
                while not changes.ended:
                    change = await changes.next(timeout=self.rotate_seconds)
                    if change is None:
                        self.rotation += 1
                    await self.update()
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - logged for the operator; the page keeps its last slide
            log.exception("projector of session %s stopped", self.session_id)

    def _ranking_order(self, question: Question) -> tuple[tuple[tuple[str, ...], ...], str]:
        """The ranking's current order by the projector's counting method, and the method's name."""
        options = [option.id for option in question.options]
        tally = Counter(tuple(answers[question.id]) for answers in (s.answers for s in self.store.submissions(self.session_id)) if answers.get(question.id))
        profile = Profile.build(options, [(people, Ranking.of(*ranked)) for ranked, people in tally.items()])
        result = count(profile, RANKING_METHOD)
        order = tuple(tuple(sorted(place, key=options.index)) for place in (result.order or ()))
        return order, f"{get_method(RANKING_METHOD).title} · {sum(tally.values())}"


def draw(chart: Chart) -> bytes:
    """The chart as a projector-sized PNG."""
    if chart.kind == slides.BARS:
        figure = plots.choice_bars(chart.labels, chart.values, title=chart.title, value_labels=chart.value_labels or None)
    elif chart.kind == slides.DIVERGING:
        figure = plots.diverging_bars(chart.labels, chart.values, chart.point_labels, title=chart.title)
    elif chart.kind == slides.STANCES:
        agree, disagree, passed = (tuple(row[i] for row in chart.values) for i in range(3))
        figure = plots.stance_bars(chart.labels, agree, disagree, passed, chart.point_labels, title=chart.title)
    else:
        figure = plots.ranking_order(chart.labels, method=chart.method, title=chart.title)
    return plots.to_png(figure, dpi=80)


def phone_qr(url: str) -> bytes:
    """The phones' address as a QR code (PNG), large enough to scan from the back of the room."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def _line(line: Line, css_class: str) -> str:
    """A line of text as HTML: escaped, in its language and direction."""
    return f'<div class="{css_class}" lang="{html.escape(line.language)}" dir="{line.direction}">{html.escape(line.text)}</div>'


def _set(widget: w.HTML, value: str) -> None:
    if widget.value != value:  # an unchanged value sends nothing to the page
        widget.value = value


def show_projector(db_url: str | None = None) -> ProjectorApp:
    """Build the projector for the served session, display it and keep it live."""
    from IPython.display import display

    session_id = os.environ.get(SESSION_VARIABLE, "")
    if not session_id:
        raise StoreError("no session to show: start the forum with `forum-toolkit serve SESSION`")
    app = ProjectorApp(open_store(db_url), session_id, phone_url=os.environ.get(PHONE_URL_VARIABLE, ""))
    display(app.root)
    app.start()
    return app
