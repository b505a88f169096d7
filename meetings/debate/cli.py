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
            click.echo(f"Draw {draw.id}{state}: secret not revealed yet, nothing to check.")
            continue
        click.echo(f"Draw {draw.id}{state}: {'MATCH' if result.ok else 'MISMATCH'}")
        click.echo(f"  secret       {draw.secret}")
        click.echo(f"  public value {draw.public_value if draw.public_value is not None else '(none: older draw)'}")
        click.echo(f"  seed         {draw.seed}")
        click.echo(f"  commitment {'matches' if result.commitment_matches else 'does NOT match'} SHA-256 of the secret")
        rule = (
            "SHA-256 of the secret, a line break and the public value"
            if draw.public_value is not None
            else "the secret"
        )
        click.echo(f"  seed {'is' if result.seed_matches else 'is NOT'} {rule}")
        click.echo(f"  lots {'match' if result.lots_match else 'do NOT match'} ({len(draw.inputs or [])} delegations)")
        for line in result.differences:
            click.echo("  " + line)
        failed = failed or not result.ok
    if failed:
        raise SystemExit(1)
