"""Every exact analysis of one problem at once: :func:`analyse` and :class:`SensitivityReport`.

May import the other modules of this package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.analysis.sensitivity.common import require_pairwise_size
from model.analysis.sensitivity.scores import ScoreSensitivity, Tornado, score_sensitivity, tornado
from model.analysis.sensitivity.weights import (
    CriticalCriteria,
    MinimumWeightChange,
    OrdinalDominance,
    StabilityIntervals,
    WeightSweeps,
    critical_criteria,
    min_weight_change,
    ordinal_dominance,
    stability_intervals,
    weight_sweeps,
)
from model.problem import DecisionProblem


# ----- everything at once -----------------------------------------------------------------
@dataclass(frozen=True, eq=False, repr=False)
class SensitivityReport:
    """All seven analyses of one problem; ``ordinal`` is None when no weight order is set.

    In a REPL it shows one line per analysis; in Jupyter, each analysis's table under its name.
    """

    sweeps: WeightSweeps
    stability: StabilityIntervals
    critical: CriticalCriteria
    min_change: MinimumWeightChange
    ordinal: OrdinalDominance | None
    scores: ScoreSensitivity | None  # None when a value function bends a criterion's score-to-value line
    tornado: Tornado | None

    def _parts(self) -> list[tuple[str, Any]]:
        parts: list[tuple[str, Any]] = [
            ("sweeps", self.sweeps),
            ("stability", self.stability),
            ("critical", self.critical),
            ("min_change", self.min_change),
            ("ordinal", self.ordinal),
            ("scores", self.scores),
            ("tornado", self.tornado),
        ]
        return [(name, part) for name, part in parts if part is not None]

    def __repr__(self) -> str:
        lines = [f"<SensitivityReport: {len(self._parts())} exact analyses of the additive model>"]
        for name, part in self._parts():
            lines.append(f"  .{name:<11} {part._caption()} ({len(part.table)} rows)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "".join(
            f"<details{' open' if name == 'stability' else ''}><summary><code>.{name}</code></summary>"
            f"{part._repr_html_()}</details>"
            for name, part in self._parts()
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: each analysis under its field name."""
        return {
            "sweeps": self.sweeps.to_dict(),
            "stability": self.stability.to_dict(),
            "critical": self.critical.to_dict(),
            "min_change": self.min_change.to_dict(),
            "ordinal": None if self.ordinal is None else self.ordinal.to_dict(),
            "scores": None if self.scores is None else self.scores.to_dict(),
            "tornado": None if self.tornado is None else self.tornado.to_dict(),
        }


def analyse(problem: DecisionProblem, *, weight_range: float = 0.5) -> SensitivityReport:
    """Run every exact analysis of the additive model on ``problem``.

    With value functions, the score analyses (``scores``, ``tornado``) are None: they step
    along straight score-to-value lines.
    """
    require_pairwise_size(problem, "the sensitivity analyses")
    bent = any(c.value_function is not None for c in problem.criteria)
    return SensitivityReport(
        sweeps=weight_sweeps(problem),
        stability=stability_intervals(problem),
        critical=critical_criteria(problem),
        min_change=min_weight_change(problem),
        ordinal=ordinal_dominance(problem) if problem.uncertainty.weight_order else None,
        scores=None if bent else score_sensitivity(problem),
        tornado=None if bent else tornado(problem, weight_range=weight_range),
    )
