"""Staff area: sign in; upload, check and publish data; remove a file; refresh from the official sources; and,
for admins, the audit log. Anonymous visitors see the sign-in and nothing else."""

import hashlib
import time
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities.exceptions import LoginError

from etl.build import READERS, SUFFIXES, BuildError
from etl.publish import (
    Upload,
    UploadError,
    check,
    detect_source,
    publish,
    raw_files,
    refresh,
    remove,
    safe_name,
    scratch_dir,
)
from hromada import column_formats, ui
from hromada.db import connect
from hromada.formatting import money, number
from hromada.i18n import t
from hromada.settings import raw_path, warehouse_path
from hromada.staff import audit, changes, users

ctx = ui.context()
ui.page_header("staff.title", "staff.intro")
staff = ctx.settings.staff
users_file = staff.users_path()
log_file = staff.audit_path()
raw_dir, db_path = raw_path(), warehouse_path()

if not users_file.exists():
    st.info(t("staff.no_users"), icon=":material/person_add:")
    st.code("python -m hromada users add NAME --role admin", language="bash")
    st.stop()


def settle_locks() -> None:
    users.settle_locks(users_file, staff.max_login_attempts, timedelta(minutes=staff.lockout_minutes), datetime.now())


settle_locks()
config = users.read(users_file)
authenticator = stauth.Authenticate(
    str(users_file),
    config["cookie"]["name"],
    config["cookie"]["key"],
    staff.session_hours / 24,
    auto_hash=False,
    login_sleep_time=0.2,
)

# A sign-in lasts session_hours on the server too (the cookie's expiry covers only a new visit).
since = st.session_state.get("staff_since")
if st.session_state.get("authentication_status") and since and time.time() - since > staff.session_hours * 3600:
    authenticator.logout(location="unrendered")
    st.session_state.pop("staff_since", None)
    st.info(t("staff.expired"), icon=":material/timer_off:")

refused = False
try:
    authenticator.login(
        location="main",
        max_login_attempts=staff.max_login_attempts,
        fields={
            "Form name": t("staff.sign_in"),
            "Username": t("staff.username"),
            "Password": t("staff.password"),
            "Login": t("staff.sign_in_button"),
        },
        key="staff-login",
    )
except LoginError:  # the account is locked: said the same way as a wrong password
    refused = True
status = st.session_state.get("authentication_status")
if refused or status is False:
    settle_locks()
    entered = str(st.session_state.get("username") or "")[:64]
    audit.record(log_file, entered or "?", "sign_in_refused")
    # One message whatever was wrong: the name, the password, or a lock after too many tries.
    st.error(t("staff.refused", minutes=staff.lockout_minutes), icon=":material/lock:")
if not status:
    st.stop()

username = st.session_state["username"]
role = users.role_of(users_file, username) or "editor"
if not since:
    st.session_state["staff_since"] = time.time()
    audit.record(log_file, username, "signed_in")

who, leave = st.columns([4, 1])
who.markdown(
    t("staff.signed_in_as", name=ui.md_escape(st.session_state.get("name") or username), role=t(f"staff.role_{role}"))
)
with leave:
    authenticator.logout(t("staff.sign_out"), location="main", key="staff-logout")

tab_names = [t("staff.tab_upload"), t("staff.tab_files"), t("staff.tab_refresh")]
if role == "admin":
    tab_names.append(t("staff.tab_audit"))
tabs = st.tabs(tab_names)
FOLDERS = list(READERS)


def work_dir() -> Path:
    """This session's scratch folder for checks (next to the warehouse, never inside the raw folder)."""
    if "staff_work" not in st.session_state or not Path(st.session_state["staff_work"]).is_dir():
        st.session_state["staff_work"] = str(scratch_dir(db_path.parent / "staging"))
    return Path(st.session_state["staff_work"])


def headline(path: Path) -> dict[str, float | None]:
    if not path.exists():
        return {}
    with connect(path) as con:
        return changes.headline(con, ctx.settings.budget_code)


