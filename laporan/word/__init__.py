"""The LKjIP and the PK as Word (.docx) files (python-docx), built from the same document
dicts as their HTML and PDF (laporan.selectors.build_document) with the same headings,
tables, numbering and signature blocks, for OPDs that polish the narrative in Word. The
PDF stays the signed, verifiable copy; the narrative stays authored in the application.

    dokumen_docx(doc) -> bytes      pk (laporan.word.pk), lkjip (laporan.word.lkjip)
"""

from laporan.word.lkjip import lkjip_docx
from laporan.word.pk import pk_docx
from laporan.word.umum import simpan

EKSPOR = {"pk": pk_docx, "lkjip": lkjip_docx}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def dokumen_docx(doc):
    """The .docx bytes of a PK or LKjIP document dict."""
    return simpan(EKSPOR[doc["jenis"]](doc))


__all__ = ["CONTENT_TYPE", "EKSPOR", "dokumen_docx"]
