"""flask commands of the whole app: set-up and demo data. Features add their own in their init_app
(create-user in auth, verify-draw in the debate)."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import select

from meetings import backup
from meetings.actions import perform
from meetings.extensions import db


def print_logins() -> None:
    from meetings.demo import DEMO_USERS, demo_password

    click.echo("Demo logins (user name / password):")
    for username, role, _full_name, code in DEMO_USERS:
        click.echo(f"  {username:<12} {demo_password(username):<20} {role.value}{' of ' + code if code else ''}")


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or migrate the database to the latest schema."""
    upgrade()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Load the CND 67 demo session if the database holds no session yet."""
    from meetings.demo import load_demo
    from meetings.programme.models import CommissionSession

    if db.session.scalar(select(CommissionSession.id).limit(1)) is None:
        perform(load_demo)
        click.echo("Loaded the CND 67 demo session.")
    else:
        click.echo("The database already holds a session; demo data not loaded.")
    print_logins()


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Copy the whole database to TARGET (SQLite: a database file; PostgreSQL: pg_dump's custom format)."""
    backup.backup(current_app.config["SQLALCHEMY_DATABASE_URI"], target)
    click.echo(f"Backed up to {target}.")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source: Path, yes: bool) -> None:
    """Replace the whole database with the copy in SOURCE (made by `backup`)."""
    if not yes:
        click.confirm("This replaces every record of the database with the copy. Go on?", abort=True)
    db.session.remove()
    db.engine.dispose()
    backup.restore(current_app.config["SQLALCHEMY_DATABASE_URI"], source)
    click.echo(f"Restored from {source}. Restart the workers so that they forget what they held.")


def init_app(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(demo)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
