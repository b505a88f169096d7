"""flask commands: set-up, demo data, users."""

import click
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from meetings.extensions import db


def print_logins() -> None:
    from meetings.demo import DEMO_USERS, demo_password

    click.echo("Demo logins (user name / password):")
    for username, role, _full_name, code in DEMO_USERS:
        click.echo(f"  {username:<12} {demo_password(username):<20} {role.value}{' of ' + code if code else ''}")


def register_cli(app: Flask) -> None:
    @app.cli.command("init-db")
    def init_db() -> None:
        """Create or migrate the database to the latest schema."""
        upgrade()
        click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")

    @app.cli.command("demo")
    def demo() -> None:
        """Load the CND 67 demo session if the database holds no session yet."""
        from meetings.demo import load_demo
        from meetings.programme.models import CommissionSession

        if db.session.scalar(select(CommissionSession.id).limit(1)) is None:
            load_demo()
            db.session.commit()
            click.echo("Loaded the CND 67 demo session.")
        else:
            click.echo("The database already holds a session; demo data not loaded.")
        print_logins()

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--role", type=click.Choice(["secretariat", "chair", "delegation"]), required=True)
    @click.option("--delegation", "code", help="Delegation code, for delegation users (e.g. AUT)")
    @click.option("--full-name", default="")
    @click.password_option()
    def create_user_command(username: str, role: str, code: str | None, full_name: str, password: str) -> None:
        """Create a user."""
        from meetings.auth.models import Role
        from meetings.auth.services import create_user
        from meetings.delegations.services import delegation_by_code

        delegation = delegation_by_code(code) if code else None
        if (role == "delegation") != (delegation is not None):
            raise click.UsageError("A delegation user needs --delegation with a known code; other roles take none.")
        create_user(username, password, Role(role), full_name or username, delegation)
        db.session.commit()
        click.echo(f"Created {username}.")