def figure_text(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key in ("income_ytd", "expense_ytd"):
        return money(value)
    if key == "budget_period":
        return f"{int(value) % 100:02d}.{int(value) // 100}"
    return number(value)


with tabs[0]:
    st.caption(t("staff.upload_help", mb=staff.upload_max_mb))
    round_ = st.session_state.setdefault("staff_round", 0)
    given = (
        st.file_uploader(
            t("staff.files"),
            type=sorted({suffix.lstrip(".") for suffixes in SUFFIXES.values() for suffix in suffixes}),
            accept_multiple_files=True,
            max_upload_size=staff.upload_max_mb,
            key=f"staff-files-{round_}",
        )
        or []
    )
    uploads: list[Upload] = []
    for n, item in enumerate(given):
        data = item.getvalue()
        if len(data) > staff.upload_max_mb * 1024 * 1024:
            st.error(t("staff.too_large", name=item.name, mb=staff.upload_max_mb), icon=":material/block:")
            continue
        detected = detect_source(item.name, data)
        source = st.selectbox(
            t("staff.kind", name=item.name),
            FOLDERS,
            index=FOLDERS.index(detected) if detected else None,
            format_func=lambda f: t(f"staff.folder_{f}"),
            placeholder=t("staff.kind_unknown"),
            key=f"staff-kind-{round_}-{n}",
        )
        if source is None:
            continue
        try:
            safe_name(item.name, source)
        except UploadError as exc:
            st.error(t("staff.bad_name", reason=str(exc)), icon=":material/block:")
            continue
        uploads.append(Upload(item.name, source, data))

    signature = sorted((u.source, u.name, u.sha256) for u in uploads)
    checked = st.session_state.get("staff_checked")
    can_publish = bool(uploads) and checked is not None and checked["signature"] == signature and checked["ok"]
    left, right = st.columns(2)
    if left.button(t("staff.check"), icon=":material/fact_check:", disabled=not uploads, key="staff-check"):
        with st.spinner(t("staff.checking")):
            try:
                result = check(raw_dir, uploads, ctx.settings, work_dir())
            except (BuildError, UploadError) as exc:
                st.session_state["staff_checked"] = {"signature": signature, "ok": False, "error": str(exc)}
            else:
                files = {r.file_path: r for r in result.report.files}
                st.session_state["staff_checked"] = {
                    "signature": signature,
                    "ok": True,
                    "files": [
                        {
                            "file": name,
                            "read": files[name].rows_read,
                            "loaded": files[name].rows_loaded,
                            "rejected": files[name].rows_rejected,
                            "problem": files[name].message if files[name].status != "loaded" else None,
                        }
                        for name in (f"{u.source}/{u.name}" for u in uploads)
                    ],
                    "rejected": result.rejected,
                    "changes": changes.differences(headline(db_path), headline(result.db_path)),
                }
            for u in uploads:
                audit.record(log_file, username, "checked", u.source, u.name, u.sha256)
        st.rerun()
    if right.button(
        t("staff.publish"), icon=":material/publish:", type="primary", disabled=not can_publish, key="staff-publish"
    ):
        with st.spinner(t("staff.publishing")):
            try:
                publish(raw_dir, db_path, uploads, ctx.settings)
            except (BuildError, UploadError) as exc:
                st.error(t("staff.publish_failed", reason=str(exc)), icon=":material/error:")
            else:
                for u in uploads:
                    audit.record(log_file, username, "published", u.source, u.name, u.sha256)
                st.session_state.pop("staff_checked", None)
                st.session_state["staff_round"] = round_ + 1  # an empty uploader for the next files
                st.session_state["staff_published"] = [f"{u.source}/{u.name}" for u in uploads]
                st.rerun()
    if published := st.session_state.pop("staff_published", None):
        st.success(t("staff.published", files=", ".join(published)), icon=":material/check_circle:")
    if uploads and not can_publish and checked is None:
        st.caption(t("staff.check_first"))

    if checked and checked["signature"] == signature:
        st.subheader(t("staff.check_result"))
        if not checked["ok"]:
            st.error(t("staff.check_failed", reason=checked["error"]), icon=":material/error:")
        else:
            summary = pd.DataFrame(checked["files"])
            column_formats.item_list(
                (
                    row["file"],
                    [
                        t(
                            "staff.rows",
                            read=number(row["read"]),
                            loaded=number(row["loaded"]),
                            rejected=number(row["rejected"]),
                        ),
                        row["problem"],
                    ],
                )
                for _, row in summary.iterrows()
            )
            for name, rows in checked["rejected"].items():
                if rows:
                    with st.expander(t("staff.rejected_in", file=name, count=number(len(rows))), expanded=True):
                        # A list, not a grid: every reason is readable on a phone and by a screen reader.
                        column_formats.item_list(
                            (t("staff.line", line=number(line)), [column, reason])
                            for line, column, reason in rows[:200]
                        )
            st.markdown("**" + ui.md_escape(t("staff.would_change")) + "**")
            if not checked["changes"]:
                st.caption(t("staff.no_change"))
            else:
                column_formats.item_list(
                    (
                        t(f"staff.figure_{key}"),
                        [f"{figure_text(key, before)} → {figure_text(key, after)}"],
                    )
                    for key, before, after in checked["changes"]
                )

with tabs[1]:
    present = raw_files(raw_dir)
    if not present:
        st.caption(t("staff.no_files"))
    else:
        labels = {f"{s}/{n}": (s, n) for s, n, _ in present}
        chosen = st.selectbox(t("staff.file_to_remove"), list(labels), index=None, key="staff-remove-file")
        sure = st.checkbox(t("staff.remove_sure"), key="staff-remove-sure", disabled=chosen is None)
        if st.button(t("staff.remove"), icon=":material/delete:", disabled=not (chosen and sure), key="staff-remove"):
            source, name = labels[chosen]
            path = raw_dir / source / name
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
            with st.spinner(t("staff.publishing")):
                try:
                    remove(raw_dir, db_path, source, name, ctx.settings)
                except (BuildError, UploadError) as exc:
                    st.error(t("staff.publish_failed", reason=str(exc)), icon=":material/error:")
                else:
                    audit.record(log_file, username, "removed", source, name, digest)
                    st.success(t("staff.removed", file=chosen), icon=":material/check_circle:")
        column_formats.table(
            pd.DataFrame(present, columns=["source", "file", "bytes"]),
            hide_index=True,
            width="stretch",
            column_config={
                "source": t("staff.folder"),
                "file": t("cols.source_file"),
                "bytes": column_formats.number(t("staff.bytes")),
            },
        )

with tabs[2]:
    st.caption(t("staff.refresh_help"))
    if st.button(t("staff.refresh"), icon=":material/cloud_download:", key="staff-refresh"):
        with st.status(t("staff.refreshing"), expanded=True) as box:
            try:
                outcomes, report = refresh(raw_dir, db_path, ctx.settings, lambda message: box.write(message))
            except (BuildError, UploadError) as exc:
                box.update(label=t("staff.publish_failed", reason=str(exc)), state="error")
            else:
                failed = [o.source for o in outcomes if o.status == "failed"]
                detail = ", ".join(f"{o.source}: {o.status}" for o in outcomes)
                audit.record(log_file, username, "refreshed", detail=detail)
                box.update(
                    label=t("staff.refreshed_with_failures", sources=", ".join(failed))
                    if failed
                    else t("staff.refreshed"),
                    state="error" if failed else "complete",
                )

if role == "admin":
    with tabs[3]:
        entries = list(reversed(audit.entries(log_file)))
        st.caption(t("staff.audit_help", count=number(len(entries))))
        column_formats.table(
            pd.DataFrame(entries, columns=list(audit.FIELDS)).head(500),
            hide_index=True,
            width="stretch",
            column_config={
                "acted_at": t("staff.at"),
                "username": t("staff.username"),
                "action": t("staff.action"),
                "source": t("staff.folder"),
                "file_name": t("cols.source_file"),
                "sha256": "SHA-256",
                "detail": t("staff.detail"),
            },
        )
