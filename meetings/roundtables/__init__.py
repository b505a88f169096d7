"""Roundtables: co-chair nominations, the co-chairs' console, panelists, the co-chairs' summary.

Two developers' parts meet here: nominations and co-chairs (`nominations`, `views`, `api`) and
the panel, the summary and the outputs (`panel`, `panel_views`, `panel_api`).
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from meetings.roundtables import models  # noqa: F401
