"""Weather-normalised baselines of a building's energy use and the savings measured against them.

The model is the variable-base degree-day model of ASHRAE Guideline 14 and the Inverse Modelling Toolkit:
energy per day = intercept + slope × heating degree days per day, with the balance (base) temperature searched
over a range (10–22 °C by default) for the best fit. A building whose use does not follow the weather (a slope
that is not positive or not significant) gets the intercept-only model: its mean use per day.

Periods are whatever the data has: days of a smart meter, calendar months, or bills on their own days (the
15th to the 14th) with their own degree days; the rate per day is fitted by least squares weighted by each
period's days (as CalTRACK's billing method does), so a 35-day bill counts for more than a 28-day one. Fit
statistics are computed on the period totals, as the guideline defines them.

The savings' uncertainty is the prediction error of the reporting period's total, not the 1.26 rule of thumb
(Guideline 14, Annex B), which holds only when the reporting period is about as long as the baseline: the
error of the fitted line projected over the reporting period, which grows with its length squared, plus the
reporting period's own noise, which grows with its length. Both are inflated by (1 + ρ) / (1 − ρ) for the
residuals' autocorrelation ρ — the effective number of points, in both periods — and the t quantile takes the
effective degrees of freedom.

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
G14_LIMITS = {"month": (0.15, 0.05), "bill": (0.15, 0.05), "day": (0.30, 0.10)}
MIN_T_STAT = 2.0  # a slope weaker than this is noise: fall back to the mean
# Intercept, slope and the balance point searched for: Guideline 14 counts a change-point model's break as a
# parameter, and it is one the data chose, so the residuals understate the noise as much as a fitted one does.
DEGREE_DAY_PARAMETERS = 3


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
    resolution: str = "month"  # "month", "bill" (a bill on its own days) or "day": what one period is
    sigma2: float = 0.0  # residual variance of the rate per day, for a one-day period (weights are days)
    covariance: tuple[tuple[float, ...], ...] = ((0.0,),)  # (XᵀWX)⁻¹: times sigma2, the parameters' covariance

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


def _weighted_line(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float, float, np.ndarray]:
    """Weighted least squares of y = a + b·x: (a, b, weighted SSE, (XᵀWX)⁻¹)."""
    design = np.column_stack([np.ones_like(x), x])
    normal = design.T @ (design * w[:, None])
    inverse = np.linalg.inv(normal)
    a, b = inverse @ (design.T @ (w * y))
    residual = y - (a + b * x)
    return float(a), float(b), float((w * residual**2).sum()), inverse


def fit_baseline(
    energy: np.ndarray, days: np.ndarray, hdd_by_base: dict[float, np.ndarray], resolution: str = "month"
) -> Fit:
    """Best degree-day fit over the candidate balance points, or the mean when weather explains nothing.

    energy: kWh per period; days: days per period (1 for daily data, a bill's own days for bills);
    hdd_by_base: degree days per period at each base; resolution: "month", "bill" or "day", which decides
    the Guideline 14 limits (a bill is held to the monthly ones).
    """
    energy, days = np.asarray(energy, float), np.asarray(days, float)
    n = len(energy)
    y = energy / days
    best: tuple[float, float, float, float, np.ndarray] | None = None  # (sse, base, intercept, slope, inverse)
    for base, hdd in hdd_by_base.items():
        x = np.asarray(hdd, float) / days
        if n < 4 or float(np.average((x - np.average(x, weights=days)) ** 2, weights=days)) <= 1e-12:
            continue
        intercept, slope, sse, inverse = _weighted_line(x, y, days)
        se_slope = math.sqrt(sse / (n - 2) * inverse[1, 1]) if sse > 0 else 0.0
        significant = slope > 0 and (se_slope == 0 or slope / se_slope >= MIN_T_STAT)
        if significant and (best is None or sse < best[0]):
            best = (sse, base, intercept, slope, inverse)
    if best is not None:
        sse, base, intercept, slope, inverse = best
        predicted = intercept * days + slope * np.asarray(hdd_by_base[base], float)
        cv, nmbe, r2, rho = _statistics(energy, predicted, DEGREE_DAY_PARAMETERS)
        covariance = tuple(tuple(float(v) for v in row) for row in inverse)
        return Fit(
            "degree_day",
            float(base),
            intercept,
            slope,
            n,
            DEGREE_DAY_PARAMETERS,
            r2,
            cv,
            nmbe,
            rho,
            resolution,
            sse / max(n - DEGREE_DAY_PARAMETERS, 1),
            covariance,
        )
    intercept = float(energy.sum() / days.sum())
    cv, nmbe, _, rho = _statistics(energy, intercept * days, 1)
    sse = float((days * (y - intercept) ** 2).sum())
    return Fit(
        "mean",
        None,
        intercept,
        0.0,
        n,
        1,
        None,
        cv,
        nmbe,
        rho,
        resolution,
        sse / max(n - 1, 1),
        ((1 / float(days.sum()),),),
    )


def avoided_energy(fit: Fit, actual: np.ndarray, days: np.ndarray, hdd: np.ndarray, confidence: float = 0.9) -> Savings:
    """Baseline projected on the reporting period's weather minus what was used, with its uncertainty.

    Var(avoided) = σ² × (1 + ρ) / (1 − ρ) × (sᵀ (XᵀWX)⁻¹ s + Σ days), where s sums the reporting periods' days
    and degree days: the fitted line's error over the whole reporting period plus that period's own noise.
    """
    actual, days, hdd = np.asarray(actual, float), np.asarray(days, float), np.asarray(hdd, float)
    baseline = fit.predict(days, hdd)
    m = len(actual)
    total = float(baseline.sum())
    if not m:
        return Savings(total, 0.0, total, 0.0, confidence, 0)
    # The lag-1 autocorrelation of a short series underestimates the true one by about (1 + 3ρ) / n
    # (Marriott & Pope, 1954): corrected, so 24 monthly points do not promise more than they hold.
    rho = min(max(fit.rho + (1 + 3 * fit.rho) / fit.n, 0.0), 0.95)
    inflation = (1 + rho) / (1 - rho)
    sums = np.array([days.sum(), hdd.sum()][: len(fit.covariance)])  # the mean model has no slope
    projected = float(sums @ np.asarray(fit.covariance, float) @ sums)
    variance = fit.sigma2 * inflation * (projected + float(days.sum()))
    n_effective = fit.n / inflation
    t = t_quantile(0.5 + confidence / 2, max(round(n_effective) - fit.p, 1))
    spread = t * math.sqrt(variance)
    return Savings(total, float(actual.sum()), total - float(actual.sum()), spread, confidence, m)
