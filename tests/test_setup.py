from meetings.config import database_url, secret_key


def test_secret_key_is_created_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("MEETINGS_SECRET_KEY", raising=False)
    first = secret_key(str(tmp_path))
    assert len(first) == 64
    assert secret_key(str(tmp_path)) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_key_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MEETINGS_SECRET_KEY", "from-env")
    assert secret_key(str(tmp_path)) == "from-env"


def test_database_url(tmp_path, monkeypatch):
    monkeypatch.delenv("MEETINGS_DATABASE_URL", raising=False)
    assert database_url(str(tmp_path)) == f"sqlite:///{tmp_path}/meetings.sqlite"
    monkeypatch.setenv("MEETINGS_DATABASE_URL", "postgresql://u@h/db")
    assert database_url(str(tmp_path)) == "postgresql+psycopg://u@h/db"


def test_home_page_and_demo_session(client, cs):
    page = client.get("/").get_data(as_text=True)
    assert "67th session of the Commission on Narcotic Drugs" in page
    assert "High-level segment: 14 March to 15 March 2024" in page
