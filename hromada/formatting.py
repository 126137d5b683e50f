"""Numbers as a council member reads them: "168,4 млн грн" in Ukrainian, "UAH 168.4m" in English."""

from __future__ import annotations

import math

from hromada.i18n import language

_SCALES_UK = ((1e9, "млрд грн"), (1e6, "млн грн"), (1e3, "тис. грн"))
_SCALES_EN = ((1e9, "bn"), (1e6, "m"), (1e3, "k"))
_NARROW_NBSP = "\u202f"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, decimals: int = 0, lang: str | None = None) -> str:
    """Grouped digits: 11 600 / 11,600; decimal comma in Ukrainian."""
    if _missing(value):
        return "—"
    text = f"{float(value):,.{decimals}f}"
    if (lang or language()) == "uk":
        text = text.replace(",", _NARROW_NBSP).replace(".", ",")
    return text


def mwh(kwh: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """Energy counted in kWh, shown in MWh: the unit a building's year reads in."""
    return number(None if _missing(kwh) else float(kwh) / 1000, decimals, lang)


def scaled(value: float | None, unit: float, decimals: int = 1, lang: str | None = None) -> str:
    """An amount in thousands (1e3) or millions (1e6), for a card whose label names the unit."""
    return number(None if _missing(value) else float(value) / unit, decimals, lang)


def money(value: float | None, lang: str | None = None, decimals: int = 1) -> str:
    """An amount in hryvnias, scaled to thousands, millions or billions."""
    if _missing(value):
        return "—"
    lang = lang or language()
    value = float(value)
    for threshold, unit_uk in _SCALES_UK:
        if abs(value) >= threshold:
            scaled = number(value / threshold, decimals, lang)
            if lang == "uk":
                return f"{scaled} {unit_uk}"
            unit_en = dict(zip((s for s, _ in _SCALES_EN), (u for _, u in _SCALES_EN), strict=False))[threshold]
            return f"UAH {scaled}{unit_en}"
    return f"{number(value, 0, lang)} грн" if lang == "uk" else f"UAH {number(value, 0, lang)}"


def signed_money(value: float | None, lang: str | None = None) -> str:
    """A change of an amount: +17,1 млн грн / −0,3 млн грн (a true minus sign, as print has it)."""
    if _missing(value):
        return "—"
    return ("+" if float(value) >= 0 else "−") + money(abs(float(value)), lang)


def percent(share: float | None, lang: str | None = None, decimals: int = 1) -> str:
    """A share (0.953) as a percentage: 95,3 % / 95.3%."""
    if _missing(share):
        return "—"
    lang = lang or language()
    text = number(share * 100, decimals, lang)
    return f"{text}{_NARROW_NBSP}%" if lang == "uk" else f"{text}%"


def signed_percent(change: float | None, lang: str | None = None) -> str | None:
    """A change for st.metric's delta: +4,2 % (None when there is nothing to compare)."""
    if _missing(change):
        return None
    sign = "+" if change >= 0 else "-"  # st.metric colours by the ASCII sign
    return sign + percent(abs(change), lang)


def unit(code: str) -> str:
    """A unit as the data writes it ("kWh", "m3") in the reader's language ("кВт·год", "м³"); one we have no
    name for is shown as written."""
    from hromada.i18n import t

    key = f"units.{code}"
    text = t(key)
    return code if text == key else text


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month(value: str | None, lang: str | None = None) -> str:
    """A month kept as "2026-10" as a reader writes it: "10.2026" in Ukrainian (fits any grammatical case, unlike
    a month's name), "Oct 2026" in English."""
    if not value:
        return "—"
    year, number_ = str(value)[:7].split("-")
    if (lang or language()) == "en":
        return f"{_MONTHS_EN[int(number_) - 1]} {year}"
    return f"{number_}.{year}"


def day(value, lang: str | None = None) -> str:
    """A date as the reader writes it: 02.12.2026 in Ukrainian, 2 Dec 2026 in English; a dash when missing."""
    if value is None or value != value or str(value) in ("", "NaT"):
        return "—"
    text = str(value)[:10]
    year, month_, day_ = text.split("-")
    if (lang or language()) == "en":
        return f"{int(day_)} {_MONTHS_EN[int(month_) - 1]} {year}"
    return f"{day_}.{month_}.{year}"
