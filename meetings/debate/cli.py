"""flask verify-draw: anyone with the database can recompute a drawing of lots and compare.

Declared here; the debate's init_app adds it to the app's commands.
"""

import click
from flask.cli import with_appcontext

from meetings.debate import lots
from meetings.programme.services import require_commission_session as _session


@click.command("verify-draw")
@click.option("--id", "draw_id", type=int, help="The draw to check; by default every draw of the session.")
@with_appcontext
def verify_draw_command(draw_id: int | None) -> None:
    """Recompute the drawing of lots from its record and say whether it matches (exit 1 if not)."""
    cs = _session()
    draws = [lots.draw_for(cs, draw_id)] if draw_id else lots.all_draws(cs)
    failed = False
    for draw in draws:
        result = lots.check(draw)
        state = " (voided: " + draw.void_reason + ")" if draw.voided_at else ""
        if result is None:
            click.echo(f"Draw {draw.id}{state}: seed not revealed yet, nothing to check.")
            continue
        click.echo(f"Draw {draw.id}{state}: {'MATCH' if result.ok else 'MISMATCH'}")
        click.echo(f"  commitment {'matches' if result.commitment_matches else 'does NOT match'} SHA-256 of the seed")
        for line in result.differences:
            click.echo("  " + line)
        failed = failed or not result.ok
    if failed:
        raise SystemExit(1)
