"""The headers every response carries: what a browser may load and run, who may frame the app, how much of
an address travels on, HTTPS for ever once served over it, and no copy kept of a signed-in page.

The Content-Security-Policy allows scripts and styles from this site's files only: no inline script,
style or handler anywhere in the templates (a test reads them all). Elements a script places (the
timeline's bars) get their positions through the DOM, which the policy allows.
"""

from flask import Flask, Response, request
from flask_login import current_user
from werkzeug.datastructures import Headers

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
          "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")  # fmt: skip
HSTS = "max-age=31536000; includeSubDomains"


def protect(headers: Headers, secure: bool, signed_in: bool) -> None:
    """Add the headers every response carries to `headers`, unless the response set its own."""
    headers.setdefault("Content-Security-Policy", POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if signed_in and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"


def add_headers(response: Response) -> Response:
    signed_in = getattr(current_user, "is_authenticated", False) or "Authorization" in request.headers
    protect(response.headers, request.is_secure, signed_in)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
