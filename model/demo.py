"""A tiny self-contained model, for doctests and first steps in a notebook.

>>> import model
>>> model.evaluate(model.loads(DEMO_YAML)).winners
('Utopia',)

Imports nothing.
"""

DEMO_YAML = """\
version: 1
title: Where to retire
criteria:
  safety: {direction: benefit, weight: 3, scale: {min: 0, max: 10}}
  cost_of_living: {direction: cost, weight: 1, scale: {min: 0, max: 10}}
alternatives:
  Atlantis:
  Utopia:
scores:
  Atlantis:
    safety: {value: 5, confidence: high, rationale: Average crime figures.}
    cost_of_living: {value: 5, confidence: medium, rationale: Average prices.}
  Utopia:
    safety: {value: 7.5, confidence: high, rationale: Low crime figures.}
    cost_of_living: {value: [3, 7], confidence: low, rationale: Prices vary by region.}
scenarios:
  cheap_first:
    description: Money matters most.
    weights: {cost_of_living: 9}
"""
