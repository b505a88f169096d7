"""The session report: the general debate as delivered, the roundtables' final summaries, the high-level
side events held and the drawings of lots, with figures and charts; drafts on demand, final versions
numbered, signed (PAdES) and kept."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire the session report into the app: its pages, API routes, navigation and commands."""
    from meetings.hooks import hooks_of
    from meetings.i18n.words import _l
    from meetings.report import api, cli, models, permissions, views  # noqa: F401

    app.register_blueprint(views.bp)
    api.routes.register(app)
    hooks_of(app).add_nav(_l("Session report"), "report.index", permissions.can_read_finals)
    app.cli.add_command(cli.report_key_command)
    app.cli.add_command(cli.verify_report_command)
