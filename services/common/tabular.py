"""Uploaded tables (CSV or XLSX) read the one way every import reads them (the registry's records, the
centres and spaces of the centers): a header line, then one row of stripped text per line.

Row numbers count the header as row 1, so that a report's row is the row a spreadsheet shows; blank
rows are skipped (numbered all the same). A CSV file is UTF-8 (a BOM is fine); an XLSX file's first
sheet is read, its dates as ISO dates and its whole numbers without a trailing ``.0``.
"""
from __future__ import annotations

import csv
import io
from typing import Iterator

FORMATS = ("csv", "xlsx")


def read_table(content: bytes, fmt: str, max_bytes: int,
               field: str = "content") -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """Header and (row number, {header: text}) pairs of an uploaded file of at most ``max_bytes``."""
    from services.common.errors import InvalidArgument

    content = content or b""
    if len(content) > max_bytes:
        raise InvalidArgument(f"the file is larger than {max_bytes // (1024 * 1024)} MB", field)
    if fmt == "csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidArgument(f"the CSV file is not UTF-8 ({exc.reason} at byte {exc.start})", field)
        reader = csv.reader(io.StringIO(text))
        try:
            header = [h.strip() for h in next(reader, [])]
        except csv.Error as exc:  # a NUL byte, a field past the csv module's limit
            raise InvalidArgument(f"not a CSV file ({exc})", field)

        def csv_rows():
            try:
                for i, values in enumerate(reader, start=2):
                    if any(v.strip() for v in values):
                        yield i, dict(zip(header, [v.strip() for v in values]))
            except csv.Error as exc:
                raise InvalidArgument(f"not a CSV file ({exc})", field)

        return header, csv_rows()
    if fmt != "xlsx":
        raise InvalidArgument(f"must be one of {', '.join(FORMATS)}", "format")
    import openpyxl  # only an XLSX upload needs it

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise InvalidArgument(f"not a readable XLSX file ({exc.__class__.__name__})", field)
    sheet = book.worksheets[0]
    it = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(it, ())]
    rows = ((i, dict(zip(header, [cell_text(v) for v in values])))
            for i, values in enumerate(it, start=2) if any(v not in (None, "") for v in values))
    return header, rows


def cell_text(v) -> str:
    """A spreadsheet cell as text: a date (or a date-time) as its ISO date, 12.0 as 12."""
    if v is None:
        return ""
    if hasattr(v, "date") and hasattr(v, "isoformat"):
        return v.date().isoformat() if hasattr(v, "hour") else v.isoformat()
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()
