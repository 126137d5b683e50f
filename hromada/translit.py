"""Ukrainian → Latin by the national transliteration rules (Cabinet of Ministers Resolution 55, 2010).

The codifier publishes names in Ukrainian only; the English interface shows them transliterated the
way road signs and passports do (Михайло-Коцюбинське → Mykhailo-Kotsiubynske).
"""

from __future__ import annotations

_LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ю": "iu",
    "я": "ia",
    "ь": "",
    "'": "",
    "’": "",
    "ʼ": "",
}
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def transliterate(text: str) -> str:
    """Transliterate Ukrainian text; characters that are not Ukrainian letters pass through."""
    out: list[str] = []
    at_word_start = True
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in _LETTERS:
            if lower == "г" and previous == "з":
                latin = "gh"  # зг → zgh, so it is not read as "zh"
            elif at_word_start and lower in _WORD_START:
                latin = _WORD_START[lower]
            else:
                latin = _LETTERS[lower]
            if char != lower and latin:
                latin = latin[0].upper() + latin[1:]
            out.append(latin)
            at_word_start = False if lower not in ("'", "’", "ʼ") else at_word_start
        else:
            out.append(char)
            at_word_start = not char.isalpha()
        previous = lower
    return "".join(out)
