"""The door sheet of a bilateral room for a day (PDF), and bilateral meetings in the delegations' calendars."""

from flask_babel import gettext as _
from flask_babel import pgettext

from meetings.bilaterals import grid as grids
from meetings.bilaterals.board import board, slot_state_words
from meetings.bilaterals.models import BilateralBooking, BookingState
from meetings.delegations.models import Delegation
from meetings.exports.ical import CalendarItem, uid_for
from meetings.exports.language import in_document_language, local
from meetings.exports.pdf import build_pdf, isolated, para, table, usable_width
from meetings.extensions import db
from meetings.programme.models import CommissionSession, Room


@in_document_language
def door_sheet_pdf(cs: CommissionSession, room: Room, day) -> bytes:
    """The slots of one room on one day, each with the two sides of its meeting, to post on the door."""
    width = usable_width()
    days = [d for d in board(cs, grids.grid_of(cs), [room]) if d.day == day]
    rows = []
    for row in days[0].rows if days else []:
        cell = row.cells[0]
        times = f"{local(row.slot.starts, '%H:%M')}–{local(row.slot.ends, '%H:%M')}"
        if cell.booking is not None:
            b = cell.booking
            state = slot_state_words("confirmed") if b.state == BookingState.confirmed else _("awaiting confirmation")
            rows.append([times, para(b.booked_by.shown_name, "head"), para(b.counterpart_shown, "head"), state])
        elif cell.state == "taken":
            rows.append([times, para(cell.holder), "", ""])
        else:
            rows.append([times, "", "", slot_state_words("free")])
    story: list = []
    if rows:
        story.append(table([_("Time"), _("Delegation"), pgettext("a bilateral meeting", "With"),
                            pgettext("a bilateral meeting", "State")], rows,
                           [0.16 * width, 0.34 * width, 0.34 * width, 0.16 * width]))  # fmt: skip
    else:
        story.append(para(_("This room has no bilateral slot on this day."), "body"))
    title = _("%(room)s: bilateral meetings", room=isolated(room.name))
    subtitle = _("%(day)s · %(session)s · times in %(zone)s", day=local(day, "%A %d %B %Y"),
                 session=isolated(cs.name), zone=isolated(cs.timezone))  # fmt: skip
    return build_pdf(title, subtitle, story)


def _other_side(b: BilateralBooking, delegation: Delegation) -> str:
    return b.booked_by.shown_name if b.counterpart_id == delegation.id else b.counterpart_shown


def calendar_item(cs: CommissionSession, b: BilateralBooking, delegation: Delegation) -> CalendarItem:
    """A bilateral meeting in one of its delegations' feeds: the same UID in both, SEQUENCE raised at each change."""
    other = _other_side(b, delegation)
    if b.state == BookingState.held:
        summary = _("Bilateral meeting with %(other)s (awaiting confirmation)", other=other)
    else:
        summary = _("Bilateral meeting with %(other)s", other=other)
    lines = [_("Booked by %(booker)s; with %(counterpart)s.", booker=b.booked_by.shown_name,
               counterpart=b.counterpart_shown)]  # fmt: skip
    if b.note:
        lines.append(b.note)
    status = {BookingState.held: "TENTATIVE", BookingState.confirmed: "CONFIRMED"}.get(b.state, "CANCELLED")
    return CalendarItem(uid=uid_for("bilateral", b.id, cs.code), summary=summary, starts_at=b.starts_at,
                        ends_at=b.ends_at, sequence=b.ical_sequence, location=f"{b.room.name}, {cs.venue}",
                        description="\n".join(lines), status=status)  # fmt: skip


def bilaterals_in_agenda(cs: CommissionSession, delegation) -> list[CalendarItem]:
    """A delegation's feed holds its bilateral meetings, either side; a cancelled or declined one stays as
    cancelled, so that calendars drop it. The public agenda holds none."""
    if delegation is None:
        return []
    stmt = db.select(BilateralBooking).where(
        BilateralBooking.commission_session_id == cs.id,
        (BilateralBooking.booked_by_id == delegation.id) | (BilateralBooking.counterpart_id == delegation.id),
    )
    return [calendar_item(cs, b, delegation) for b in db.session.scalars(stmt.order_by(BilateralBooking.starts_at))]
