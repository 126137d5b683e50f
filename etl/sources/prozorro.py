"""Prozorro procurement in the Open Contracting Data Standard (OCDS 1.1) JSON.

Reads release packages (`releases[]`), record packages (`records[]`, using each record's
`compiledRelease`), single releases and single records. Each release becomes rows of tenders,
items, awards, contracts and transactions; the SQL model keeps the latest release of each `ocid`.

Prozorro quirks handled here: the CPV scheme is written in Cyrillic (`ДК021`); `valueAddedTaxIncluded`
is sometimes missing; supplier ids may be 10-digit personal tax numbers; contract-stage releases carry
no `tender` block. JSON has no useful line numbers, so a rejected release is located by its position
in the file's array (`line_number`) and a JSON pointer (`column_name`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyarrow as pa

from etl.sources.base import DecodedFile, FileFormatError, Rejection

CPV_SCHEMES = {"CPV", "ДК021", "DK021"}
MAX_DEPTH = 32  # objects and lists within a release: OCDS nests about ten deep

TABLE_COLUMNS: dict[str, dict[str, pa.DataType]] = {
    "stg_ocds_releases": {
        "source_file": pa.string(),
        "position": pa.int32(),
        "ocid": pa.string(),
        "release_id": pa.string(),
        "release_date": pa.string(),
        "tags": pa.string(),
        "buyer_id": pa.string(),
        "buyer_name": pa.string(),
        "tender_id": pa.string(),
        "tender_title": pa.string(),
        "tender_status": pa.string(),
        "procurement_method": pa.string(),
        "procurement_method_type": pa.string(),
        "tender_amount": pa.string(),
        "tender_currency": pa.string(),
        "tender_start": pa.string(),
    },
    "stg_ocds_lots": {
        "source_file": pa.string(),
        "position": pa.int32(),
        "ocid": pa.string(),
        "lot_id": pa.string(),
        "title": pa.string(),
        "status": pa.string(),
        "amount": pa.string(),
        "currency": pa.string(),
    },
    "stg_ocds_items": {
        "source_file": pa.string(),
        "position": pa.int32(),
        "ocid": pa.string(),
        "stage": pa.string(),
        "parent_id": pa.string(),
        "item_id": pa.string(),
        "description": pa.string(),
        "cpv": pa.string(),
        "quantity": pa.string(),
        "unit": pa.string(),
    },
    "stg_ocds_awards": {
        "source_file": pa.string(),
        "position": pa.int32(),
        "ocid": pa.string(),
        "award_id": pa.string(),
        "status": pa.string(),
        "award_date": pa.string(),
        "amount": pa.string(),
        "currency": pa.string(),
        "supplier_id": pa.string(),
        "supplier_scheme": pa.string(),
        "supplier_name": pa.string(),
    },
    "stg_ocds_contracts": {
        "source_file": pa.string(),
        "position": pa.int32(),
        "ocid": pa.string(),
        "contract_id": pa.string(),
        "award_id": pa.string(),
        "title": pa.string(),
        "status": pa.string(),
        "date_signed": pa.string(),
        "period_start": pa.string(),
        "period_end": pa.string(),
        "amount": pa.string(),
        "currency": pa.string(),
        "vat_included": pa.bool_(),
        "supplier_id": pa.string(),
        "supplier_name": pa.string(),
    },
    "stg_ocds_transactions": {
        "source_file": pa.string(),
        "position": pa.int32(),
        "ocid": pa.string(),
        "contract_id": pa.string(),
        "transaction_id": pa.string(),
        "transaction_date": pa.string(),
        "amount": pa.string(),
        "currency": pa.string(),
    },
}


@dataclass
class OcdsRows:
    """Staging rows of one file, table by table."""

    kind: str
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in TABLE_COLUMNS})
    rejections: list[Rejection] = field(default_factory=list)
    releases_read: int = 0

    def arrow(self) -> dict[str, pa.Table]:
        """Each table column by column (a third faster than Arrow reading the rows as dicts)."""
        tables = {}
        for name, columns in TABLE_COLUMNS.items():
            rows = self.tables[name]
            tables[name] = pa.table(
                {col: pa.array([row[col] for row in rows], type=kind) for col, kind in columns.items()}
            )
        return tables


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if value.__class__ is str:  # nearly every value: no conversion
        return value.strip() or None
    return str(value).strip() or None


def _amount(value: dict | None) -> tuple[str | None, str | None]:
    """(amount as exact text, currency) of an OCDS Value; a non-numeric amount raises ValueError."""
    if not isinstance(value, dict) or value.get("amount") is None:
        return None, None
    raw = value["amount"]
    if isinstance(raw, bool):
        raise ValueError(raw)
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        raise ValueError(raw) from None
    if not amount.is_finite():
        raise ValueError(raw)
    return str(amount), _text(value.get("currency")) or "UAH"


def _cpv(item: dict) -> str | None:
    classification = item.get("classification") or {}
    if str(classification.get("scheme", "")).strip().upper() in CPV_SCHEMES:
        return _text(classification.get("id"))
    return None


def _party(parties: dict[str, dict], reference: dict | None) -> tuple[str | None, str | None, str | None]:
    """(identifier, scheme, name) of an organisation reference, looked up in parties[] when possible."""
    if not isinstance(reference, dict):
        return None, None, None
    party = parties.get(str(reference.get("id")), {}) if reference.get("id") is not None else {}
    identifier = party.get("identifier") or reference.get("identifier") or {}
    code = _text(identifier.get("id"))
    if code is None and isinstance(reference.get("id"), str):
        # "UA-EDR-37609523" is the scheme and the code joined
        ref = reference["id"]
        code = ref.rsplit("-", 1)[-1] if ref.startswith("UA-") else ref
    return code, _text(identifier.get("scheme")), _text(party.get("name") or reference.get("name"))


def _unpack(doc: Any, rel_path: str) -> tuple[str, list[dict]]:
    """The file's kind and its releases (compiled releases for records)."""
    if not isinstance(doc, dict):
        raise FileFormatError(f"{rel_path}: not an OCDS document (expected a JSON object)")
    if isinstance(doc.get("releases"), list) and "ocid" not in doc:
        return "ocds_release_package", doc["releases"]
    if isinstance(doc.get("records"), list):
        return "ocds_record_package", [r.get("compiledRelease") if isinstance(r, dict) else r for r in doc["records"]]
    if "compiledRelease" in doc:
        return "ocds_record", [doc["compiledRelease"]]
    if "ocid" in doc:
        return "ocds_release", [doc]
    raise FileFormatError(
        f"{rel_path}: not an OCDS release package, record package, release or record; expected a JSON object "
        "with 'releases' [...], 'records' [...], 'compiledRelease' {...} or an 'ocid'"
    )


