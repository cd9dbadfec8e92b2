"""The HTML report, in parts: :mod:`.format` (one formatter per quantity, HTML helpers),
:mod:`.top` (what sits above the fold: verdict, ranking with live contribution bars, weights
panel and the JSON payload the page's script reads), :mod:`.analyses` (what would change the
decision, SMAA, scenarios, methods, explain), :mod:`.records` (evidence, uncited passages,
sources, manifest), :mod:`.charts` (the six figures as inline SVG) on :mod:`.svg` (drawing
primitives: scales, axes, legends, hatches, markers; no matplotlib). ``report.css`` and
``report.js`` are inlined into the page.

:mod:`model.render.html` assembles the page. Renders; never computes beyond formatting. May
import every layer below render and the other renderers.
"""
