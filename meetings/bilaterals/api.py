"""Bilateral rooms as JSON, through the same services and forms as the pages."""

from flask import jsonify

from meetings.api import ApiError, ApiRoutes, api_user, validated
from meetings.api.schemas import BOOL, INSTANT, INT, STR, arr, maybe, obj
from meetings.bilaterals import grid as grids
from meetings.bilaterals import permissions, services
from meetings.bilaterals.board import board, board_as_dict
from meetings.bilaterals.forms import BookingForm, ConfirmForm, GridForm, ReasonForm, RoomsForm
from meetings.bilaterals.models import BilateralBooking
from meetings.delegations.services import delegation_by_code
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session
from meetings.timeutil import to_local

routes = ApiRoutes()

NAMED = obj(code=STR, name=STR)
ROOMS = arr(obj(id=INT, name=STR))
GRID = obj(booking_opens=maybe(INSTANT), daily_cap=maybe(INT), needs_high_level=BOOL, periods=arr(STR),
           slot_minutes=INT, timezone=STR)  # fmt: skip
BOOKING = obj(id=INT, room=STR, room_id=INT, starts_at=INSTANT, ends_at=INSTANT, state=STR, booked_by=NAMED,
              counterpart=maybe(NAMED), organization=maybe(STR), note=maybe(STR), reason=maybe(STR),
              booked_at=INSTANT, decided_at=maybe(INSTANT))  # fmt: skip


def booking_as_dict(cs, b: BilateralBooking) -> dict:
    return {
        "id": b.id, "state": b.state.value, "room_id": b.room_id, "room": b.room.name,
        "starts_at": to_local(b.starts_at, cs.timezone).isoformat(), "ends_at": to_local(b.ends_at, cs.timezone).isoformat(),
        "booked_by": {"code": b.booked_by.code, "name": b.booked_by.name},
        "counterpart": {"code": b.counterpart.code, "name": b.counterpart.name} if b.counterpart else None,
        "organization": b.counterpart_name or None, "note": b.note, "reason": b.reason or None,
        "booked_at": b.booked_at.isoformat(), "decided_at": b.decided_at.isoformat() if b.decided_at else None,
        "submission_key": b.submission_key,
    }  # fmt: skip


def _rooms(cs) -> list[dict]:
    return [{"id": r.id, "name": r.name} for r in grids.bilateral_rooms(cs)]


@routes.route("/bilaterals/grid", response=obj(grid=GRID, rooms=ROOMS, slots=arr(obj(room=STR, room_id=INT, slot=INSTANT, starts_at=INSTANT, ends_at=INSTANT, state=STR))), summary="The grid of bilateral slots, each room's slot with its state (free, held, "
              "confirmed, taken) and, for the two delegations and the secretariat, the meeting", allow=permissions.can_see_grid)  # fmt: skip
def get_bilateral_grid():
    cs = require_commission_session()
    grid, user = grids.grid_of(cs), api_user()
    days = board(cs, grid)
    return jsonify({"grid": grids.grid_as_dict(cs, grid), "rooms": _rooms(cs),
                    "slots": board_as_dict(cs, days, lambda b: permissions.can_see_booking(user, b))})  # fmt: skip


@routes.route("/bilaterals/grid", ["PUT"], response=obj(grid=GRID, rooms=ROOMS), summary="Define the grid: slot length, periods (local time, e.g. "
              "'2024-03-14 09:00-18:00', one a line or a list), when booking opens, the daily cap",
              form=GridForm, allow=permissions.can_set_up)  # fmt: skip
def put_bilateral_grid():
    cs = require_commission_session()
    form = validated(GridForm)
    grid = grids.set_grid(cs, api_user(), slot_minutes=form.slot_minutes.data, periods=form.periods.data,
                          booking_opens=form.booking_opens.data, daily_cap=form.daily_cap.data,
                          needs_high_level=form.needs_high_level.data)  # fmt: skip
    return jsonify({"grid": grids.grid_as_dict(cs, grid), "rooms": _rooms(cs)})


