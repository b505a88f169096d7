"""CSV files that a spreadsheet opens as text: one function for every list the app exports.

A cell that starts with = + - @, a tab or a carriage return would be run as a formula by
Excel or LibreOffice (a delegation's name or an event title is typed by people); such a cell
gets a leading apostrophe, which the spreadsheet shows as text. The file starts with a byte
order mark so that Excel reads UTF-8 (Côte d'Ivoire, 中国, الإمارات) without asking.
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula.

    None is an empty cell; a dict or a list (the audit log's before and after) is JSON; a number
    stays a number (a negative one is no formula).
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        text = value
    elif isinstance(value, dict | list | tuple):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The header and the rows as UTF-8 CSV (with a byte order mark), every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
