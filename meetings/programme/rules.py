"""Checks on the session's calendar and numbers. Pure functions: values in, sentences out."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from meetings.i18n.words import _, shown


def block_problems(
    starts_at: datetime, ends_at: datetime, first_day: date, last_day: date, local_start_day: date, local_end_day: date
) -> list[str]:
    """Why a meeting block cannot be stored, in words; empty when it can."""
    problems = []
    if ends_at <= starts_at:
        problems.append(_("The block must end after it starts."))
    if local_start_day < first_day or local_end_day > last_day:
        problems.append(
            _(
                "The block falls outside the session, which runs from %(first)s to %(last)s.",
                first=shown(first_day, "%d %B %Y"),
                last=shown(last_day, "%d %B %Y"),
            )
        )
    if local_start_day != local_end_day:
        problems.append(_("A block must start and end on the same day."))
    return problems


def rules_problems(values: dict) -> dict[str, list[str]]:
    """Per-field reasons why a set of session rules makes no sense."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    opens, closes = values.get("hl_window_opens"), values.get("hl_window_closes")
    if opens and closes and closes <= opens:
        add("hl_window_closes", _("The application window must close after it opens."))
    start, end = values.get("se_period_start"), values.get("se_period_end")
    if start and end and end < start:
        add("se_period_end", _("The side-event period must end on or after its first day."))
    if values.get("hl_cap_per_organizer", 0) > values.get("hl_cap_total", 0):
        add("hl_cap_per_organizer", _("The cap per organizer cannot exceed the total number of high-level events."))
    if values.get("gd_limit_group_s", 0) < values.get("gd_limit_national_s", 0):
        add("gd_limit_group_s", _("A regional group's limit is normally not shorter than a national one."))
    if values.get("rt_limit_floor_s", 0) > values.get("rt_limit_panelist_s", 0):
        add("rt_limit_floor_s", _("A speaker from the floor does not get longer than a panelist."))
    ngo_max = values.get("rt_ngo_max", 0)
    if values.get("rt_ngo_panelists_max", 0) > ngo_max:
        add("rt_ngo_panelists_max", _("The NGO panelists cannot be more than the NGO participants per roundtable "
                                      "(%(max)d).", max=ngo_max))  # fmt: skip
    if values.get("rt_ngo_floor_max", 0) > ngo_max:
        add("rt_ngo_floor_max", _("The NGO speakers from the floor cannot be more than the NGO participants per "
                                  "roundtable (%(max)d).", max=ngo_max))  # fmt: skip
    if values.get("floor_reply_second_s", 0) > values.get("floor_reply_first_s", 0):
        add("floor_reply_second_min", _("A second right of reply is not longer than the first."))
    day_starts, day_ends = values.get("se_day_starts"), values.get("se_day_ends")
    if day_starts and day_ends and day_ends <= day_starts:
        add(
            "se_day_ends",
            _("Side events must end their day after they start it (%(start)s).", start=shown(day_starts, "%H:%M")),
        )
    return errors


def draw_problems(draw_date: date | None, closes_local: datetime | None) -> list[str]:
    """Why the drawing of lots cannot be on `draw_date`: it must come after inscription closes.

    `closes_local` is the closing in the session's time zone. The draw's day must begin at or
    after the closing, so that every inscription is in before the lots are drawn (a closing at
    00:00 allows a draw that same day).
    """
    if draw_date is None or closes_local is None:
        return []
    if datetime.combine(draw_date, time(0, 0)) >= closes_local.replace(tzinfo=None):
        return []
    return [
        _(
            "The drawing of lots (%(draw)s) must come after inscription closes (%(closes)s): "
            "choose a later day for the draw or close inscription earlier.",
            draw=shown(draw_date, "%d %B %Y"),
            closes=shown(closes_local.replace(tzinfo=None), "%d %B %Y at %H:%M"),
        )
    ]


def within_hours(start_local: datetime, end_local: datetime, day_starts: time, day_ends: time) -> bool:
    """Starts at or after `day_starts` and ends by `day_ends` of the same day (local times)."""
    return start_local.date() == end_local.date() and day_starts <= start_local.time() and end_local.time() <= day_ends


def session_problems(
    tz: str, hl_start: date, hl_end: date, regular_start: date, regular_end: date
) -> dict[str, list[str]]:
    """Per-field reasons why a session's zone or segment dates cannot be right."""
    errors: dict[str, list[str]] = {}
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = [_("%(zone)s is not a time zone name such as Europe/Vienna or America/New_York.", zone=tz)]
    if hl_end < hl_start:
        errors["hl_end"] = [_("The high-level segment must end on or after its first day.")]
    if regular_end < regular_start:
        errors["regular_end"] = [_("The regular segment must end on or after its first day.")]
    if not errors and hl_start <= regular_end and regular_start <= hl_end:
        errors["regular_start"] = [_("The two segments overlap.")]
    return errors
