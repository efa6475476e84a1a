"""The rows of the verification sheet as HTML, built in Python in one pass (issue 15 item 2).

The sheet of 700 rows through the template engine cost ~40x a plain table of the same
cells: every `{{ }}` is a variable lookup, a localisation and an escape. Here each row is
one list of strings joined once: the quarter's labels and the addresses (lembar.alamat_antara,
reversed once per page) are read once, every figure goes through the same sakip_format
filters the templates use (one number format), and every value from the database is
escaped. A text many rows share (a percentage, a number, a status badge, an indicator's
type line) is formatted and escaped once per page (`_Halaman.teks`): formatting a Decimal
costs ~20 escapes, and 700 rows repeat a few hundred values. The full sheet and the answer to an action on one row both use `daftar_html`, so
a re-rendered row is the row of the sheet.

Context of a call: the Kelompok of kinerja.lembar (figures from its read model), the unit,
the quarter (or None), whether the verifier may act (`boleh`), and for the answer to one
action `satu` (the row without its group heading) with that row's form and message."""

from html import escape as _escape
from operator import attrgetter

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeData, mark_safe

from anggaran.models import RealisasiAnggaran
from kinerja import lembar
from kinerja.models import Realisasi
from kinerja.selectors import Nilai
from kinerja.views.entri_baris import nilai_teks
from renstra.models import Indikator
from sakip.alur import StatusRealisasi
from sakip.templatetags.sakip_form import field_errors, field_value
from sakip.templatetags.sakip_format import (
    alasan,
    angka,
    angka_tampil,
    persen,
    romawi,
    rupiah,
    tanggal_id,
)

# The addresses a verification row links to, reversed once per page.
ALAMAT_BARIS = {
    "riwayat": "kinerja:realisasi_riwayat",
    "verifikasi": "kinerja:realisasi_verifikasi",
    "riwayat_anggaran": "kinerja:realisasi_anggaran_riwayat",
    "verifikasi_anggaran": "kinerja:realisasi_anggaran_verifikasi",
    "bukti": "kinerja:bukti_unduh",
}
DIAJUKAN = StatusRealisasi.DIAJUKAN


def _label(model, nama):
    """{value: label} of a choice field, what get_<nama>_display answers (read once)."""
    return {k: str(v) for k, v in model._meta.get_field(nama).flatchoices}


TIPE = _label(Indikator, "tipe")
STATUS = {Realisasi: _label(Realisasi, "status")}
STATUS[RealisasiAnggaran] = _label(RealisasiAnggaran, "status")
DIKEMBALIKAN = StatusRealisasi.DIKEMBALIKAN


def _e(value):
    """conditional_escape without its lazy-string wrapper (the same output: Django's escape
    is html.escape of str(value)); called ~15 times a row."""
    if isinstance(value, SafeData):
        return str(value)
    return _escape(str(value))


def _catatan(r):
    if not r.catatan_verifikasi or r.status == DIAJUKAN:
        return ""
    kelas = "entri-catatan" if r.status == DIKEMBALIKAN else "small text-body-secondary"
    return f'<div class="{kelas} mt-2">Catatan: {_e(r.catatan_verifikasi)}</div>'


def _galat_form(form):
    if form is None:
        return ""
    galat = form.non_field_errors()
    if not galat:
        return ""
    isi = "".join(f"{_e(e)} " for e in galat)
    return f'<div class="alert alert-danger py-2 small mb-2" role="alert">{isi}</div>'


def _catatan_isian(form, atribut):
    """The comment field of a row's form (`atribut`: its id or aria-label), with the value
    and errors of a refused action."""
    tempat = 'placeholder="Catatan (wajib bila dikembalikan)"'
    if form is None:
        return (
            f'<textarea class="form-control form-control-sm" rows="2" name="catatan" {atribut} '
            f"{tempat}></textarea>"
        )
    galat = field_errors(form, "catatan")
    kelas = " is-invalid" if galat else ""
    umpan = "".join(f'<div class="invalid-feedback">{_e(e)}</div>' for e in galat)
    return (
        f'<textarea class="form-control form-control-sm{kelas}" rows="2" name="catatan" '
        f"{atribut} {tempat}>{_e(field_value(form, 'catatan'))}</textarea>{umpan}"
    )