@routes.route("/bilaterals/rooms", response=ROOMS, summary="The bilateral rooms", allow=permissions.can_see_grid)
def get_bilateral_rooms():
    return jsonify(_rooms(require_commission_session()))


@routes.route("/bilaterals/rooms", ["PUT"], response=ROOMS, summary="Choose the bilateral rooms among the session's rooms (room_ids), "
              "and add new ones (new_rooms, one a line)", form=RoomsForm, allow=permissions.can_set_up)  # fmt: skip
def put_bilateral_rooms():
    cs = require_commission_session()
    form = validated(RoomsForm)
    grids.set_rooms(cs, api_user(), form.room_ids.data or [], form.new_room_names())
    return jsonify(_rooms(cs))


@routes.route("/bilaterals/bookings", response=arr(BOOKING), summary="The bilateral meetings you take part in (all for the secretariat)",
              allow=permissions.can_book)  # fmt: skip
def list_bilateral_bookings():
    cs = require_commission_session()
    return jsonify([booking_as_dict(cs, b) for b in services.bookings_for(cs, api_user())])


@routes.route("/bilaterals/bookings", ["POST"], status=201, response=BOOKING, summary="Book a slot (room_id, starts_at as local time "
              "2024-03-14T09:30) with a delegation (counterpart: its code) or an organization; refused with the next "
              "free slots (errors.next_free) when taken", form=BookingForm, allow=permissions.can_book)  # fmt: skip
def create_bilateral_booking():
    cs = require_commission_session()
    form = validated(BookingForm)
    booker = None
    if form.delegation.data:
        booker = delegation_by_code(form.delegation.data)
        if booker is None:
            raise ApiError(_("There is no delegation with the code %(code)s.", code=form.delegation.data[:16]), 422,
                           {"delegation": [_("Unknown delegation.")]})  # fmt: skip
    booking = services.book(cs, api_user(), room_id=form.room_id.data, starts=form.starts_at.local(),
                            counterpart=form.counterpart.data, organization=form.organization.data or "",
                            note=form.note.data or "", delegation=booker,
                            submission_key=form.submission_key.data or None)  # fmt: skip
    return jsonify(booking_as_dict(cs, booking)), 201


def _booking(booking_id: int):
    cs = require_commission_session()
    return cs, services.booking_for(cs, booking_id, api_user())


@routes.route("/bilaterals/bookings/<int:booking_id>", response=BOOKING, summary="One bilateral meeting (its two delegations and the "
              "secretariat)", allow=permissions.can_see_grid)  # fmt: skip
def get_bilateral_booking(booking_id: int):
    cs, booking = _booking(booking_id)
    return jsonify(booking_as_dict(cs, booking))


@routes.route("/bilaterals/bookings/<int:booking_id>/confirm", ["POST"], response=BOOKING, summary="Confirm a meeting booked with "
              "your delegation", form=ConfirmForm, allow=permissions.can_see_grid)  # fmt: skip
def confirm_bilateral_booking(booking_id: int):
    cs, booking = _booking(booking_id)
    validated(ConfirmForm)
    return jsonify(booking_as_dict(cs, services.confirm(cs, api_user(), booking)))


@routes.route("/bilaterals/bookings/<int:booking_id>/decline", ["POST"], response=BOOKING, summary="Decline a meeting booked with "
              "your delegation (its slot is free at once)", form=ReasonForm, allow=permissions.can_see_grid)  # fmt: skip
def decline_bilateral_booking(booking_id: int):
    cs, booking = _booking(booking_id)
    form = validated(ReasonForm)
    return jsonify(booking_as_dict(cs, services.decline(cs, api_user(), booking, form.reason.data or "")))


@routes.route("/bilaterals/bookings/<int:booking_id>/cancel", ["POST"], response=BOOKING, summary="Cancel a meeting your delegation "
              "booked (its slot is free at once)", form=ReasonForm, allow=permissions.can_see_grid)  # fmt: skip
def cancel_bilateral_booking(booking_id: int):
    cs, booking = _booking(booking_id)
    form = validated(ReasonForm)
    return jsonify(booking_as_dict(cs, services.cancel(cs, api_user(), booking, form.reason.data or "")))