def read_ocds(decoded: DecodedFile) -> OcdsRows:
    """Parse one OCDS JSON file into staging rows; releases that cannot be used are rejected."""
    try:
        doc = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            f"{decoded.rel_path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise FileFormatError(
            f"{decoded.rel_path}: JSON nested too deeply to read (OCDS needs about ten levels; this file has hundreds)"
        ) from None
    kind, releases = _unpack(doc, decoded.rel_path)
    out = OcdsRows(kind)
    for position, release in enumerate(releases, start=1):
        out.releases_read += 1
        pointer = f"/{'records' if kind == 'ocds_record_package' else 'releases'}/{position - 1}"
        if not isinstance(release, dict):
            out.rejections.append(
                Rejection(
                    decoded.rel_path,
                    position,
                    pointer,
                    "a record without a compiledRelease" if kind == "ocds_record_package" else "not a release object",
                    None,
                )
            )
            continue
        if not _text(release.get("ocid")):
            out.rejections.append(
                Rejection(
                    decoded.rel_path,
                    position,
                    pointer + "/ocid",
                    "release has no ocid",
                    json.dumps(release, ensure_ascii=False)[:500],
                )
            )
            continue
        too_deep = _deeper_than(release, MAX_DEPTH)
        problem: tuple[str, str] | None = None
        if too_deep:
            problem = ("", f"nested {_depth(release)} levels deep; we read at most {MAX_DEPTH}")
        elif (shape := _wrong_shape(release)) is not None:
            problem = shape
        else:
            try:
                _add_release(out, decoded.rel_path, position, release)
            except ValueError as exc:
                where, value = exc.args if len(exc.args) == 2 else ("", exc.args[0])
                problem = (where, f"{value!r} is not an amount")
            except (AttributeError, TypeError) as exc:
                # A string or a list where OCDS puts an object (or the reverse): the release is not OCDS-shaped.
                problem = (
                    "",
                    f"a field has the wrong type for OCDS (an object, list or text in the wrong place: {exc})",
                )
        if problem is not None:
            out.rejections.append(
                Rejection(
                    decoded.rel_path,
                    position,
                    pointer + problem[0],
                    problem[1],
                    None if too_deep else json.dumps(release, ensure_ascii=False)[:500],
                )
            )
            for rows in out.tables.values():  # nothing of a rejected release is kept
                while rows and rows[-1]["position"] == position and rows[-1]["source_file"] == decoded.rel_path:
                    rows.pop()
    return out


