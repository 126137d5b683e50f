"""The e-services chart as both the Participation and the SMART page draw it: services by channel each month,
the online share as a line, and the council's target for it when one is set."""

from __future__ import annotations

import pandas as pd

from hromada import charts, ui
from hromada.i18n import t


def e_services_chart(monthly: pd.DataFrame, lang: str, key: str, target: float | None = None) -> None:
    ui.chart(
        charts.share_line(
            monthly,
            "month",
            {
                "cnap": t("participation.channel_cnap"),
                "online": t("participation.channel_online"),
                "diia": t("participation.channel_diia"),
            },
            "online_share",
            {
                "share": t("participation.online"),
                "count": t("participation.services"),
                "title": t("participation.services_by_month"),
                "target": t("smart.target_line"),
            },
            lang,
            target,
        ),
        key,
    )