def _status_html(kunci):
    """(a row's " is-<status>" class, its status badge: `get_status_display|default:status`)
    for kunci (model, status), or None without a row."""
    if kunci is None:
        return "", '<span class="badge status-badge status-"></span>'
    model, status = kunci
    label = STATUS[model].get(status, status) or status
    return (
        f" is-{status}",
        f'<span class="badge status-badge status-{_e(status)}">{_e(label)}</span>',
    )


def _meta(kunci):
    """An indicator's type line for kunci (tipe, satuan, is_iku)."""
    tipe, satuan, is_iku = kunci
    meta = _e(TIPE.get(tipe, tipe))
    if satuan:
        meta += f" · satuan {_e(satuan)}"
    if is_iku:
        meta += ' <span class="badge text-bg-warning">IKU</span>'
    return meta


def _predikat(kunci):
    """A predicate's dot and label for kunci (warna, label)."""
    warna, label = kunci
    return (
        '<div class="small"><svg class="predikat-dot" viewBox="0 0 10 10" '
        f'aria-hidden="true"><circle cx="5" cy="5" r="5" fill="{_e(warna)}"/></svg>'
        f"{_e(label)}</div>"
    )


class _Teks(dict):
    """{key: text}, each text made by `buat(key)` the first time its key is asked for: a
    text depends on its key alone (equal values print alike), and most rows ask for one
    already made (a dict lookup, no call)."""

    def __init__(self, buat):
        super().__init__()
        self.buat = buat

    def __missing__(self, kunci):
        teks = self[kunci] = self.buat(kunci)
        return teks


class _Halaman:
    """What every row of one page shares, read once, and the texts rows repeat."""

    def __init__(self, *, unit, tw, boleh, form, pesan):
        self.tr = _e(romawi(tw.triwulan if tw is not None else ""))
        self.th = _e(tw.tahun) if tw is not None else ""
        self.alamat = {
            kunci: (_e(sebelum), _e(sesudah))
            for kunci, (sebelum, sesudah) in lembar.alamat_baris(ALAMAT_BARIS).items()
        }
        self.unit = _e(unit.pk)
        self.boleh = boleh
        self.form = form
        self.galat = _galat_form(form)
        self.pesan = pesan
        self.disimpan = " is-saved" if pesan else ""
        self.pesan_html = (
            f'<div class="text-success small mt-1" role="status">✓ {_e(pesan)}</div>'
            if pesan
            else ""
        )
        # escaped: value|persen:"%" (a Decimal or None), nilai_teks of a read-model value,
        # value|angka, value|angka_tampil, a heading's label; status class and badge by
        # (model, status); an indicator's type line by (tipe, satuan, is_iku); a predicate
        self.persen = _Teks(lambda v: _e(persen(v, "%")))
        self.nilai = _Teks(lambda k: _e(nilai_teks(Nilai(*k))))  # by kunci_nilai
        self.angka = _Teks(lambda v: _e(angka(v)))
        self.tampil = _Teks(lambda v: _e(angka_tampil(v)))
        self.teks = _Teks(_e)
        self.status = _Teks(_status_html)
        self.meta = _Teks(_meta)
        self.predikat = _Teks(_predikat)
        self.konteks = _Teks(_konteks)

    def url(self, kunci, pk):
        sebelum, sesudah = self.alamat[kunci]
        return f"{sebelum}{pk}{sesudah}"

    def aksi(self, kunci, r, sasaran, catatan_atribut, uji):
        if not (self.boleh and r is not None and r.status == DIAJUKAN):
            return ""
        return (
            f'<form hx-post="{self.url(kunci, r.pk)}" hx-target="#{sasaran}" '
            'hx-swap="outerHTML" novalidate>'
            f'<input type="hidden" name="versi" value="{r.versi}">'
            f'<input type="hidden" name="unit" value="{self.unit}">'
            f"{catatan_atribut[0]}{_catatan_isian(self.form, catatan_atribut[1])}"
            '<div class="d-flex gap-2 mt-2">'
            f'<button type="submit" name="aksi" value="setujui" class="btn btn-success btn-sm"'
            f"{uji[0]}>Setujui</button>"
            '<button type="submit" name="aksi" value="kembalikan" '
            f'class="btn btn-outline-danger btn-sm"{uji[1]}>Kembalikan</button>'
            "</div></form>"
        )


