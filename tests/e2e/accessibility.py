"""axe-core's WCAG 2.0/2.1 A and AA rules on the page as a person sees it now.

Only serious and critical findings fail a test: those stop someone from reading or using the page (text they
cannot read, controls a screen reader cannot name, lists it cannot follow). axe-core ships inside
axe-playwright-python, so the check runs offline.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.e2e.waits import app_idle

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

_axe = Axe()


def _check(page: Page) -> list[str]:
    result = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}}).response
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — "
        + "; ".join(node["html"][:120] for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def blocking_violations(page: Page) -> list[str]:
    """One line per serious or critical finding: the rule, its impact, and the first elements it names.

    A page still drawing can show a passing state (the sidebar scrolls before its links are in it: "scrollable
    region without keyboard access"); a finding must still be there once the page has settled to count."""
    found = _check(page)
    if found:
        app_idle(page)
        page.wait_for_load_state("networkidle")
        found = _check(page)
    return found
