"""PDF rendering with WeasyPrint from the same templates the browser sees.

Measured on these machines (DESIGN section 6): no cyclic GC during the render (it saved
about a third of the time against the default thresholds, a tenth more against gen 0 at
100,000), and `table-layout: fixed` with <col> widths (set
in the print base) is 15–25% faster and paginates correctly.
"""

import base64
import gc
import hashlib
import io
import math
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from kinerja.services import bukti_storage
from laporan import services
from laporan.models import DokumenTerbit
from laporan.selectors.lampiran import gambar_lampiran
from laporan.sidik import sidik_dokumen


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    halaman: int

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()


@contextmanager
def relaxed_gc():
    """No cyclic garbage collection while WeasyPrint renders. It allocates millions of
    objects that stay alive until the PDF is written, so every collection during the render
    only walks live boxes again: with gen 0 at 100,000 allocations that was still about a
    tenth of the 10x LKjIP (measured with gc.callbacks); the few cycles the render leaves
    are collected afterwards as usual (peak memory measured: +2%)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


QR_LEBAR_MM = 15  # printed width of the footer QR (static/css/cetak.css, .kaki img)
QR_DPI = 300


def qr_data_uri(text):
    """The verification QR as one black-and-white PNG data: URI, drawn once per document.
    The running footer repeats the same URI on every page, and WeasyPrint embeds an image
    it has already loaded once, so a 118-page LKjIP carries one small raster instead of an
    SVG path drawn again on each page. Its modules are whole pixels and it is at least
    QR_DPI at its printed QR_LEBAR_MM, so it prints sharp and scans."""
    qr = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    modul = qr.modules_count + 2 * qr.border
    piksel = math.ceil(QR_LEBAR_MM / 25.4 * QR_DPI)
    qr.box_size = math.ceil(piksel / modul)
    image = qr.make_image().get_image().convert("1")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True, dpi=(QR_DPI, QR_DPI))
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/png;base64,{encoded}"


def data_uri_lampiran(obj):
    """An uploaded image attachment as a data: URI for the PDF ("" when its file is gone)."""
    storage = bukti_storage()
    if not obj.berkas or not storage.exists(obj.berkas.name):
        return ""
    with storage.open(obj.berkas.name, "rb") as handle:
        encoded = base64.b64encode(handle.read()).decode("ascii")
    return f"data:{obj.content_type};base64,{encoded}"


def _alamat_lampiran(doc):
    def sumber(obj):
        return reverse("laporan:lampiran_berkas", args=[doc["opd"].slug, doc["tahun"], obj.pk])

    return sumber


# The white space between two tags of a table's structure (after a row, a row group, a
# column or a closed cell, before the next of them or a cell): never inside a cell, never
# around the table itself.
_SPASI_TABEL = re.compile(
    r"(<(?:(?:table|thead|tbody|tfoot|tr|colgroup|col)\b[^>]*"
    r"|/(?:thead|tbody|tfoot|tr|td|th|colgroup|caption))>)"
    r"\s+(?=</?(?:thead|tbody|tfoot|tr|td|th|colgroup|col|caption)\b|</table>)"
)


def tanpa_spasi_tabel(html):
    """The HTML without the white space between the tags of its tables' structure. CSS
    drops that text anyway (CSS 2.2 section 17.2.1, rule 1.4: white space between table
    boxes is display: none), so the PDF is the same (every demo document compared page by
    page at 150 dpi), but WeasyPrint parses it and makes a box of every piece first: in
    the 10x LKjIP a fifth of its 626 KB of HTML is this indentation, and dropping it saves
    about 0.17 s of its 11 s of CPU (parsing and box building)."""
    return _SPASI_TABEL.sub(r"\1", html)


def html_to_pdf(html, base_url=None):
    """Render an HTML string to PDF bytes and count its pages."""
    # Imported here: WeasyPrint loads Pango at import, which plain web pages never need.
    from weasyprint import HTML

    base_url = base_url or str(settings.BASE_DIR)
    html = tanpa_spasi_tabel(html)
    with relaxed_gc():
        document = HTML(string=html, base_url=base_url).render()
        content = document.write_pdf()
    return RenderedPdf(content=content, halaman=len(document.pages))


def verifikasi_url(kode, request=None, base_url=None):
    """The public URL printed under the QR code. A queued render has no request: it gets
    the address the document was requested at (`base_url`)."""

    path = reverse("laporan:verifikasi", args=[kode])
    if request is not None:
        return request.build_absolute_uri(path)
    base = (
        base_url
        or getattr(settings, "SAKIP_BASE_URL", "")
        or os.environ.get("SAKIP_BASE_URL", "http://localhost:8000")
    )
    return base.rstrip("/") + path


def render_html(doc, *, pdf=False, kode="", qr="", url="", actions=(), request=None):

    context = {
        "doc": doc,
        "pdf": pdf,
        "kode": kode,
        "qr": qr,
        "verifikasi_url": url,
        "actions": actions,
    }
    if doc["jenis"] == "lkjip":
        context["lampiran_gambar"] = gambar_lampiran(
            doc, sumber=data_uri_lampiran if pdf else _alamat_lampiran(doc)
        )
    return render_to_string(
        f"laporan/{doc['jenis']}.html", context, request=request if not pdf else None
    )


def _berkas_utuh(dokumen):
    """The stored bytes of an issued PDF when they are still there and unchanged."""
    if (
        dokumen is None
        or not dokumen.berkas
        or not dokumen.berkas.storage.exists(dokumen.berkas.name)
    ):
        return None
    with dokumen.berkas.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != dokumen.sha256:
        return None
    return dokumen, RenderedPdf(content=content, halaman=dokumen.halaman or 0)


def draf_tersimpan(doc, sidik, jenis=None):
    """The PDF already stored for this fingerprint of the document's data, or None: a draft
    (or a document final by its period, without a finalisation of its own: IKU, cascading,
    matrices) downloaded twice unchanged is one file with one verification code."""
    dokumen = (
        DokumenTerbit.objects.filter(
            sidik=sidik, jenis=jenis or doc["jenis"], opd=doc["opd"], is_final=doc["is_final"]
        )
        .exclude(berkas="")
        .order_by("-created_at")
        .first()
    )
    return _berkas_utuh(dokumen)


def issue_pdf(doc, *, user=None, request=None, base_url=None):
    """Render a document to PDF with a fresh verification code in its footer, store it as
    a DokumenTerbit (bytes, pages, SHA-256 of exactly these bytes, fingerprint of its data)
    and return both. A draft whose data did not change since its last download is not
    rendered again: the stored one is returned (draf_tersimpan)."""

    sidik = sidik_dokumen(doc)
    tersimpan = draf_tersimpan(doc, sidik)
    if tersimpan is not None:
        return tersimpan
    kode = services.new_kode()
    url = verifikasi_url(kode, request, base_url)
    html = render_html(doc, pdf=True, kode=kode, qr=qr_data_uri(url), url=url)
    rendered = html_to_pdf(html)
    dokumen = services.dokumen_issue(
        kode=kode,
        sidik=sidik,
        jenis=doc["jenis"],
        opd=doc["opd"],
        unit=doc.get("unit"),
        tahun=doc["tahun"],
        triwulan=doc.get("triwulan"),
        versi=doc.get("versi") or 1,
        is_final=doc["is_final"],
        finalized_at=doc.get("finalized_at"),
        rendered=rendered,
        user=user,
    )
    return dokumen, rendered


def issued_final(doc):
    """The PDF already issued for this final document (same version, same finalisation), or
    None. A final document is laid out once; later downloads stream the stored bytes, so a
    signed LKjIP of tens of pages does not hold a web worker on every download."""

    if not doc["is_final"] or not doc.get("finalized_at"):
        return None
    unit = doc.get("unit")
    dokumen = (
        DokumenTerbit.objects.filter(
            jenis=doc["jenis"],
            opd=doc["opd"],
            tahun=doc["tahun"],
            triwulan=doc.get("triwulan"),
            unit=unit.pk if unit else None,
            versi=doc.get("versi") or 1,
            is_final=True,
            finalized_at=doc["finalized_at"],
        )
        .exclude(berkas="")
        .order_by("-created_at")
        .first()
    )
    return _berkas_utuh(dokumen)
