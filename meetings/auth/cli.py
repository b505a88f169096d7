"""flask create-user. Declared here; auth's init_app adds it to the app's commands."""

import click
from flask.cli import with_appcontext


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["secretariat", "chair", "delegation"]), required=True)
@click.option("--delegation", "code", help="Delegation code, for delegation users (e.g. AUT)")
@click.option("--full-name", default="")
@click.password_option()
@with_appcontext
def create_user_command(username: str, role: str, code: str | None, full_name: str, password: str) -> None:
    """Create a user."""
    from meetings.actions import perform
    from meetings.auth.actors import System
    from meetings.delegations.services import register_user
    from meetings.refusal import Refusal

    actor = System(because="a user was created on the command line (flask create-user)")
    fields = {"username": username, "full_name": full_name or username, "role": role, "delegation": code or "",
              "password": password}  # fmt: skip
    try:
        perform(lambda: register_user(actor, **fields))
    except Refusal as refusal:
        raise click.UsageError(refusal.message) from None
    click.echo(f"Created {username}.")
