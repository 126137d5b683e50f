"""Investment arithmetic for the catalogue: simple payback, NPV and IRR, with their inputs stated.

Every figure shows the formula's inputs on the page; nothing here guesses what the data do not say.
Cash flows are yearly and level: an investment now, then the same net revenue (or saving) each year.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Appraisal:
    investment_uah: float
    annual_uah: float
    years: int
    rate: float
    payback_years: float | None
    npv_uah: float
    irr: float | None


def npv(rate: float, investment: float, annual: float, years: int) -> float:
    """Net present value: −investment + Σ annual / (1 + rate)^t for t = 1..years."""
    return -investment + sum(annual / (1 + rate) ** t for t in range(1, years + 1))


def irr(investment: float, annual: float, years: int) -> float | None:
    """The rate at which NPV is zero (bisection); None when the project never pays back in `years`."""
    if investment <= 0 or annual <= 0 or annual * years <= investment:
        return None
    low, high = 0.0, 10.0
    for _ in range(200):
        mid = (low + high) / 2
        if npv(mid, investment, annual, years) > 0:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def appraise(investment: float | None, annual: float | None, years: int = 15, rate: float = 0.10) -> Appraisal | None:
    """Payback, NPV and IRR when both an investment and an annual return are known."""
    if not investment or not annual or investment <= 0 or annual <= 0:
        return None
    investment, annual = float(investment), float(annual)
    return Appraisal(
        investment,
        annual,
        years,
        rate,
        investment / annual,
        npv(rate, investment, annual, years),
        irr(investment, annual, years),
    )