# A read-model value (Nilai) as the key of its text (h.nilai): its fields.
kunci_nilai = attrgetter("angka", "level", "teks", "tidak_terukur")


def kunci_baris(a):
    """kunci_nilai of a row's four read-model values (the year's and the quarter's target, the
    quarter before and the value to date), read from the row's fields by
    IndikatorRow.kunci_nilai without building the four Nilai: those frozen dataclasses were
    a fifth of the sheet's cost."""
    return a.kunci_nilai()


def _status_kunci(r):
    return (type(r), r.status) if r is not None else None


def _angka_hasil(hasil):
    """The key a Hasil prints by under `persen`: its figure, unless recorded as tidak dapat
    diukur (then n/a: the Hasil itself)."""
    return hasil if hasil.tidak_terukur else hasil.nilai


def _realisasi(h, b, r, pk):
    """The realisation shown in a row: n/a with its reason, the category level, or the
    number (with numerator / denominator for a ratio)."""
    if r is None:
        return h.tampil[None]
    if r.tidak_terukur:
        return (
            f'n/a <small class="text-body-secondary" data-testid="na-alasan-{pk}">'
            f"(tidak dapat diukur: {_e(r.alasan_tidak_terukur)})</small>"
        )
    if r.level_id is not None and r.level:
        return _e(r.level.nama)
    teks = h.tampil[r.nilai]
    if b.indikator.tipe == "rasio":
        teks += (
            f' <small class="text-body-secondary">({h.angka[r.pembilang]} / '
            f"{h.angka[r.penyebut]})</small>"
        )
    return teks


def _capaian(h, b, pk, sd):
    a = b.angka
    capaian = a.capaian
    tr = h.tr
    if capaian.nilai is not None:
        teks = f'<div class="capaian-nilai">{h.persen[capaian.nilai]}</div>'
        if a.capaian_tanpa_batas is not None:
            teks += (
                '<div class="small text-body-secondary">sebelum dibatasi '
                f"{h.persen[a.capaian_tanpa_batas]}</div>"
            )
        p = a.predikat
        if p:
            teks += h.predikat[p.warna, p.label]
    else:
        kosong = "n/a" if capaian.tidak_terukur else "–"
        teks = (
            f'<div class="capaian-nilai text-body-secondary">{kosong}</div>'
            f'<div class="small text-body-secondary">{_e(alasan(capaian))}</div>'
        )
    teks += (
        f'<div class="small text-body-secondary" data-testid="realisasi-sd-{pk}">'
        f"realisasi s.d. TW {tr}: {h.nilai[sd]}, terhadap target {h.th}</div>"
    )
    if a.ada_target_triwulan:
        teks += (
            f'<div class="small text-body-secondary">terhadap target TW {tr}: '
            f"{h.persen[_angka_hasil(a.capaian_triwulan)]}</div>"
        )
    return teks


