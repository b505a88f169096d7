"""Signing the session report (PAdES, with pyHanko) and checking a signed file.

The secretariat installs a key and its certificate under the instance folder (`REPORT_SIGNING_DIR`,
default `instance/report-signing/`): `flask --app meetings report-key` makes a self-signed pair for a
demonstration; a real deployment puts the secretariat's own `key.pem` and `cert.pem` there. Anyone can
check a report with pyHanko's own tool and the certificate:
`pyhanko sign validate --trust cert.pem report.pdf`.
"""

import asyncio
import io
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from flask import current_app
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

KEY_FILE, CERT_FILE = "key.pem", "cert.pem"
FIELD = "SessionReport"


def key_dir() -> Path:
    """Where the signing key and certificate are kept (the instance setting REPORT_SIGNING_DIR)."""
    configured = current_app.config.get("REPORT_SIGNING_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "report-signing"


def installed() -> bool:
    folder = key_dir()
    return (folder / KEY_FILE).is_file() and (folder / CERT_FILE).is_file()


def create_key(common_name: str, folder: Path | None = None, *, replace: bool = False) -> Path:
    """A self-signed RSA key and certificate for signing reports (a demonstration key), kept in `folder`."""
    folder = folder or key_dir()
    if (folder / KEY_FILE).exists() and not replace:
        raise FileExistsError(str(folder / KEY_FILE))
    folder.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Secretariat")])  # fmt: skip
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    key_path = folder / KEY_FILE
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    key_path.chmod(0o600)
    (folder / CERT_FILE).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return folder


T = TypeVar("T")


def _own_loop(work: Callable[[], Coroutine[object, object, T]]) -> T:
    """pyHanko's work is asynchronous; it runs on an event loop of its own in a thread of its own, so that it
    works whether or not the calling thread already runs a loop (a browser test's does)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(work())).result()


def sign(pdf: bytes, reason: str, location: str) -> bytes:
    """The PDF signed with the installed key (PAdES baseline signature over the whole file)."""
    folder = key_dir()
    signer = signers.SimpleSigner.load(str(folder / KEY_FILE), str(folder / CERT_FILE))
    meta = signers.PdfSignatureMetadata(field_name=FIELD, subfilter=fields.SigSeedSubFilter.PADES,
                                        reason=reason, location=location)  # fmt: skip
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = _own_loop(lambda: signers.async_sign_pdf(writer, meta, signer=signer))
    return out.getvalue()


def _trusted_certificate(folder: Path) -> asn1_x509.Certificate | None:
    path = folder / CERT_FILE
    if not path.is_file():
        return None
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@dataclass
class Verdict:
    ok: bool
    reason: str
    signer: str = ""


def verify(data: bytes, folder: Path | None = None) -> Verdict:
    """Whether the file is a report signed by the installed certificate and unchanged since (in English:
    the command's words)."""
    folder = folder or key_dir()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # a file changed anywhere may not even read as a PDF
        return Verdict(False, f"the file does not read as a PDF ({exc})")
    if not signatures:
        return Verdict(False, "the file holds no signature")
    trust = _trusted_certificate(folder)
    context = ValidationContext(trust_roots=[trust] if trust is not None else [], allow_fetching=False)
    try:
        status = _own_loop(lambda: async_validate_pdf_signature(signatures[-1], context))
    except Exception as exc:
        return Verdict(False, f"the signature cannot be checked ({exc})")
    who = status.signing_cert.subject.human_friendly if status.signing_cert is not None else ""
    if not status.intact:
        return Verdict(False, "the file was changed after it was signed", who)
    if not status.valid:
        return Verdict(False, "the signature does not match the signed content", who)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return Verdict(False, "something was added to the file after it was signed", who)
    if not status.trusted:
        return Verdict(False, "the file is intact, but not signed by the installed key", who)
    return Verdict(True, "intact and signed", who)
