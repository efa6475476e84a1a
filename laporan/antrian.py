"""The web side of queued documents: serve what is stored, queue what is not.

    minta_dokumen(request, doc, bentuk="pdf"|"docx", params=…) -> HttpResponse

A final document already issued and a draft already stored for this fingerprint are served
from their stored bytes at once. Anything else becomes a job (laporan.tasks), or joins the
job already queued or running for the same fingerprint, and the browser goes to the
progress page; under CELERY_TASK_ALWAYS_EAGER (tests) the job has run and its file is
answered directly."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from laporan import pdf, selectors, tasks
from laporan.sidik import sidik_dokumen
from sakip import antrian
from sakip.models import Pekerjaan


def pdf_response(dokumen, rendered, nama_berkas=""):
    nama = nama_berkas or dokumen.berkas.name.rsplit("/", 1)[-1]
    response = HttpResponse(rendered.content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response


def berkas_response(pekerjaan):
    """The finished job's file (PDFs inline as the PDF links always were)."""
    with pekerjaan.berkas.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=pekerjaan.content_type)
    cara = "inline" if pekerjaan.content_type == "application/pdf" else "attachment"
    response["Content-Disposition"] = f'{cara}; filename="{pekerjaan.nama_berkas}"'
    return response


def judul(doc):
    nama = selectors.JENIS.get(doc["jenis"], doc.get("judul") or doc["jenis"])
    return f"{nama} {doc.get('tahun') or ''} · {doc['opd'].nama}".replace("  ", " ")


def minta_dokumen(request, doc, *, bentuk, params, nama_berkas="", sidik=None, jenis_terbit=None):
    """`params`: how the worker builds `doc` again (laporan.tasks.PEMBANGUN). A document
    issued under a kind of its own (the Renstra matrices) passes its fingerprint and that
    kind (`sidik`, `jenis_terbit`)."""
    sidik = sidik or sidik_dokumen(doc)
    if bentuk == "pdf":
        tersimpan = None if jenis_terbit else pdf.issued_final(doc)
        tersimpan = tersimpan or pdf.draf_tersimpan(doc, sidik, jenis_terbit)
        if tersimpan is not None:
            return pdf_response(*tersimpan, nama_berkas=nama_berkas)
    unit_id = params.get("args", {}).get("unit_id")
    kembali = (
        reverse("laporan:indeks", args=[doc["opd"].slug, doc["tahun"]]) if doc.get("tahun") else ""
    )
    pekerjaan = antrian.antrikan(
        tasks.buat_dokumen,
        jenis=f"dokumen-{bentuk}",
        pemilik=request.user,
        opd=doc["opd"],
        unit_id=unit_id,
        params={
            **params,
            "bentuk": bentuk,
            "opd": doc["opd"].pk,
            "base_url": request.build_absolute_uri("/").rstrip("/"),
            "nama_berkas": nama_berkas,
            "kembali": kembali,
        },
        sidik=sidik,
        judul=f"{judul(doc)} ({bentuk.upper()})",
        terbuka_opd=True,
    )
    if pekerjaan.status == Pekerjaan.Status.SELESAI and antrian.berkas_ada(pekerjaan):
        return berkas_response(pekerjaan)
    return redirect("pekerjaan", pekerjaan.pk)