def _baris_indikator(h, b):
    ind = b.indikator
    r = b.realisasi
    pk = ind.pk
    kelas, badge = h.status[_status_kunci(r)]
    if b.bukti:
        bukti = "".join(
            f'<a class="me-2" href="{h.url("bukti", bk.pk)}" target="_blank" '
            f'rel="noopener">{_e(bk.nama_asli)}</a>'
            for bk in b.bukti
        )
    else:
        bukti = '<span class="small text-danger">belum ada</span>'
    if r is not None and r.diubah_oleh_id is not None and r.diubah_oleh:
        oleh = _e(r.diubah_oleh.get_full_name() or r.diubah_oleh.username)
    else:
        oleh = "–"
    if r is not None and r.diajukan_pada:
        oleh += f", diajukan {_e(tanggal_id(r.diajukan_pada))}"
    penjelasan = ""
    if r is not None and r.penjelasan:
        penjelasan = f'<p class="small mb-1">{linebreaksbr(r.penjelasan, autoescape=True)}</p>'
    tr, th = h.tr, h.th
    target, target_tw, lalu, sd = kunci_baris(b.angka)
    rpk = r.pk if r is not None else ""
    riwayat, riwayat_akhir = h.alamat["riwayat"]
    aksi = _aksi_indikator(h, r, rpk, pk) if h.boleh and r is not None else ""
    return (
        f'<div class="entri-row{kelas}{h.disimpan}" '
        f'id="ver-{pk}" data-testid="verifikasi-{pk}"><div class="row g-3">'
        f'<div class="col-lg-4"><div class="uraian">{_e(ind.uraian)}</div>'
        f'<div class="meta mb-2">{h.meta[ind.tipe, ind.satuan, ind.is_iku]}</div>'
        '<dl class="target-box row gx-2 mb-0">'
        f'<div class="col-4"><dt>Target {th}</dt><dd>{h.nilai[target]}</dd></div>'
        f'<div class="col-4"><dt>Target TW {tr}</dt>'
        f"<dd>{h.nilai[target_tw]}</dd></div>"
        '<div class="col-4"><dt>TW sebelumnya</dt>'
        f"<dd>{h.nilai[lalu]}</dd></div></dl></div>"
        f'<div class="col-lg-4"><div class="small text-body-secondary">Realisasi TW {tr}</div>'
        f'<div class="fs-5 fw-semibold">{_realisasi(h, b, r, pk)}</div>{penjelasan}'
        f'<div class="small text-body-secondary">Diisi oleh {oleh}</div>'
        '<div class="bukti-list mt-1">'
        f'<span class="small text-body-secondary">Bukti:</span> {bukti}</div>'
        f"{_catatan(r) if r is not None and r.catatan_verifikasi else ''}</div>"
        '<div class="col-lg-4">'
        '<div class="d-flex justify-content-between align-items-start gap-2 mb-2">'
        '<div class="capaian-box">'
        f'<div class="small text-body-secondary">Capaian s.d. TW {tr}</div>'
        f"{_capaian(h, b, pk, sd)}</div>"
        f'<div class="text-end">{badge}'
        '<div><button type="button" class="btn btn-link btn-sm p-0 mt-1" '
        f'hx-get="{riwayat}{rpk}{riwayat_akhir}" '
        f'hx-target="#riwayat-ver-{pk}">Riwayat</button></div></div></div>'
        f"{h.galat}{aksi}{h.pesan_html}</div></div>"
        f'<div id="riwayat-ver-{pk}"></div></div>'
    )


def _aksi_indikator(h, r, rpk, pk):
    """The verify / return form of an indicator row: on a submitted row only (h.aksi for
    the indicator row, written out: 700 rows)."""
    if r.status != DIAJUKAN:
        return ""
    sebelum, sesudah = h.alamat["verifikasi"]
    catatan = _catatan_isian(h.form, f'id="catatan-{pk}"')
    return (
        f'<form hx-post="{sebelum}{rpk}{sesudah}" hx-target="#ver-{pk}" '
        'hx-swap="outerHTML" novalidate>'
        f'<input type="hidden" name="versi" value="{r.versi}">'
        f'<input type="hidden" name="unit" value="{h.unit}">'
        f'<label class="visually-hidden" for="catatan-{pk}">Catatan verifikasi</label>'
        f"{catatan}"
        '<div class="d-flex gap-2 mt-2">'
        '<button type="submit" name="aksi" value="setujui" class="btn btn-success btn-sm"'
        f' data-testid="setujui-{pk}">Setujui</button>'
        '<button type="submit" name="aksi" value="kembalikan" '
        f'class="btn btn-outline-danger btn-sm" data-testid="kembalikan-{pk}">Kembalikan</button>'
        "</div></form>"
    )


