"""A Renstra matrix (laporan.matriks) as an issued PDF: its own templates and paper, the
same verification code and DokumenTerbit as every document. Used by the matrix pages and
by the queue (laporan.tasks) that renders it."""

from django.template.loader import render_to_string

from laporan import pdf, services
from laporan.sidik import sidik_dokumen


def render(doc, *, kertas="a4", request=None, **context):
    context.update({"doc": doc, "kertas": kertas})
    return render_to_string(
        f"laporan/matriks/{doc['jenis'].replace('-', '_')}.html", context, request=request
    )


def jenis_terbit(doc):
    return f"Matriks Renstra {doc['kode_tabel']}"


def sidik(doc, kertas):
    return sidik_dokumen({**doc, "kertas": kertas})


def terbitkan(doc, *, kertas, user=None, base_url=None):
    """Render and store the matrix PDF (the draft already stored for its fingerprint when
    there is one); returns (DokumenTerbit, RenderedPdf)."""
    tersimpan = pdf.draf_tersimpan(doc, sidik(doc, kertas), jenis_terbit(doc))
    if tersimpan is not None:
        return tersimpan
    kode = services.new_kode()
    url = pdf.verifikasi_url(kode, base_url=base_url)
    html = render(
        doc, kertas=kertas, pdf=True, kode=kode, qr=pdf.qr_data_uri(url), verifikasi_url=url
    )
    rendered = pdf.html_to_pdf(html)
    dokumen = services.dokumen_issue(
        kode=kode,
        jenis=jenis_terbit(doc),
        sidik=sidik(doc, kertas),
        opd=doc["opd"],
        tahun=doc["tahun"],
        versi=doc["versi"],
        is_final=doc["is_final"],
        rendered=rendered,
        user=user,
    )
    return dokumen, rendered
