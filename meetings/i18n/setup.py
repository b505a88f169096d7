"""Which of the six languages a request speaks, and its direction.

The language of a response is, in order: `?lang=` on the address (a PDF or a page printed in
another language), a language a view sets for itself (the projector of a room), the user's
own choice (kept on the account, so every worker and device agrees), the choice an anonymous
visitor made (kept in the signed session cookie), the browser's Accept-Language, English.
"""

from collections.abc import Callable

from flask import Flask, g, has_request_context, request, session
from flask_babel import Babel, refresh
from flask_login import current_user
from werkzeug.datastructures import LanguageAccept

from meetings.i18n.languages import DEFAULT, LANGUAGES, RTL, is_language
from meetings.i18n.words import current_language

babel = Babel()


def language_of(asked: str | None, forced: str | None, accepted: LanguageAccept,
                own_choice: Callable[[], str | None] = lambda: None) -> str:  # fmt: skip
    """The language in the order the module says: the address, the view, the person's own choice, the browser."""
    for language in (asked, forced):
        if is_language(language):
            return language
    own = own_choice()
    if is_language(own):
        return own
    return accepted.best_match(list(LANGUAGES), default=DEFAULT)


def _own_choice() -> str | None:
    if current_user and current_user.is_authenticated and is_language(getattr(current_user, "language", None)):
        return current_user.language
    return session.get("language")


def select_language() -> str:
    if not has_request_context():  # a command, or a test building a document without a request
        return DEFAULT
    return language_of(request.args.get("lang"), g.get("forced_language"), request.accept_languages, _own_choice)


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
