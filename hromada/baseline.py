"""Weather-normalised baselines of a building's energy use and the savings measured against them.

The model is the variable-base degree-day model of ASHRAE Guideline 14 and the Inverse Modelling Toolkit:
energy per day = intercept + slope × heating degree days per day, with the balance (base) temperature searched
over a range (10–22 °C by default) for the best fit. A building whose use does not follow the weather (a slope
that is not positive or not significant) gets the intercept-only model: its mean use per day. Fit statistics
are computed on the period totals, as the guideline defines them, and savings carry the guideline's uncertainty
(Annex B, with the residuals' autocorrelation reducing the effective number of points).

Pure numpy, so the ETL, the notebooks and the tests share one implementation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

BALANCE_POINTS = tuple(np.arange(10.0, 22.01, 0.5).round(1))
# ASHRAE Guideline 14 limits (CV(RMSE), |NMBE|): 15 % and 5 % for monthly models, 30 % and 10 % for hourly
# ones; daily models are held to the hourly limits, as the Guideline gives none of their own.
G14_LIMITS = {"month": (0.15, 0.05), "day": (0.30, 0.10)}
MIN_T_STAT = 2.0  # a slope weaker than this is noise: fall back to the mean


@dataclass(frozen=True)
class Fit:
    """A fitted baseline: energy per period = intercept × days + slope × HDD(balance point)."""

    model: str  # "degree_day" or "mean"
    balance_point_c: float | None
    intercept: float  # kWh per day
    slope: float  # kWh per degree day (0 for the mean model)
    n: int  # periods in the baseline
    p: int  # parameters
    r2: float | None  # None for the mean model: nothing is explained by construction
    cv_rmse: float  # fraction of the mean period's energy
    nmbe: float  # fraction
    rho: float  # lag-1 autocorrelation of the residuals
    resolution: str = "month"  # "month" or "day": what one period is

    @property
    def passes_g14(self) -> bool:
        cv_limit, nmbe_limit = G14_LIMITS[self.resolution]
        return self.cv_rmse <= cv_limit and abs(self.nmbe) <= nmbe_limit

    def predict(self, days: np.ndarray, hdd: np.ndarray) -> np.ndarray:
        """Energy per period for the periods' days and degree days at this fit's balance point."""
        return self.intercept * np.asarray(days, float) + self.slope * np.asarray(hdd, float)


@dataclass(frozen=True)
class Savings:
    baseline_kwh: float  # the baseline projected on the reporting period's weather
    actual_kwh: float
    avoided_kwh: float
    uncertainty_kwh: float  # ± at the confidence level
    confidence: float
    months: int


def t_quantile(p: float, df: int) -> float:
    """Student's t quantile by the Cornish–Fisher expansion around the normal (Abramowitz & Stegun 26.7.5):
    within 0.002 of the exact value from 5 degrees of freedom, which is all a baseline needs."""
    z = NormalDist().inv_cdf(p)
    v = float(max(df, 1))
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / v + g2 / v**2 + g3 / v**3 + g4 / v**4


def _statistics(energy: np.ndarray, predicted: np.ndarray, p: int) -> tuple[float, float, float | None, float]:
    """CV(RMSE), NMBE, R² and the residuals' lag-1 autocorrelation, on period totals (ASHRAE Guideline 14)."""
    n = len(energy)
    residuals = energy - predicted
    mean = float(energy.mean())
    dof = max(n - p, 1)
    cv = math.sqrt(float((residuals**2).sum()) / dof) / mean if mean else math.inf
    nmbe = float(residuals.sum()) / (dof * mean) if mean else math.inf
    total = float(((energy - mean) ** 2).sum())
    r2 = 1 - float((residuals**2).sum()) / total if total else None
    rho = 0.0
    if n > 2 and float((residuals**2).sum()) > 0:
        centred = residuals - residuals.mean()
        rho = float((centred[1:] * centred[:-1]).sum() / (centred**2).sum())
    return cv, nmbe, r2, rho


def fit_baseline(
    energy: np.ndarray, days: np.ndarray, hdd_by_base: dict[float, np.ndarray], resolution: str = "month"
) -> Fit:
    """Best degree-day fit over the candidate balance points, or the mean when weather explains nothing.

    energy: kWh per period; days: days per period (1 for daily data); hdd_by_base: degree days per period at
    each base; resolution: "month" or "day", which decides the Guideline 14 limits.
    """
    energy, days = np.asarray(energy, float), np.asarray(days, float)
    n = len(energy)
    y = energy / days
    best: tuple[float, float, float, float] | None = None  # (sse, base, intercept, slope)
    for base, hdd in hdd_by_base.items():
        x = np.asarray(hdd, float) / days
        sxx = float(((x - x.mean()) ** 2).sum())
        if n < 4 or sxx <= 0:
            continue
        slope = float(((x - x.mean()) * (y - y.mean())).sum()) / sxx
        intercept = float(y.mean()) - slope * float(x.mean())
        residual = y - (intercept + slope * x)
        sse = float((residual**2).sum())
        se_slope = math.sqrt(sse / (n - 2) / sxx) if sse > 0 else 0.0
        significant = slope > 0 and (se_slope == 0 or slope / se_slope >= MIN_T_STAT)
        if significant and (best is None or sse < best[0]):
            best = (sse, base, intercept, slope)
    if best is not None:
        _, base, intercept, slope = best
        predicted = intercept * days + slope * np.asarray(hdd_by_base[base], float)
        cv, nmbe, r2, rho = _statistics(energy, predicted, 2)
        return Fit("degree_day", float(base), intercept, slope, n, 2, r2, cv, nmbe, rho, resolution)
    intercept = float(energy.sum() / days.sum())
    cv, nmbe, _, rho = _statistics(energy, intercept * days, 1)
    return Fit("mean", None, intercept, 0.0, n, 1, None, cv, nmbe, rho, resolution)


def avoided_energy(fit: Fit, actual: np.ndarray, days: np.ndarray, hdd: np.ndarray, confidence: float = 0.9) -> Savings:
    """Baseline projected on the reporting period's weather minus what was used, with its uncertainty.

    ASHRAE Guideline 14, Annex B: ΔE = t × 1.26 × CV(RMSE) × E_baseline × √((n / n′) × (1 + 2 / n) / m), where
    n′ = n (1 − ρ) / (1 + ρ) counts the baseline points that are independent when residuals are autocorrelated.
    """
    actual = np.asarray(actual, float)
    baseline = fit.predict(days, hdd)
    m = len(actual)
    rho = max(fit.rho, 0.0)
    n_effective = fit.n * (1 - rho) / (1 + rho) if rho < 1 else 1.0
    t = t_quantile(0.5 + confidence / 2, max(fit.n - fit.p, 1))
    total = float(baseline.sum())
    spread = t * 1.26 * fit.cv_rmse * total * math.sqrt((fit.n / n_effective) * (1 + 2 / fit.n) / m) if m else 0.0
    return Savings(total, float(actual.sum()), total - float(actual.sum()), spread, confidence, m)
