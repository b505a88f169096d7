"""Which of the six languages a request speaks, and its direction.

The language of a response is, in order: `?lang=` on the address (a PDF or a page printed in
another language), a language a view sets for itself (the projector of a room), the user's
own choice (kept on the account, so every worker and device agrees), the choice an anonymous
visitor made (kept in the signed session cookie), the browser's Accept-Language, English.
"""

from flask import Flask, g, has_request_context, request, session
from flask_babel import Babel, refresh
from flask_login import current_user

from meetings.i18n.languages import DEFAULT, LANGUAGES, RTL, is_language
from meetings.i18n.words import current_language

babel = Babel()


def select_language() -> str:
    if not has_request_context():  # a command, or a test building a document without a request
        return DEFAULT
    asked = request.args.get("lang")
    if is_language(asked):
        return asked
    forced = g.get("forced_language")
    if is_language(forced):
        return forced
    if current_user and current_user.is_authenticated and is_language(getattr(current_user, "language", None)):
        return current_user.language
    if is_language(session.get("language")):
        return session["language"]
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT)


def use_language(language: str | None) -> None:
    """Speak `language` for the rest of this request (the projector of a room), unless ?lang= says otherwise."""
    if is_language(language):
        g.forced_language = language
        refresh()


def init_app(app: Flask) -> None:
    from pathlib import Path

    from meetings.i18n.catalogues import compile_stale, directories

    translations = Path(app.root_path).parent / "translations"
    try:
        compile_stale(translations)
    except OSError as exc:  # a read-only installation: its catalogues were compiled when it was built
        app.logger.warning("The translation catalogues could not be compiled: %s", exc)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", ";".join(str(d) for d in directories(translations)))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    babel.init_app(app, locale_selector=select_language)

    @app.context_processor
    def language_parts() -> dict:
        language = current_language()
        return {
            "current_language": language,
            "text_direction": "rtl" if language in RTL else "ltr",
            "languages": LANGUAGES,
        }
