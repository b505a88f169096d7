import click
from flask.cli import with_appcontext

from meetings.audit import services


@click.command("verify-audit")
@with_appcontext
def verify_audit_command() -> None:
    """Recompute the audit log's hash chain; name the first entry that does not match (exit 1)."""
    result = services.verify()
    seq, head = services.chain_head()
    if result.ok:
        click.echo(f"Intact: {result.checked} entries, chain head {head}.")
        return
    p = result.problem
    click.echo(f"NOT INTACT at entry {p.seq}" + (f" (id {p.entry_id})" if p.entry_id else "") + f": {p.problem}.")
    click.echo(f"{result.checked} entries before it are intact.")
    raise SystemExit(1)
