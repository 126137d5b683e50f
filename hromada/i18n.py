"""One `t(key)` for all our own interface text, with a catalogue per language.

Catalogues are TOML files in hromada/locales; a test checks that both languages have the same
keys and that every key the code asks for exists. The current language lives in a ContextVar,
so concurrent Streamlit sessions (threads) never see each other's choice.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from hromada.settings import LANGUAGES

LOCALES_DIR = Path(__file__).parent / "locales"
_current: ContextVar[str] = ContextVar("language", default="uk")


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalogue(lang: str) -> dict[str, str]:
    with (LOCALES_DIR / f"{lang}.toml").open("rb") as fh:
        return _flatten(tomllib.load(fh))


@contextmanager
def using_language(lang: str) -> Iterator[None]:
    """Run a block in a given language, e.g. a widget's format_func that Streamlit may call elsewhere."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def set_language(lang: str) -> None:
    _current.set(lang if lang in LANGUAGES else "uk")


def language() -> str:
    return _current.get()


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for key in the current (or given) language, with {placeholders} filled in.

    A missing key shows as the key itself rather than failing the page; the tests keep the
    catalogues complete.
    """
    text = catalogue(lang or language()).get(key, key)
    return text.format(**values) if values else text
