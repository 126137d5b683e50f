"""The council's targets: which KPIs may have one, which way is better, and the rule that says on track,
at risk or off track. Pure functions, so the rule is tested and stated once (the overview quotes it).

A target is for a year. Shares are compared as they stand; budget execution, which grows month by month,
is compared with the part of the target due by the reporting month (a 100 % target is 50 % due by June).
"""

from __future__ import annotations

from dataclasses import dataclass

MOBILE_COVERAGE = ("none", "partial", "full")
AT_RISK_MARGIN = 0.10  # within 10 % of the target (relative) is "at risk"; further away is "off track"


@dataclass(frozen=True)
class Kpi:
    """unit: 'share' (stored 0..1, written in per cent in the template), 'kwh_m2', 'uah' or 'days'."""

    unit: str
    higher_is_better: bool
    grows_through_year: bool = False  # compared with the part of the target due by the reporting month


KPIS: dict[str, Kpi] = {
    "own_revenue_share": Kpi("share", True),
    "capital_share": Kpi("share", True),
    "budget_execution": Kpi("share", True, grows_through_year=True),
    "appeals_on_time": Kpi("share", True),
    "petitions_answered": Kpi("share", True),
    "e_services_online": Kpi("share", True),
    "energy_kwh_per_m2": Kpi("kwh_m2", False),
    "energy_bill_uah": Kpi("uah", False),
    "documents_electronic": Kpi("share", True),
    "documents_days_to_sign": Kpi("days", False),
    "settlements_broadband": Kpi("share", True),
    "residents_covered": Kpi("share", True),
}


def target_value(kpi: str, written: float) -> float:
    """The template's number as the dashboard compares it: per cent becomes a share."""
    return written / 100 if KPIS[kpi].unit == "share" else written


def due_by(kpi: str, target: float, month: int) -> float:
    """The part of the year's target due by the reporting month (the whole target for most KPIs)."""
    return target * month / 12 if KPIS[kpi].grows_through_year else target


def status(kpi: str, value: float | None, target: float, month: int = 12) -> str | None:
    """'on_track' when the target (or the part due by the month) is met, 'at_risk' within 10 % of it,
    'off_track' further away; None when there is no value to compare."""
    if value is None:
        return None
    due = due_by(kpi, target, month)
    if KPIS[kpi].higher_is_better:
        if value >= due:
            return "on_track"
        return "at_risk" if value >= due * (1 - AT_RISK_MARGIN) else "off_track"
    if value <= due:
        return "on_track"
    return "at_risk" if value <= due * (1 + AT_RISK_MARGIN) else "off_track"


def trend(kpi: str, value: float | None, previous: float | None) -> str | None:
    """'better', 'worse' or 'same' against last year's value, by the KPI's direction."""
    if value is None or previous is None:
        return None
    if value == previous:
        return "same"
    return "better" if (value > previous) == KPIS[kpi].higher_is_better else "worse"
