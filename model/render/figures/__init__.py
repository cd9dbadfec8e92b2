"""Figures of the engine's results: matplotlib's object-oriented API, headless, no global state.

Every function takes a result object (:class:`~model.ranking.Ranking`,
:class:`~model.analysis.sensitivity.WeightSweeps`, :class:`~model.analysis.sensitivity.Tornado`,
:class:`~model.analysis.smaa.SmaaResult`, a :class:`~model.problem.DecisionProblem`) and returns a
:class:`matplotlib.figure.Figure` built without :mod:`matplotlib.pyplot`: no GUI backend, nothing
shown or printed, safe in threads and on servers. Series differ by hatching, line style and
marker as well as by colour (the Okabe–Ito palette, safe for colour-blind readers), and values
are written on the figure, so every figure also reads in greyscale.

Artists that carry data have a ``gid`` naming what they show (``segment:Turkey:extradition_risk``,
``crossover:extradition_risk:Russia:Turkey``, ...): tests and the HTML report find them by it,
and it becomes the element's id in SVG output. :func:`save` writes PNG or SVG atomically;
:func:`to_png_bytes` and :func:`to_svg_text` are for embedding in HTML.

>>> import model
>>> from model.render import figures as plots
>>> figure = plots.contribution_bars(model.evaluate(model.loads(model.demo.DEMO_YAML)))
>>> figure.get_suptitle()
'What each criterion adds to the score'
>>> plots.to_png_bytes(figure)[:8]
b'\\x89PNG\\r\\n\\x1a\\n'

Layout: :mod:`.style` (palette, helpers, output), :mod:`.ranking` (contributions, weights),
:mod:`.sensitivity` (sweeps, tornado), :mod:`.smaa` (acceptabilities, central weights).

The package may import numpy, matplotlib, :mod:`model.errors` and, for typing, the layers
below.
"""

from model.render.figures.ranking import contribution_bars, weights
from model.render.figures.sensitivity import tornado, weight_sweep, weight_sweeps
from model.render.figures.smaa import central_weights, rank_acceptability
from model.render.figures.style import (
    FIGURES,
    LINESTYLES,
    MAX_INCHES,
    contrasting_ink,
    save,
    to_png_bytes,
    to_svg_text,
)
from model.render.palette import FLAG_SYMBOLS, HATCHES, MARKERS, MAX_LABELLED_RANKS, PALETTE, format_share

__all__ = [
    "FIGURES",
    "FLAG_SYMBOLS",
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "MAX_INCHES",
    "MAX_LABELLED_RANKS",
    "PALETTE",
    "central_weights",
    "contrasting_ink",
    "contribution_bars",
    "format_share",
    "rank_acceptability",
    "save",
    "to_png_bytes",
    "to_svg_text",
    "tornado",
    "weight_sweep",
    "weight_sweeps",
    "weights",
]
