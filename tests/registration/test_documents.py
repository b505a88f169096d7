"""The lists of participants as PDF (names in every script, rendered to an image to look at) and as CSV."""

from tests.pdfs import page_image, text_of
from tests.registration.helpers import person, registered


def _many_scripts(cs) -> None:
    registered(cs, "AUT", [person(), person(name="Anna Gruber", title="Ms.", function="Ambassador",
                                            head_of_delegation=False, segment="both", attendance="online")],
               approve=True)  # fmt: skip
    registered(cs, "CHN", [person(name="王小洪", title="", function="国务委员、公安部部长")])
    registered(cs, "RUS", [person(name="Сергей Викторович Лавров", title="Г-н", function="Министр иностранных дел",
                                  segment="both")])  # fmt: skip
    registered(cs, "ARE", [person(name="سيف بن زايد آل نهيان", title="الشيخ", function="وزير الداخلية")])
    registered(cs, "CIV", [person(name="Aminata Koné", title="Mme", function="Ministre de la Santé",
                                  segment="regular")], username="civ-user")  # fmt: skip


def test_the_lists_pdf_prints_names_in_every_script_with_the_counts(client, cs, db, log_in):
    _many_scripts(cs)
    db.session.commit()
    log_in("secretariat")
    response = client.get("/registration/lists.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = text_of(response.data)
    for words in ("Counts by regional group and segment", "High-level segment", "Regular segment",
                  "H.E. Mr. Alexander Schallenberg", "王小洪", "Сергей Викторович Лавров", "Aminata Koné",
                  "Côte d'Ivoire", "Western European and other States"):  # fmt: skip
        assert words in text, f"{words!r} not in {text[:800]}"
    page_image(response.data, "registration-lists")
    arabic = client.get("/registration/lists.pdf?lang=ar&segment=high_level")
    assert arabic.status_code == 200 and "Regular segment" not in text_of(arabic.data)
    page_image(arabic.data, "registration-lists-ar")
    russian = client.get("/registration/lists.pdf?lang=ru")
    assert "Сергей Викторович Лавров" in text_of(russian.data)
    api = client.get("/api/v1/registration/lists.pdf?group=EEG", headers={})
    assert api.status_code == 200  # the browser's login counts for reads
    assert "王小洪" not in text_of(api.data) and "Лавров" in text_of(api.data)


def test_the_csv_keeps_names_as_stored_and_cannot_run_formulas(client, cs, db, log_in, token_for):
    _many_scripts(cs)
    registered(cs, "BRA", [person(name='=HYPERLINK("http://x")', title="", function="@SUM(1)")])
    db.session.commit()
    csv = client.get("/api/v1/registration/lists.csv", headers=token_for("secretariat")).get_data(as_text=True)
    assert "王小洪" in csv and "سيف بن زايد آل نهيان" in csv and "Aminata Koné" in csv
    assert "'=HYPERLINK" in csv and "'@SUM(1)" in csv
    lists = client.get("/api/v1/registration/lists?segment=high_level", headers=token_for("secretariat")).get_json()
    assert set(lists["segments"]) == {"high_level"}
    totals = lists["totals"]["high_level"]
    assert totals == {"participants": 6, "delegations": 5}
    weog = next(c for c in lists["counts"] if c["regional_group"] == "WEOG")
    assert weog == {"regional_group": "WEOG", "segment": "high_level", "participants": 2, "delegations": 1}
    wrong = client.get("/api/v1/registration/lists?status=lost", headers=token_for("secretariat"))
    assert wrong.status_code == 422 and "status" in wrong.get_json()["errors"]
