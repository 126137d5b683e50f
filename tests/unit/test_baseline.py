"""The degree-day baseline: known parameters recovered, statistics and savings as computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

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
    # Least squares by hand on per-day values: x = hdd/30, y = energy/30.
    x, y = hdd[18.0] / 30, energy / 30
    slope = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    intercept = y.mean() - slope * x.mean()
    predicted = 30 * intercept + slope * hdd[18.0]
    residuals = energy - predicted
    assert fit.slope == pytest.approx(slope) and fit.intercept == pytest.approx(intercept)
    # CV(RMSE) = √(Σe² / (n − p)) / ȳ ; NMBE = Σe / ((n − p) ȳ)
    assert fit.cv_rmse == pytest.approx(math.sqrt((residuals**2).sum() / 3) / energy.mean())
    assert fit.nmbe == pytest.approx(residuals.sum() / (3 * energy.mean()), abs=1e-12)
    assert fit.r2 == pytest.approx(1 - (residuals**2).sum() / ((energy - energy.mean()) ** 2).sum())

    rep_days, rep_hdd, rep_actual = np.array([30.0, 30.0]), np.array([150.0, 350.0]), np.array([400.0, 700.0])
    savings = avoided_energy(fit, rep_actual, rep_days, rep_hdd)
    expected_baseline = (30 * intercept + slope * rep_hdd).sum()
    assert savings.baseline_kwh == pytest.approx(expected_baseline)
    assert savings.avoided_kwh == pytest.approx(expected_baseline - 1100)
    rho = max(fit.rho, 0)
    n_eff = 5 * (1 - rho) / (1 + rho)
    spread = t_quantile(0.95, 3) * 1.26 * fit.cv_rmse * expected_baseline * math.sqrt((5 / n_eff) * (1 + 2 / 5) / 2)
    assert savings.uncertainty_kwh == pytest.approx(spread)


@pytest.mark.parametrize(
    ("p", "df", "exact"), [(0.95, 5, 2.015), (0.95, 10, 1.812), (0.95, 22, 1.717), (0.975, 30, 2.042)]
)
def test_t_quantile_matches_the_tables(p: float, df: int, exact: float) -> None:
    assert t_quantile(p, df) == pytest.approx(exact, abs=0.002)
