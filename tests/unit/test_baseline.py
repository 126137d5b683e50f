"""The degree-day baseline: known parameters recovered, statistics and savings as computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from etl.baselines import _overlapping
from hromada.baseline import BALANCE_POINTS, avoided_energy, fit_baseline, t_quantile


def _months(seed: int = 1, n: int = 36) -> tuple[np.ndarray, dict[float, np.ndarray]]:
    """Daily mean temperatures of n 30-day months with a seasonal swing, and HDD per month at each base."""
    rng = np.random.default_rng(seed)
    temps = np.array([8 - 13 * math.cos(2 * math.pi * (i % 12 + 0.5) / 12) + rng.normal(0, 3, 30) for i in range(n)])
    hdd = {b: np.clip(b - temps, 0, None).sum(axis=1) for b in BALANCE_POINTS}
    return np.full(n, 30.0), hdd


def test_recovers_balance_point_and_slope() -> None:
    days, hdd = _months()
    energy = 120 * days + 45 * hdd[16.0]  # 120 kWh a day of base load, 45 kWh per degree day below 16 °C
    fit = fit_baseline(energy, days, hdd)
    assert fit.model == "degree_day" and fit.balance_point_c == 16.0
    assert fit.intercept == pytest.approx(120) and fit.slope == pytest.approx(45)
    assert fit.cv_rmse == pytest.approx(0, abs=1e-9) and fit.r2 == pytest.approx(1) and fit.passes_g14


def test_noisy_data_still_close_and_passes() -> None:
    days, hdd = _months(seed=7, n=48)
    rng = np.random.default_rng(3)
    energy = (120 * days + 45 * hdd[17.0]) * rng.normal(1, 0.03, len(days))
    fit = fit_baseline(energy, days, hdd)
    assert abs(fit.balance_point_c - 17.0) <= 1.0
    assert fit.slope == pytest.approx(45, rel=0.1)
    assert fit.passes_g14 and fit.r2 > 0.95


def test_use_without_weather_falls_back_to_the_mean() -> None:
    days, hdd = _months()
    energy = np.array([900.0, 1100.0] * 18)
    fit = fit_baseline(energy, days, hdd)
    assert fit.model == "mean" and fit.balance_point_c is None and fit.slope == 0
    assert fit.intercept == pytest.approx(1000 / 30)


def test_statistics_and_savings_by_hand() -> None:
    days = np.array([30.0, 30.0, 30.0, 30.0, 30.0])
    hdd = {18.0: np.array([0.0, 100.0, 200.0, 300.0, 400.0])}
    energy = np.array([310.0, 480.0, 720.0, 880.0, 1110.0])
    fit = fit_baseline(energy, days, hdd)
    # Least squares by hand on per-day values: x = hdd/30, y = energy/30 (equal days: weights change nothing).
    x, y = hdd[18.0] / 30, energy / 30
    slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    intercept = y.mean() - slope * x.mean()
    predicted = 30 * intercept + slope * hdd[18.0]
    residuals = energy - predicted
    assert fit.slope == pytest.approx(slope) and fit.intercept == pytest.approx(intercept)
    # CV(RMSE) = √(Σe² / (n − p)) / ȳ ; NMBE = Σe / ((n − p) ȳ), p = 3 with the balance point
    assert fit.p == 3
    assert fit.cv_rmse == pytest.approx(math.sqrt((residuals**2).sum() / 2) / energy.mean())
    assert fit.nmbe == pytest.approx(residuals.sum() / (2 * energy.mean()), abs=1e-12)
    assert fit.r2 == pytest.approx(1 - (residuals**2).sum() / ((energy - energy.mean()) ** 2).sum())

    rep_days, rep_hdd, rep_actual = np.array([30.0, 30.0]), np.array([150.0, 350.0]), np.array([400.0, 700.0])
    savings = avoided_energy(fit, rep_actual, rep_days, rep_hdd)
    expected_baseline = (30 * intercept + slope * rep_hdd).sum()
    assert savings.baseline_kwh == pytest.approx(expected_baseline)
    assert savings.avoided_kwh == pytest.approx(expected_baseline - 1100)
    # Var = σ² (1 + ρ) / (1 − ρ) (sᵀ (XᵀWX)⁻¹ s + Σ days), σ² from the per-day residuals weighted by days.
    design = np.column_stack([np.ones(5), x])
    inverse = np.linalg.inv(design.T @ (design * 30))
    sigma2 = (30 * (y - intercept - slope * x) ** 2).sum() / (5 - 3)
    rho = min(max(fit.rho + (1 + 3 * fit.rho) / 5, 0), 0.95)
    inflation = (1 + rho) / (1 - rho)
    s_vec = np.array([60.0, 500.0])
    variance = sigma2 * inflation * (s_vec @ inverse @ s_vec + 60)
    t = t_quantile(0.95, max(round(5 / inflation) - 3, 1))
    assert savings.uncertainty_kwh == pytest.approx(t * math.sqrt(variance))


def _simulated_interval_hits(kind: str, buildings: int, seed: int) -> float:
    """The share of simulated buildings without a retrofit (true saving 0) whose 90 % interval holds 0.

    Each building: six years of daily temperatures (a seasonal swing and weather spells that last days), use
    = base load + slope × degree days below its balance point, with 3 % daily noise and 3.5 % month to month
    (occupancy, a window left open) as the demo has; read by calendar month or billed 15th to 14th; fitted on
    the first 24 periods, savings over the 6 to 48 that follow."""
    rng = np.random.default_rng(seed)
    n_days = 6 * 365
    first = np.datetime64("2021-01-01")
    dates = first + np.arange(n_days)
    month_of_day = dates.astype("datetime64[M]")
    months = np.unique(month_of_day)
    bases = np.array(BALANCE_POINTS)
    starts = months.astype("datetime64[D]") + (14 if kind == "bill" else 0)
    cuts = (starts[starts <= dates[-1]] - first).astype(int)
    hits = 0
    for _ in range(buildings):
        spell = np.zeros(n_days)
        shocks = rng.normal(0, 3, n_days)
        for i in range(1, n_days):
            spell[i] = 0.7 * spell[i - 1] + shocks[i]
        temps = 8 - 13 * np.cos(2 * np.pi * (np.arange(n_days) - 15) / 365.25) + spell
        balance = rng.choice([15.0, 15.5, 16.0, 16.5, 17.0, 17.5])
        slope = 0.0 if kind == "mean" else rng.uniform(30, 150)
        month_factor = rng.normal(1, 0.035, len(months))[np.searchsorted(months, month_of_day)]
        use = (rng.uniform(10, 80) + slope * np.clip(balance - temps, 0, None)) * rng.normal(1, 0.03, n_days)
        use *= month_factor
        hdd = np.clip(bases[None, :] - temps[:, None], 0, None)
        energy = np.add.reduceat(use, cuts)[:-1]
        degree_days = np.add.reduceat(hdd, cuts, axis=0)[:-1]
        days = np.diff(cuts).astype(float)
        end = int(rng.integers(30, len(days)))
        fit = fit_baseline(energy[:24], days[:24], {b: degree_days[:24, i] for i, b in enumerate(BALANCE_POINTS)})
        at_base = (
            degree_days[24:end, BALANCE_POINTS.index(fit.balance_point_c)]
            if fit.balance_point_c is not None
            else np.zeros(end - 24)
        )
        saved = avoided_energy(fit, energy[24:end], days[24:end], at_base)
        hits += abs(saved.avoided_kwh) <= saved.uncertainty_kwh
    return hits / buildings


@pytest.mark.parametrize("kind", ["month", "bill", "mean"])
def test_the_90_percent_interval_covers_the_truth_90_percent_of_the_time(kind: str) -> None:
    """Calibration, not a promise on paper: on 300 simulated buildings whose true saving is 0, the 90 % interval
    holds it for 85–95 % of them, read monthly, billed mid-month, or with use the weather does not drive."""
    assert 0.85 <= _simulated_interval_hits(kind, 300, seed=2026) <= 0.95


@pytest.mark.parametrize(
    ("p", "df", "exact"), [(0.95, 5, 2.015), (0.95, 10, 1.812), (0.95, 22, 1.717), (0.975, 30, 2.042)]
)
def test_t_quantile_matches_the_tables(p: float, df: int, exact: float) -> None:
    assert t_quantile(p, df) == pytest.approx(exact, abs=0.002)


def test_overlapping_periods_keep_the_longer_one() -> None:
    """A period inside a longer one (a reading set aside) is dropped, the longer kept; periods that only touch, or
    follow each other, are all kept, out of order or not."""
    days = lambda *d: np.array(d, "datetime64[D]")  # noqa: E731
    start = days("2025-01-01", "2025-02-01", "2025-02-10", "2025-03-01")
    end = days("2025-02-01", "2025-03-01", "2025-02-20", "2025-04-01")
    assert _overlapping(start, end).tolist() == [False, False, True, False]
    order = [3, 0, 2, 1]
    assert _overlapping(start[order], end[order]).tolist() == [False, False, True, False]
    assert not _overlapping(days("2025-01-01", "2025-02-01"), days("2025-02-01", "2025-03-01")).any()
    assert not _overlapping(days("2025-01-01"), days("2025-02-01")).any()