def _baris_anggaran(h, a):
    sk = a.sub_kegiatan
    r = a.realisasi
    pk = sk.pk
    kelas, badge = h.status[_status_kunci(r)]
    tr = h.tr
    penjelasan = ""
    if r is not None and r.penjelasan:
        penjelasan = f'<p class="small mb-1">{linebreaksbr(r.penjelasan, autoescape=True)}</p>'
    return (
        f'<div class="entri-row{kelas}{h.disimpan}" '
        f'id="ver-ang-{pk}"><div class="row g-3">'
        '<div class="col-lg-4"><div class="uraian">Realisasi anggaran</div>'
        '<dl class="target-box row gx-2 mb-0">'
        f'<div class="col-6"><dt>Pagu berlaku</dt><dd>{_e(rupiah(a.pagu))}</dd></div>'
        f'<div class="col-6"><dt>Realisasi s.d. TW {tr}</dt>'
        f"<dd>{_e(rupiah(a.sd_triwulan))}</dd></div></dl></div>"
        f'<div class="col-lg-4"><div class="small text-body-secondary">Belanja TW {tr}</div>'
        f'<div class="fs-5 fw-semibold">{_e(rupiah(r.jumlah if r is not None else None))}</div>'
        f"{penjelasan}{_catatan(r) if r is not None else ''}</div>"
        '<div class="col-lg-4">'
        '<div class="d-flex justify-content-between align-items-start gap-2 mb-2">'
        '<div class="capaian-box"><div class="small text-body-secondary">Penyerapan</div>'
        f'<div class="capaian-nilai">{h.persen[a.penyerapan.nilai]}</div></div>'
        f'<div class="text-end">{badge}'
        '<div><button type="button" class="btn btn-link btn-sm p-0 mt-1" '
        f'hx-get="{h.url("riwayat_anggaran", r.pk if r is not None else "")}" '
        f'hx-target="#riwayat-ver-ang-{pk}">Riwayat</button></div></div></div>'
        f"{h.galat}"
        + h.aksi(
            "verifikasi_anggaran",
            r,
            f"ver-ang-{pk}",
            ("", 'aria-label="Catatan verifikasi"'),
            ("", ""),
        )
        + f"{h.pesan_html}</div></div>"
        f'<div id="riwayat-ver-ang-{pk}"></div></div>'
    )


def _konteks(konteks):
    return "".join(
        f'<div class="small text-body-secondary text-truncate">{_e(k)}</div>' for k in konteks
    )


def _judul(h, g):
    konteks = h.konteks[tuple(g.konteks)]
    kode = f'<span class="kode me-1">{_e(g.kode)}</span>' if g.kode else ""
    return (
        f'<section class="entri-group card"><div class="entri-group-title">{konteks}'
        f'<div class="entri-level">{h.teks[g.level]}</div>'
        f'<div class="fw-semibold">{kode}{_e(g.nama)}</div></div>'
    )


def daftar_teks(groups, *, unit, tw, boleh, satu=False, form=None, pesan=""):
    """The HTML of the sheet's groups and rows, as a plain str (every value escaped): the
    page sends it as a chunk of its own, where a SafeString would be one more copy of ~1.7 MB.
    With `satu`, the rows alone (the answer to an action on a row), else each group in its
    section."""
    h = _Halaman(unit=unit, tw=tw, boleh=boleh, form=form, pesan=pesan)
    out = []
    for g in groups:
        if not satu:
            out.append(_judul(h, g))
        out.extend(_baris_indikator(h, b) for b in g.indikator)
        if g.anggaran:
            out.append(_baris_anggaran(h, g.anggaran))
        if not satu:
            out.append("</section>")
    return "\n".join(out)


def daftar_html(groups, **kwargs):
    """daftar_teks as safe HTML (for a template or to add to)."""
    return mark_safe(daftar_teks(groups, **kwargs))