SHAPES: tuple[tuple[tuple[str, ...], type], ...] = (  # where OCDS puts an object or a list
    (("buyer",), dict),
    (("parties",), list),
    (("tender",), dict),
    (("tender", "value"), dict),
    (("tender", "items"), list),
    (("tender", "lots"), list),
    (("tender", "procuringEntity"), dict),
    (("tender", "tenderPeriod"), dict),
    (("awards",), list),
    (("contracts",), list),
)


def _wrong_shape(release: dict) -> tuple[str, str] | None:
    """(JSON pointer, reason) for the first member that is not the object or list OCDS declares, else None."""
    for path, kind in SHAPES:
        node: Any = release
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if node is not None and not isinstance(node, kind):
            found = type(node).__name__.replace("str", "text").replace("dict", "an object")
            wanted = "an object" if kind is dict else "a list"
            return "/" + "/".join(path), f"is {found} where OCDS has {wanted}"
    return None


CONTAINERS = (dict, list)


def _deeper_than(release: dict, levels: int) -> bool:
    """Whether objects and lists nest more than `levels` deep in a release: level by level, looking only at
    containers (twice as fast as measuring the depth of every release, which only a rejected one needs)."""
    level = [release]
    for _ in range(levels):
        level = [
            child
            for node in level
            for child in (node.values() if node.__class__ is dict else node)
            if child.__class__ in CONTAINERS
        ]
        if not level:
            return False
    return True


