"""What every reader shares: decoding, CSV rows with their line numbers, rejections."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

# UTF-8 first (openbudget and the codifier publish it, sometimes with a BOM); Windows-1251 is
# what spreadsheet programs on Ukrainian Windows still save. DuckDB cannot decode it offline.
ENCODINGS = ("utf-8-sig", "cp1251")
# The largest field we accept (a programme name, a description): far above any real one, and well below what
# would make one row cost the build its memory. A longer field turns its file away, naming the line.
MAX_FIELD_CHARS = 1 << 20
csv.field_size_limit(MAX_FIELD_CHARS)
# The largest file we read: a reader holds one file's text in memory (a few times its size while parsing), so a
# file beyond this would cost the build its memory. A year of a large city's openbudget export is a few tens of
# MB; a bigger file is one export too many joined together, or not an export at all.
MAX_FILE_BYTES = 1 << 30


class FileFormatError(ValueError):
    """A whole file cannot be read as the format its folder expects."""


@dataclass(frozen=True)
class Rejection:
    """One input row that did not reach the warehouse, and why."""

    file_path: str
    line_number: int
    column_name: str | None
    reason: str
    raw_text: str | None


@dataclass(frozen=True)
class DecodedFile:
    path: Path
    rel_path: str
    text: str
    encoding: str
    sha256: str
    size_bytes: int
    raw_utf8: bytes | None = None  # the file's bytes when they are UTF-8 (BOM removed): what Arrow reads as is

    @cached_property
    def utf8(self) -> bytes:
        """The text as UTF-8 bytes: the file's own when it is UTF-8, else encoded once."""
        return self.raw_utf8 if self.raw_utf8 is not None else self.text.encode("utf-8")

    @cached_property
    def header_line(self) -> str:
        """The first line that is not blank (an export may begin with an empty line), sliced rather than split: a
        split would copy the whole text."""
        start = 0
        while True:
            end = self.text.find("\n", start)
            line = self.text[start:] if end < 0 else self.text[start : end + 1]
            if line.strip() or end < 0:
                return line
            start = end + 1

    @cached_property
    def header(self) -> list[str] | None:
        """The header row's fields (None: no header at all). From the first line alone unless it may not be the
        whole header (blank, or a quote that may carry it over lines): csv_records over the text copies all of it,
        which a reader that lets Arrow parse the rest never needs. Kept: a reader asks after its format did."""
        first = self.header_line
        head = first if first.strip() and '"' not in first else self.text
        record = next(csv_records(head, self.delimiter, self.rel_path), None)
        return record[1] if record is not None else None

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def delimiter(self) -> str:
        """The field separator, from the header line (sliced, not split: a split would copy the whole text)."""
        return sniff_delimiter(self.header_line.rstrip("\r\n"))

    def line(self, number: int) -> str:
        """The physical line `number` (1-based) as it is in the file, for the quarantine."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def decode_file(path: Path, rel_path: str, sha256: str | None = None, data: bytes | None = None) -> DecodedFile:
    """Read a text file (or take its bytes, already read) in the first encoding that decodes it without error."""
    try:
        data = path.read_bytes() if data is None else data
    except OSError as exc:
        raise FileFormatError(f"{rel_path}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        utf8 = encoding == "utf-8-sig"
        return DecodedFile(
            path=path,
            rel_path=rel_path,
            text=text,
            encoding="utf-8" if utf8 else encoding,
            sha256=sha256 or hashlib.sha256(data).hexdigest(),
            size_bytes=len(data),
            raw_utf8=(data[3:] if data.startswith(b"\xef\xbb\xbf") else data) if utf8 else None,
        )
    raise FileFormatError(f"{rel_path}: not UTF-8 or Windows-1251 text")


def sniff_delimiter(header_line: str, candidates: str = ";,\t") -> str:
    """The candidate that splits the header into the most fields."""
    return max(candidates, key=header_line.count)


def csv_records(text: str, delimiter: str, rel_path: str = "") -> Iterator[tuple[int, list[str]]]:
    """Yield (line number where the record starts, fields), skipping blank lines.

    Line numbers count physical lines from 1 (the header), so a quoted field that spans lines
    still points at the line where its record begins. A field beyond MAX_FIELD_CHARS (often an
    unclosed quote that swallows the rest of the file) stops the file with the line it starts on.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    previous_end = 0
    while True:
        start = previous_end + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = (
                f"a field longer than {MAX_FIELD_CHARS:,} characters (the largest we accept), often a quote "
                "that is never closed"
                if "field larger" in str(exc)
                else f"not readable as CSV ({exc})"
            )
            raise FileFormatError(f"{rel_path or 'file'}: line {start}: {reason}") from None
        previous_end = reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        yield start, fields


def normalise_header(name: str) -> str:
    """Compare headers regardless of case, spaces and the apostrophe look-alikes."""
    for look_alike in ("\u2019", "\u02bc", "`", "\u2018"):
        name = name.replace(look_alike, "'")
    return " ".join(name.strip().strip("\ufeff").split()).casefold()
