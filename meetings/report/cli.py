"""flask report-key and flask verify-report: install a signing key, check a signed report."""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from meetings.report import signing


@click.command("report-key")
@click.option("--name", default="Secretariat of the session (demonstration key)", help="The certificate's name.")
@click.option("--replace", is_flag=True, help="Replace a key already installed.")
@with_appcontext
def report_key_command(name: str, replace: bool) -> None:
    """Create a self-signed key and certificate that sign the session report (for a demonstration)."""
    folder = signing.key_dir()
    try:
        signing.create_key(name, folder, replace=replace)
    except FileExistsError:
        click.echo(f"A signing key is already installed in {folder}; --replace makes a new one.")
        sys.exit(1)
    click.echo(f"Signing key and certificate written to {folder} ({signing.KEY_FILE}, {signing.CERT_FILE}).")
    click.echo(f"Anyone can check a report with: pyhanko sign validate --trust {folder / signing.CERT_FILE} FILE")


@click.command("verify-report")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def verify_report_command(file: Path) -> None:
    """Say whether a report is intact and signed by the installed key (exit 0) or not (exit 1, with the reason)."""
    verdict = signing.verify(file.read_bytes())
    who = f" by {verdict.signer}" if verdict.ok and verdict.signer else ""
    click.echo(f"{file}: {'OK' if verdict.ok else 'NOT OK'}: {verdict.reason}{who}")
    sys.exit(0 if verdict.ok else 1)