def _depth(value: Any) -> int:
    """How deeply objects and lists nest in a release, walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def _value(value: dict | None, where: str) -> tuple[str | None, str | None]:
    try:
        return _amount(value)
    except ValueError as exc:
        raise ValueError(where, exc.args[0]) from None


def _add_release(out: OcdsRows, rel_path: str, position: int, release: dict) -> None:
    base = {"source_file": rel_path, "position": position, "ocid": _text(release["ocid"])}
    parties = {str(p.get("id")): p for p in release.get("parties") or [] if isinstance(p, dict)}
    tender = release.get("tender") or {}
    buyer_id, _, buyer_name = _party(parties, release.get("buyer") or tender.get("procuringEntity"))
    tender_amount, tender_currency = _value(tender.get("value"), "/tender/value/amount")
    out.tables["stg_ocds_releases"].append(
        {
            **base,
            "release_id": _text(release.get("id")),
            "release_date": _text(release.get("date")),
            "tags": ",".join(str(t) for t in release.get("tag") or []) or None,
            "buyer_id": buyer_id,
            "buyer_name": buyer_name,
            "tender_id": _text(tender.get("tenderID")),
            "tender_title": _text(tender.get("title")),
            "tender_status": _text(tender.get("status")),
            "procurement_method": _text(tender.get("procurementMethod")),
            "procurement_method_type": _text(tender.get("procurementMethodType")),
            "tender_amount": tender_amount,
            "tender_currency": tender_currency,
            "tender_start": _text((tender.get("tenderPeriod") or {}).get("startDate")),
        }
    )
    for n, lot in enumerate(tender.get("lots") or []):
        lot_amount, lot_currency = _value(lot.get("value"), f"/tender/lots/{n}/value/amount")
        out.tables["stg_ocds_lots"].append(
            {
                **base,
                "lot_id": _text(lot.get("id")),
                "title": _text(lot.get("title")),
                "status": _text(lot.get("status")),
                "amount": lot_amount,
                "currency": lot_currency,
            }
        )
    for item in tender.get("items") or []:
        out.tables["stg_ocds_items"].append(_item(base, "tender", item.get("relatedLot"), item))
    for a, award in enumerate(release.get("awards") or []):
        amount, currency = _value(award.get("value"), f"/awards/{a}/value/amount")
        suppliers = award.get("suppliers") or [None]
        supplier_id, scheme, supplier_name = _party(parties, suppliers[0])
        out.tables["stg_ocds_awards"].append(
            {
                **base,
                "award_id": _text(award.get("id")),
                "status": _text(award.get("status")),
                "award_date": _text(award.get("date")),
                "amount": amount,
                "currency": currency,
                "supplier_id": supplier_id,
                "supplier_scheme": scheme,
                "supplier_name": supplier_name,
            }
        )
    award_suppliers = {
        _text(a.get("id")): _party(parties, (a.get("suppliers") or [None])[0]) for a in release.get("awards") or []
    }
    supplier_parties = [p for p in parties.values() if "supplier" in (p.get("roles") or [])]
    only_supplier = _party(parties, supplier_parties[0]) if len(supplier_parties) == 1 else (None, None, None)
    for c, contract in enumerate(release.get("contracts") or []):
        amount, currency = _value(contract.get("value"), f"/contracts/{c}/value/amount")
        value = contract.get("value") or {}
        period = contract.get("period") or {}
        vat = value.get("valueAddedTaxIncluded")
        out.tables["stg_ocds_contracts"].append(
            {
                **base,
                "contract_id": _text(contract.get("id")),
                "award_id": _text(contract.get("awardID")),
                "title": _text(contract.get("title")),
                "status": _text(contract.get("status")),
                "date_signed": _text(contract.get("dateSigned")),
                "period_start": _text(period.get("startDate")),
                "period_end": _text(period.get("endDate")),
                "amount": amount,
                "currency": currency,
                "vat_included": vat if isinstance(vat, bool) else None,
                # Contract-stage releases carry no awards: the supplier is the release's one supplier party.
                "supplier_id": award_suppliers.get(_text(contract.get("awardID")), only_supplier)[0],
                "supplier_name": award_suppliers.get(_text(contract.get("awardID")), only_supplier)[2],
            }
        )
        for item in contract.get("items") or []:
            out.tables["stg_ocds_items"].append(_item(base, "contract", contract.get("id"), item))
        implementation = contract.get("implementation") or {}
        for t, transaction in enumerate(implementation.get("transactions") or []):
            t_amount, t_currency = _value(
                transaction.get("value") or transaction.get("amount"),
                f"/contracts/{c}/implementation/transactions/{t}/value/amount",
            )
            out.tables["stg_ocds_transactions"].append(
                {
                    **base,
                    "contract_id": _text(contract.get("id")),
                    "transaction_id": _text(transaction.get("id")),
                    "transaction_date": _text(transaction.get("date")),
                    "amount": t_amount,
                    "currency": t_currency,
                }
            )


def _item(base: dict, stage: str, parent_id: Any, item: dict) -> dict:
    unit = item.get("unit") or {}
    quantity = item.get("quantity")
    return {
        **base,
        "stage": stage,
        "parent_id": _text(parent_id),
        "item_id": _text(item.get("id")),
        "description": _text(item.get("description")),
        "cpv": _cpv(item),
        "quantity": None if quantity is None else str(quantity),
        "unit": _text(unit.get("name")),
    }
