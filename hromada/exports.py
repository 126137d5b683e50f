"""Downloads of a filtered list: CSV (UTF-8 with BOM, so spreadsheet programs read Cyrillic) and XLSX."""

from __future__ import annotations

import io

import pandas as pd


def csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        df.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
