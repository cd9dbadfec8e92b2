"""Schema version 1 of a decision model: located YAML data → the parts of a problem.

One pass over the whole file collects every issue (structure and cross-references alike),
skipping only what depends on a part that is already broken, so an analyst sees all the
problems of a file in one run. Files are not touched here: the loader resolves sources and
verifies quotes afterwards.

Layout: :mod:`.parse` (:func:`parse_problem`, the order of the sections), :mod:`.reader`
(vocabulary, the draft, the located-value reader), and one validator module per group of
top-level sections: :mod:`.sections`, :mod:`.criteria`, :mod:`.scores`, :mod:`.weighting`.

The package may import the core, :mod:`model.methods`, :mod:`model.weighting` and
:mod:`model.read.yamlsafe`.
"""

from model.read.schema.parse import parse_problem
from model.read.schema.reader import SCHEMA_VERSION, TOP_LEVEL, Draft

__all__ = ["SCHEMA_VERSION", "TOP_LEVEL", "Draft", "parse_problem"]
