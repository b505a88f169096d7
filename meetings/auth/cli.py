"""flask create-user. Declared here; auth's init_app adds it to the app's commands."""

import click
from flask.cli import with_appcontext

from meetings.extensions import db


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["secretariat", "chair", "delegation"]), required=True)
@click.option("--delegation", "code", help="Delegation code, for delegation users (e.g. AUT)")
@click.option("--full-name", default="")
@click.password_option()
@with_appcontext
def create_user_command(username: str, role: str, code: str | None, full_name: str, password: str) -> None:
    """Create a user."""
    from meetings.auth.actors import System
    from meetings.auth.models import Role
    from meetings.auth.services import create_user
    from meetings.delegations.services import delegation_by_code

    delegation = delegation_by_code(code) if code else None
    if (role == "delegation") != (delegation is not None):
        raise click.UsageError("A delegation user needs --delegation with a known code; other roles take none.")
    actor = System(because="a user was created on the command line (flask create-user)")
    create_user(actor, username, password, Role(role), full_name or username, delegation)
    db.session.commit()
    click.echo(f"Created {username}.")
