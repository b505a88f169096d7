"""Timer arithmetic and list moves: pure functions, no Flask, no database."""

from datetime import datetime, timedelta

WARNING_S = 30

LIMIT_FIELDS = {
    "gd_national": "gd_limit_national_s",
    "gd_group": "gd_limit_group_s",
    "rt_panelist": "rt_limit_panelist_s",
    "rt_floor": "rt_limit_floor_s",
    "point_order": "floor_point_of_order_s",
    "reply": "floor_reply_first_s",
}
# A role without a rule of its own (e.g. a statement by the Chair) gets the national limit.
DEFAULT_FIELD = "gd_limit_national_s"
# The rules a right of reply follows, besides its first limit.
REPLY_FIELDS = ("floor_reply_second_s", "floor_replies_max")


def limit_for(role: str, limits: dict[str, int]) -> int:
    """The time limit in seconds of a role, from the session's rules (as a dict of fields)."""
    return int(limits[LIMIT_FIELDS.get(role, DEFAULT_FIELD)])


def elapsed_ms(status: str, anchor_at: datetime | None, paused_elapsed_ms: int, now: datetime) -> int:
    """Milliseconds spoken so far: from the anchor while running, the stored figure otherwise."""
    if status == "running":
        assert anchor_at is not None
        return max(0, int((now - anchor_at) / timedelta(milliseconds=1)))
    if status == "paused":
        return paused_elapsed_ms
    return 0


def paused_at(anchor_at: datetime, now: datetime) -> int:
    """Pausing: the elapsed milliseconds to keep."""
    return elapsed_ms("running", anchor_at, 0, now)


def resumed_anchor(paused_elapsed_ms: int, now: datetime) -> datetime:
    """Resuming: the anchor that makes the clock continue from the kept figure."""
    return now - timedelta(milliseconds=paused_elapsed_ms)


def phase(elapsed_s: float, limit_s: int, warning_s: int = WARNING_S) -> str:
    """'normal', 'warning' in the last `warning_s` seconds, 'overrun' once a whole second past the limit.

    Whole seconds, as the record counts them: a speech the screen showed as over time is
    always recorded with an overrun, and the reverse.
    """
    if int(elapsed_s) > limit_s:
        return "overrun"
    if elapsed_s >= limit_s - warning_s:
        return "warning"
    return "normal"


def overrun_s(duration_s: int, limit_s: int) -> int:
    return max(0, duration_s - limit_s)


def whole_seconds(ms: int) -> int:
    """A recorded duration: whole seconds begun and completed, as a stopwatch shows them."""
    return ms // 1000


def after_next(order: list[int], item: int) -> list[int]:
    """An absent speaker moves to just after the one who follows; the last one stays last."""
    i = order.index(item)
    rest = order[:i] + order[i + 1 :]
    return rest[: i + 1] + [item] + rest[i + 1 :]


def next_reply_number(numbers: list[int], most: int) -> int | None:
    """The number of a delegation's next right of reply in a meeting, given the numbers it holds;
    None when it already holds `most` (the session's rule: e.g. 2, a first and a second)."""
    if len(numbers) >= most:
        return None
    return max(numbers, default=0) + 1


def reply_limit(number: int, first_s: int, second_s: int) -> int:
    """A first reply gets the first limit; the second (and any later one) the second limit."""
    return first_s if number <= 1 else second_s


def held_time(status: str, anchor_at: datetime | None, paused_elapsed_ms: int, now: datetime) -> tuple[int, bool]:
    """A point of order interrupts a speech: the time it keeps, and whether its clock was running."""
    return elapsed_ms(status, anchor_at, paused_elapsed_ms, now), status == "running"


def replies_last(waiting: list, is_reply) -> list:
    """The order in which the waiting are called: the listed speakers, then the rights of reply,
    each in its own order (rights of reply are heard at the end of the meeting)."""
    return sorted(waiting, key=lambda t: bool(is_reply(t)))
