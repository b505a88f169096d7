"""Users, roles, login and API tokens; authorization lives here and nowhere else."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire authentication into the app: blueprint, login manager, API routes, create-user."""
    from flask_babel import lazy_gettext as _l

    from meetings.auth import api, cli, views
    from meetings.extensions import login_manager

    login_manager.login_view = "auth.login"
    # Flashed in the reader's language: the lazy text is made a plain string when flashed.
    login_manager.login_message = _l("Please log in to open this page.")
    login_manager.localize_callback = str
    login_manager.user_loader(views.load_user)
    app.register_blueprint(views.bp)
    api.routes.register(app)
    # A one-time password lets its user do nothing but choose their own (pages, then API).
    app.before_request(views.until_new_password)
    app.before_request(api.until_new_password)
    app.cli.add_command(cli.create_user_command)
