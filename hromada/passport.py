"""The one-page "investment passport" of an opportunity, as a PDF with Cyrillic text.

fpdf2 writes the PDF; the DejaVu Sans font comes from matplotlib's own package data, so the passport
needs no system fonts and no network.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fpdf import FPDF

from hromada.finance import Appraisal
from hromada.formatting import money, number, percent
from hromada.i18n import t


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def passport_pdf(
    p: dict, hromada_name: str, appraisal: Appraisal | None, lang: str, is_demo: bool, today: date | None = None
) -> bytes:
    """One A4 page: what, where, the numbers and the formula's inputs, the site, the contact."""
    fonts = _font_dir()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_title(str(p["title_uk"]))
    pdf.set_creator("SMART Hromada")
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font("DejaVu", "", 9)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(width, 5, f"{t('invest.passport', lang)} · {hromada_name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 16)
    title = p["title_en"] if lang == "en" else p["title_uk"]
    pdf.multi_cell(width, 8, str(title), new_x="LMARGIN", new_y="NEXT")
    if lang == "en" and p["title_en"] != p["title_uk"]:
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(width, 5, str(p["title_uk"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    settlement = p.get("settlement_en" if lang == "en" else "settlement_uk") or p["settlement_katottg"]
    facts = [
        (t("invest.f_id", lang), p["project_id"]),
        (t("invest.f_place", lang), f"{settlement} ({p['settlement_katottg']})"),
        (t("invest.f_sector", lang), t(f"sectors.{p['sector']}", lang)),
        (t("invest.f_status", lang), t(f"statuses.{p['status']}", lang)),
        (
            t("invest.f_form", lang),
            t(f"forms.{p['investment_form']}", lang) if _present(p.get("investment_form")) else "—",
        ),
        (t("invest.f_budget", lang), money(p.get("budget_uah"), lang)),
        (t("invest.f_sought", lang), money(p.get("funding_sought_uah"), lang)),
        (t("invest.f_revenue", lang), money(p.get("annual_revenue_uah"), lang)),
        (
            t("invest.f_land", lang),
            f"{number(p['land_area_ha'], 2, lang)} ha" if _present(p.get("land_area_ha")) else "—",
        ),
        (t("invest.f_cadastral", lang), _or_dash(p.get("cadastral_number"))),
        (t("invest.f_utilities", lang), _or_dash(p.get("utilities"))),
        (t("invest.f_ownership", lang), _or_dash(p.get("ownership"))),
    ]
    _table(pdf, width, facts)

    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(width, 6, t("invest.returns", lang), new_x="LMARGIN", new_y="NEXT")
    if appraisal is None:
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(width, 5, t("invest.no_returns", lang), new_x="LMARGIN", new_y="NEXT")
    else:
        _table(
            pdf,
            width,
            [
                (t("invest.payback", lang), f"{number(appraisal.payback_years, 1, lang)} {t('invest.years', lang)}"),
                (
                    t("invest.npv", lang, rate=percent(appraisal.rate, lang, 0), years=appraisal.years),
                    money(appraisal.npv_uah, lang),
                ),
                (t("invest.irr", lang, years=appraisal.years), percent(appraisal.irr, lang) if appraisal.irr else "—"),
            ],
        )
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(
            width,
            4,
            t(
                "invest.formula",
                lang,
                investment=money(appraisal.investment_uah, lang),
                annual=money(appraisal.annual_uah, lang),
                years=appraisal.years,
                rate=percent(appraisal.rate, lang, 0),
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )

    for heading, text in (
        (t("invest.f_description", lang), p.get("description")),
        (t("invest.f_effect", lang), p.get("expected_effect")),
        (t("invest.f_contact", lang), p.get("contact")),
        (t("invest.f_links", lang), p.get("links")),
    ):
        if _present(text):
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 10)
            pdf.cell(width, 5, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 9)
            pdf.multi_cell(width, 5, str(text), new_x="LMARGIN", new_y="NEXT")

    pdf.ln(4)
    pdf.set_font("DejaVu", "", 7)
    pdf.set_text_color(110, 110, 110)
    note = t("invest.passport_note", lang, date=(today or date.today()).isoformat())
    if is_demo:
        note = t("common.demo_notice", lang) + " " + note
    pdf.multi_cell(width, 4, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _present(value: object) -> bool:
    return value is not None and value == value and str(value).strip() != ""  # NaN != NaN


def _or_dash(value: object) -> str:
    return str(value) if _present(value) else "—"


def _table(pdf: FPDF, width: float, facts: list[tuple[str, str]]) -> None:
    label_width = width * 0.38
    for label, value in facts:
        pdf.set_font("DejaVu", "", 9)
        pdf.set_text_color(90, 90, 90)
        y = pdf.get_y()
        pdf.multi_cell(label_width, 5, label, new_x="RIGHT", new_y="TOP")
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(width - label_width, 5, str(value), new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), y + 5))
