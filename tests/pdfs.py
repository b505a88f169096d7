"""PDFs as the tests read them: their text, and the first page as an image to look at."""

import io
import shutil
import subprocess

import pikepdf
from pypdf import PdfReader

from tests.conftest import ARTIFACTS


def plain_pdf(pages: int = 1) -> bytes:
    """A small, valid PDF with nothing active in it: what an upload must look like to be accepted."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


PLAIN_PDF = plain_pdf()


def text_of(data: bytes) -> str:
    """The text of every page, line breaks and runs of spaces folded into one space."""
    return " ".join(" ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages).split())


def page_image(data: bytes, name: str, dpi: int = 70) -> None:
    """Page 1 in test-artifacts/<name>.png, to look at."""
    assert shutil.which("pdftoppm"), "poppler-utils is needed to render PDFs"
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(ARTIFACTS / name)], check=True)  # fmt: skip
    pdf.unlink()
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 5000
