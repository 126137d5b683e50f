"""The village bulletin: one printed page or two for the residents of a settlement or starosta district who do
not read dashboards — what was built there, what the hromada spent, what happened to their appeals, what the
council decided and what their school or clinic used, for one month, in large print and plain words.

Two steps, so the figures can be checked apart from the layout: `gather` reads the warehouse (every query with
parameters) into a `Bulletin` of plain sentences, and `render_pdf` lays it out on A4 with DejaVu Sans (Cyrillic),
body text 16 pt and nothing smaller than 14 pt, black on white, and a QR code that opens the place on the map.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import duckdb

from hromada.db import rows
from hromada.formatting import money, number, percent
from hromada.i18n import t
from hromada.metrics import budget as budget_metrics
from hromada.settings import HromadaSettings
from hromada.translit import transliterate

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core: full Cyrillic
BODY_PT, HEADING_PT, TITLE_PT, SMALLEST_PT = 16, 21, 26, 14
MAX_ITEMS = 5  # a list longer than this is summed up, not printed in full


class BulletinError(ValueError):
    """The place or period asked for is not one the warehouse knows."""


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Bulletin:
    place: str  # the settlement's KATOTTG code or the district's name, as the map page keys them
    place_name: str
    period: str  # YYYY-MM
    lang: str
    title: str
    subtitle: str
    sections: list[Section]
    map_url: str
    figures: dict[str, float] = field(default_factory=dict)  # what the sentences say, for the tests and a reader


def places(con: duckdb.DuckDBPyConnection, settings: HromadaSettings, lang: str) -> dict[str, tuple[str, list[str]]]:
    """Every place a bulletin can be made for: key -> (name, its settlements' codes). Names and codes only: the
    map's measures are not needed to list them."""
    name_col = "name_en" if lang == "en" else "name_uk"  # one of two column names of ours, not input
    found: dict[str, tuple[str, list[str]]] = {
        code: (name, [code])
        for code, name in rows(
            con,
            f"select katottg, coalesce({name_col}, name_uk) from settlements where hromada_katottg = ? order by 2",
            [settings.katottg],
        )
    }
    for name, codes in rows(
        con,
        """select name, settlements from geo_areas
           where level = 'district' and is_own and settlements is not null order by name""",
    ):
        found[name] = (name, [c for c in codes.split() if c in found])
    return found


def months(con: duckdb.DuckDBPyConnection, budget_code: str, count: int = 12) -> list[str]:
    """The latest months a bulletin can tell of, newest first: up to the last month the budget, the appeals or
    the meters reached."""
    latest = rows(
        con,
        """
        select max(m) from (
            select max(make_date(year, month, 1)) as m from budget_lines
            where budget_code = ? and period_type = 'month'
            union all select max(requested_at)::date from appeals
            union all select max(strptime(month || '-01', '%Y-%m-%d'))::date from building_energy_monthly
        )""",
        [budget_code],
    )[0][0]
    if latest is None:
        return []
    year, month = latest.year, latest.month
    out = []
    for _ in range(count):
        out.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


def _month_bounds(period: str) -> tuple[date, date]:
    try:
        year, month = (int(part) for part in period.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise BulletinError(f"{period!r} is not a month YYYY-MM") from None
    return first, date(year + month // 12, month % 12 + 1, 1)


def gather(
    con: duckdb.DuckDBPyConnection, settings: HromadaSettings, place: str, period: str, lang: str, base_url: str
) -> Bulletin:
    """The bulletin's sentences for a place and a month, every figure read from the warehouse."""
    known = places(con, settings, lang)
    if place not in known:
        raise BulletinError(f"{place!r} is neither a settlement code nor a starosta district of the hromada")
    name, codes = known[place]
    first, after = _month_bounds(period)
    month_name = f"{t(f'months.m{first.month}', lang)} {first.year}"
    figures: dict[str, float] = {}
    sections = [
        _built(con, codes, first, after, lang, figures),
        _budget(con, settings, first, lang, figures),
        _appeals(con, settings, codes, first, after, lang, figures),
        _council(con, first, after, lang, figures),
        _local_deputies(con, local_deputies(settings, place, codes), first, after, lang, figures),
        _energy(con, codes, first, lang, figures),
    ]
    contacts = settings.starostas
    contact = contacts.get(place) or next((contacts[c] for c in codes if c in contacts), "")
    if contact:
        sections.append(Section(t("bulletin.contact", lang), [contact]))
    query = urlencode({"place": place, "lang": lang})
    return Bulletin(
        place=place,
        place_name=name,
        period=period,
        lang=lang,
        title=t("bulletin.title", lang, place=name),
        subtitle=t("bulletin.subtitle", lang, month=month_name, hromada=settings.name(lang)),
        sections=[s for s in sections if s.lines],
        map_url=f"{base_url.rstrip('/')}/map?{query}",
        figures=figures,
    )


def _built(con, codes: list[str], first: date, after: date, lang: str, figures: dict[str, float]) -> Section:
    title = "title_en" if lang == "en" else "title_uk"
    projects = rows(
        con,
        f"""
        select {title}, status, actual_start, actual_end, progress_pct, budget_uah, spent_uah
        from projects where list_contains(?, settlement_katottg)
        order by coalesce(actual_end, actual_start, planned_start) desc nulls last""",  # a column name of ours
        [codes],
    )
    section = Section(t("bulletin.built", lang))
    started = [p for p in projects if p[2] is not None and first <= p[2] < after]
    finished = [p for p in projects if p[3] is not None and first <= p[3] < after]
    under_way = [p for p in projects if p[1] == "implementation"]
    figures.update(started=len(started), finished=len(finished), under_way=len(under_way))
    for p in finished[:MAX_ITEMS]:
        section.lines.append(t("bulletin.finished_one", lang, title=p[0], spent=money(p[6], lang)))
    for p in started[:MAX_ITEMS]:
        section.lines.append(t("bulletin.started_one", lang, title=p[0], budget=money(p[5], lang)))
    for p in under_way[:MAX_ITEMS]:
        if p not in started:
            section.lines.append(t("bulletin.under_way_one", lang, title=p[0], progress=number(p[4] or 0, 0, lang)))
    if not section.lines:
        section.lines.append(t("bulletin.nothing_built", lang))
    invested = sum(float(p[6] or 0) for p in projects if p[1] in ("implementation", "completed"))
    figures["invested_uah"] = invested
    if invested:
        section.lines.append(t("bulletin.invested", lang, spent=money(invested, lang)))
    return section


def _budget(con, settings: HromadaSettings, first: date, lang: str, figures: dict[str, float]) -> Section:
    period = budget_metrics.Period(settings.budget_code, first.year, "month", first.month)
    totals = budget_metrics.totals(con, period)
    section = Section(t("bulletin.money", lang))
    income, spent = totals.get("income_ytd"), totals.get("expense_ytd")
    if not spent:
        return section
    figures.update(income_ytd=income or 0.0, expense_ytd=spent)
    months = t(f"months.upto{first.month}", lang)
    section.lines.append(
        t("bulletin.money_line", lang, months=months, income=money(income, lang), spent=money(spent, lang))
    )
    section.lines.append(
        t("bulletin.per_resident", lang, per_resident=money(spent / settings.population, lang, decimals=0))
    )
    return section


def _appeals(
    con, settings: HromadaSettings, codes: list[str], first: date, after: date, lang: str, figures: dict[str, float]
) -> Section:
    received, answered, on_time = rows(
        con,
        """
        select count(*) filter (where requested_at >= ? and requested_at < ?),
               count(*) filter (where answered_at >= ? and answered_at < ?),
               count(*) filter (where answered_at >= ? and answered_at < ? and response_days <= ?)
        from appeals where list_contains(?, settlement_katottg)""",
        [first, after, first, after, first, after, settings.appeal_deadline_days, codes],
    )[0]
    figures.update(appeals_received=received, appeals_answered=answered, appeals_on_time=on_time)
    section = Section(t("bulletin.appeals", lang))
    if received or answered:
        section.lines.append(t("bulletin.appeals_line", lang, received=received, answered=answered))
        if answered:
            section.lines.append(
                t(
                    "bulletin.on_time",
                    lang,
                    share=percent(on_time / answered, lang, 0),
                    days=settings.appeal_deadline_days,
                )
            )
    return section


def _council(con, first: date, after: date, lang: str, figures: dict[str, float]) -> Section:
    decided = rows(
        con,
        """
        select project_title, result from council_vote_events
        where start_at >= ? and start_at < ? order by start_at""",
        [first, after],
    )
    adopted = [title for title, result in decided if result == "adopted"]
    figures.update(council_votes=len(decided), council_adopted=len(adopted))
    section = Section(t("bulletin.council", lang))
    if decided:
        section.lines.append(t("bulletin.council_line", lang, votes=len(decided), adopted=len(adopted)))
        section.lines.extend(f"• {title}" for title in adopted[:MAX_ITEMS])
    return section


def local_deputies(settings: HromadaSettings, place: str, codes: list[str]) -> list[str]:
    """The deputies the settings name for the place, or for any of its settlements (a district's bulletin)."""
    named = list(settings.deputies.get(place, []))
    for code in codes:
        named += [n for n in settings.deputies.get(code, []) if n not in named]
    return named


def _local_deputies(con, names: list[str], first: date, after: date, lang: str, figures: dict[str, float]) -> Section:
    """How each deputy elected here voted on the month's agenda: present for how many votes, for, against."""
    section = Section(t("bulletin.local_deputies", lang))
    if not names:
        return section
    tallies = rows(
        con,
        """
        select v.voter_name, count(*), count(*) filter (where v.vote <> 'absent'),
               count(*) filter (where v.vote = 'for'), count(*) filter (where v.vote = 'against'),
               count(*) filter (where v.vote = 'abstain')
        from council_votes v
        where v.motion_uid in (select motion_uid from council_vote_events where start_at >= ? and start_at < ?)
          and list_contains(?, v.voter_name)
        group by v.voter_name order by v.voter_name""",
        [first, after, names],
    )
    figures.update(local_deputies=len(tallies))
    for name, votes, present, yes, no, abstained in tallies:
        shown = transliterate(name) if lang == "en" else name
        section.lines.append(
            t(
                "bulletin.deputy_line",
                lang,
                name=shown,
                present=present,
                votes=votes,
                yes=yes,
                no=no,
                abstained=abstained,
            )
        )
    return section


def _energy(con, codes: list[str], first: date, lang: str, figures: dict[str, float]) -> Section:
    month, last_year = f"{first:%Y-%m}", f"{first.year - 1}-{first.month:02d}"
    used = rows(
        con,
        """
        select b.name, sum(e.kwh) filter (where e.month = ?), sum(e.kwh) filter (where e.month = ?),
               sum(e.cost_uah) filter (where e.month = ?)
        from buildings b join building_energy_monthly e using (building_id)
        where list_contains(?, b.settlement_katottg)
        group by b.name order by b.name""",
        [month, last_year, month, codes],
    )
    section = Section(t("bulletin.energy", lang))
    for name, kwh, before, cost in used[:MAX_ITEMS]:
        if kwh is None:
            continue
        figures[f"kwh:{name}"] = float(kwh)
        change = t("bulletin.vs_last_year", lang, change=percent(kwh / before - 1, lang, 0)) if before else ""
        section.lines.append(
            t("bulletin.energy_line", lang, name=name, mwh=number(kwh / 1000, 1, lang), cost=money(cost, lang)) + change
        )
    return section


def can_print() -> bool:
    """Whether the fonts the PDF needs are installed (the page still shows the bulletin without them)."""
    return (FONT_DIR / "DejaVuSans.ttf").exists() and (FONT_DIR / "DejaVuSans-Bold.ttf").exists()


def render_pdf(bulletin: Bulletin) -> bytes:
    """A4, large print: DejaVu Sans 16 pt body, headings 21 pt, black on white; the QR code to the map."""
    import segno
    from fpdf import FPDF

    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not regular.exists() or not bold.exists():
        raise BulletinError(f"DejaVu Sans is not installed in {FONT_DIR} (Debian: apt-get install fonts-dejavu-core)")
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_title(bulletin.title)
    pdf.set_lang(bulletin.lang)
    pdf.add_page()
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", TITLE_PT)
    pdf.multi_cell(0, 11, bulletin.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", BODY_PT)
    pdf.multi_cell(0, 8, bulletin.subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
    for section in bulletin.sections:
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", HEADING_PT)
        pdf.multi_cell(0, 10, section.heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", BODY_PT)
        for line in section.lines:
            pdf.multi_cell(0, 8, line, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    pdf.ln(4)
    code = io.BytesIO()
    segno.make(bulletin.map_url, error="m").save(code, kind="png", scale=8, border=2)
    code.seek(0)
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    top = pdf.get_y()
    pdf.image(code, x=pdf.l_margin, y=top, w=45, h=45)
    pdf.set_xy(pdf.l_margin + 50, top)
    pdf.set_font("DejaVu", "", SMALLEST_PT)
    pdf.multi_cell(0, 7, t("bulletin.qr", bulletin.lang) + "\n" + bulletin.map_url, align="L")
    return bytes(pdf.output())


def pdf_for(con: duckdb.DuckDBPyConnection, settings: HromadaSettings, place: str, period: str, lang: str) -> bytes:
    """The PDF of one bulletin on a cursor of its own: a download button makes it on another thread than the
    page's, and one DuckDB connection must not serve two threads at once."""
    with con.cursor() as cursor:
        return render_pdf(gather(cursor, settings, place, period, lang, settings.public_url))
