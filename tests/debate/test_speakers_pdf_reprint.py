"""The speakers list printed again, in another language in between: each copy draws exactly what a first
copy in its language draws (names laid out once are kept per direction, never carried into the other)."""

from unicodedata import normalize

from meetings.exports import pdf
from tests.exports.test_pdf import _drawn


def _copy(client, lang: str) -> list[str]:
    response = client.get(f"/debate/speakers.pdf?lang={lang}")
    assert response.status_code == 200
    return _drawn(response.data)


def test_a_reprint_in_arabic_after_english_draws_the_same_as_a_first_copy(client, demo, log_in, monkeypatch):
    monkeypatch.setattr(pdf, "printed_at", lambda now: "23 Nov 2026 21:57 UTC")  # the footer's time, fixed
    log_in("chair")
    pdf._visual_lines.cache_clear()
    first_arabic = _copy(client, "ar")
    english = _copy(client, "en")
    assert _copy(client, "ar") == first_arabic
    pdf._visual_lines.cache_clear()
    assert _copy(client, "en") == english
    assert "Kenya" in english and any(normalize("NFKC", run[::-1]) == "كينيا" for run in english), (
        "the native name, shaped, right to left"
    )


def test_a_name_mixing_scripts_keeps_the_direction_of_each_document_it_is_printed_in(app):
    name = "Kenya: البعثة الدائمة"  # which end the Latin word stands at depends on the document's direction

    def lines(lang: str) -> list[str]:
        with app.test_request_context(f"/?lang={lang}"):
            return pdf.visual_lines(name, pdf.BASE, 9, 400)

    pdf._visual_lines.cache_clear()
    english, arabic = lines("en"), lines("ar")
    assert english != arabic
    assert lines("en") == english and lines("ar") == arabic
    pdf._visual_lines.cache_clear()
    assert lines("ar") == arabic and lines("en") == english
