"""Rendering results for people and programs: text, Markdown, CSV, JSON, figures, the HTML report.

Renders; never computes. :mod:`.common` (tables, strict JSON, the manifest),
:mod:`.ranking`, :mod:`.evidence` (check and evidence), :mod:`.robustness` (sensitivity,
SMAA, the verdict), :mod:`.methods` (weights, method comparison), :mod:`.explain` (explain,
compare, diff), :mod:`.figures` (matplotlib) and :mod:`.html` (the report). May import every
layer below it; nothing below imports it.
"""
