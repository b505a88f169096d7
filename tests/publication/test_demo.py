"""The demo holds published versions, so that the public pages show something."""

from meetings.publication.models import PublicationKind
from meetings.publication.services import versions


def test_the_demo_publishes_the_list_after_the_draw_and_again_and_the_programme(client, demo, db, log_in):
    assert [v.number for v in versions(demo, PublicationKind.speakers_list)] == [2, 1]
    assert [v.number for v in versions(demo, PublicationKind.programme)] == [1]
    latest = client.get("/session/speakers-list")
    assert latest.status_code == 200 and "Version 2" in latest.text and 'id="slot-1"' in latest.text
    assert "First published version" in client.get("/session/speakers-list/v/1").text
    programme = client.get("/session/side-event-programme")
    assert programme.status_code == 200 and "Version 1" in programme.text
    for path in ("/session/speakers-list.pdf", "/session/side-event-programme.pdf", "/session/speakers-list.atom"):
        assert client.get(path).status_code == 200
    log_in("secretariat")
    preview = client.get("/session/speakers-list/publish")
    assert preview.status_code == 200 and "Nothing has changed in the speakers list since version 2" in preview.text
