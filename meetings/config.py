"""Defaults. Anything here can be overridden by instance/config.py or the environment."""

import os
import secrets
from pathlib import Path


def database_url(instance_path: str) -> str:
    url = os.environ.get("MEETINGS_DATABASE_URL")
    if url:
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgres://")
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
    return "sqlite:///" + str(Path(instance_path) / "meetings.sqlite")


def secret_key(instance_path: str) -> str:
    """The key from MEETINGS_SECRET_KEY, else from instance/secret_key, created on first use.

    All gunicorn workers read the same file, so a session cookie signed by one is valid
    in every other.
    """
    key = os.environ.get("MEETINGS_SECRET_KEY")
    if key:
        return key
    path = Path(instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text().strip()


class Defaults:
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Behind a reverse proxy that terminates HTTPS: cookies only over HTTPS, and the proxy's
    # X-Forwarded-For/-Proto/-Host headers believed from this many proxies (0: none).
    SESSION_COOKIE_SECURE = os.environ.get("MEETINGS_SECURE_COOKIES", "").lower() in ("1", "true", "yes")
    PROXY_HOPS = int(os.environ.get("MEETINGS_PROXY_HOPS", "0"))
    # A signed-in browser ends after this long without a request, and after this long in any case.
    SESSION_IDLE_MINUTES = int(os.environ.get("MEETINGS_SESSION_IDLE_MINUTES", "240"))
    SESSION_MAX_HOURS = int(os.environ.get("MEETINGS_SESSION_MAX_HOURS", "14"))
    JSON_SORT_KEYS = False
