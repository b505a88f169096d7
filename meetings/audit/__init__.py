"""One append-only log of every change: who, when, what before and after, why; in a hash chain.

Services call `record()` in the transaction of their change; entries are sealed at commit.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from meetings.actions import install as install_runner
    from meetings.audit.api import routes
    from meetings.audit.cli import verify_audit_command
    from meetings.audit.services import install
    from meetings.audit.views import bp
    from meetings.extensions import db

    session_class = db.session.session_factory.class_
    install(session_class)
    install_runner(session_class)
    app.register_blueprint(bp)
    routes.register(app)
    app.cli.add_command(verify_audit_command)
