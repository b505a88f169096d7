import pytest

from tests import factories


@pytest.fixture
def cs(db):
    """CND 67 with its whole programme, as the demo sets it up: the high-level meetings and the
    regular segment's plenaries (moving the session's dates must find them), no content."""
    cs = factories.cnd67(plenaries=True)
    db.session.commit()
    return cs
