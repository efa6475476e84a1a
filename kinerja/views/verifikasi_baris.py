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

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeData, mark_safe

from anggaran.models import RealisasiAnggaran
from kinerja import lembar
from kinerja.models import Realisasi
from kinerja.views.entri_baris import nilai_teks
from renstra.models import Indikator
from sakip.alur import StatusRealisasi
from sakip.capaian import Hasil
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


def _status(r):
    """r.status and its label (`r.get_status_display|default:r.status`); '' without a row."""
    if r is None:
        return "", ""
    return r.status, STATUS[type(r)].get(r.status, r.status) or r.status


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


def _status_html(r):
    """(the row's " is-<status>" class, its status badge)."""
    status, label = _status(r)
    kelas = f" is-{status}" if r is not None else ""
    return kelas, f'<span class="badge status-badge status-{_e(status)}">{_e(label)}</span>'


def _meta(ind):
    meta = _e(TIPE.get(ind.tipe, ind.tipe))
    if ind.satuan:
        meta += f" · satuan {_e(ind.satuan)}"
    if ind.is_iku:
        meta += ' <span class="badge text-bg-warning">IKU</span>'
    return meta


def _predikat(p):
    return (
        '<div class="small"><svg class="predikat-dot" viewBox="0 0 10 10" '
        f'aria-hidden="true"><circle cx="5" cy="5" r="5" fill="{_e(p.warna)}"/></svg>'
        f"{_e(p.label)}</div>"
    )


def _sekali(memo, buat, kunci):
    """memo[kunci], made by buat(kunci) the first time (equal keys give equal text)."""
    teks = memo.get(kunci)
    if teks is None:
        teks = memo[kunci] = buat(kunci)
    return teks


class _Halaman:
    """What every row of one page shares, read once, and the texts rows repeat (each made
    once: a key's text depends on the key alone)."""

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
        self._persen, self._angka, self._tampil, self._nilai = {}, {}, {}, {}
        self._status, self._meta, self._predikat, self._teks = {}, {}, {}, {}

    def persen(self, value):
        """`value|persen:"%"` escaped: a Decimal, None or a Hasil (which prints as its figure
        unless recorded as tidak dapat diukur, so it shares the figure's text)."""
        if type(value) is Hasil and not value.tidak_terukur:
            value = value.nilai
        return _sekali(self._persen, _persen, value)

    def nilai(self, value):
        """nilai_teks of a read-model value (kinerja.selectors.Nilai), escaped."""
        return _sekali(self._nilai, _nilai, value)

    def teks(self, value):
        """A heading's label, escaped (many headings share their parents' labels)."""
        return _sekali(self._teks, _e, value)

    def angka(self, value):
        return _sekali(self._angka, _angka, value)

    def tampil(self, value):
        return _sekali(self._tampil, _tampil, value)

    def status(self, r):
        kunci = (type(r), r.status) if r is not None else None
        hasil = self._status.get(kunci)
        if hasil is None:
            hasil = self._status[kunci] = _status_html(r)
        return hasil

    def meta(self, ind):
        kunci = (ind.tipe, ind.satuan, ind.is_iku)
        teks = self._meta.get(kunci)
        if teks is None:
            teks = self._meta[kunci] = _meta(ind)
        return teks

    def predikat(self, p):
        return _sekali(self._predikat, _predikat, p)

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


def _persen(value):
    return _e(persen(value, "%"))


def _angka(value):
    return _e(angka(value))


def _tampil(value):
    return _e(angka_tampil(value))


def _nilai(value):
    return _e(nilai_teks(value))


def _realisasi(h, b, r, pk):
    """The realisation shown in a row: n/a with its reason, the category level, or the
    number (with numerator / denominator for a ratio)."""
    if r is None:
        return h.tampil(None)
    if r.tidak_terukur:
        return (
            f'n/a <small class="text-body-secondary" data-testid="na-alasan-{pk}">'
            f"(tidak dapat diukur: {_e(r.alasan_tidak_terukur)})</small>"
        )
    if r.level_id is not None and r.level:
        return _e(r.level.nama)
    teks = h.tampil(r.nilai)
    if b.indikator.tipe == "rasio":
        teks += (
            f' <small class="text-body-secondary">({h.angka(r.pembilang)} / '
            f"{h.angka(r.penyebut)})</small>"
        )
    return teks


def _capaian(h, b, pk):
    capaian = b.capaian
    a = b.angka
    tr = h.tr
    if capaian.nilai is not None:
        teks = f'<div class="capaian-nilai">{h.persen(capaian.nilai)}</div>'
        if a.capaian_tanpa_batas is not None:
            teks += (
                '<div class="small text-body-secondary">sebelum dibatasi '
                f"{h.persen(a.capaian_tanpa_batas)}</div>"
            )
        p = b.predikat
        if p:
            teks += h.predikat(p)
    else:
        kosong = "n/a" if capaian.tidak_terukur else "–"
        teks = (
            f'<div class="capaian-nilai text-body-secondary">{kosong}</div>'
            f'<div class="small text-body-secondary">{_e(alasan(capaian))}</div>'
        )
    teks += (
        f'<div class="small text-body-secondary" data-testid="realisasi-sd-{pk}">'
        f"realisasi s.d. TW {tr}: {h.nilai(b.nilai_sd)}, terhadap target {h.th}</div>"
    )
    if a.ada_target_triwulan:
        teks += (
            f'<div class="small text-body-secondary">terhadap target TW {tr}: '
            f"{h.persen(a.capaian_triwulan)}</div>"
        )
    return teks


def _baris_indikator(h, b):
    ind = b.indikator
    r = b.realisasi
    pk = ind.pk
    kelas, badge = h.status(r)
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
    return (
        f'<div class="entri-row{kelas}{h.disimpan}" '
        f'id="ver-{pk}" data-testid="verifikasi-{pk}"><div class="row g-3">'
        f'<div class="col-lg-4"><div class="uraian">{_e(ind.uraian)}</div>'
        f'<div class="meta mb-2">{h.meta(ind)}</div>'
        '<dl class="target-box row gx-2 mb-0">'
        f'<div class="col-4"><dt>Target {th}</dt><dd>{h.nilai(b.target_tahunan)}</dd></div>'
        f'<div class="col-4"><dt>Target TW {tr}</dt>'
        f"<dd>{h.nilai(b.target_triwulan)}</dd></div>"
        '<div class="col-4"><dt>TW sebelumnya</dt>'
        f"<dd>{h.nilai(b.sebelumnya)}</dd></div></dl></div>"
        f'<div class="col-lg-4"><div class="small text-body-secondary">Realisasi TW {tr}</div>'
        f'<div class="fs-5 fw-semibold">{_realisasi(h, b, r, pk)}</div>{penjelasan}'
        f'<div class="small text-body-secondary">Diisi oleh {oleh}</div>'
        '<div class="bukti-list mt-1">'
        f'<span class="small text-body-secondary">Bukti:</span> {bukti}</div>'
        f"{_catatan(r) if r is not None else ''}</div>"
        '<div class="col-lg-4">'
        '<div class="d-flex justify-content-between align-items-start gap-2 mb-2">'
        '<div class="capaian-box">'
        f'<div class="small text-body-secondary">Capaian s.d. TW {tr}</div>'
        f"{_capaian(h, b, pk)}</div>"
        f'<div class="text-end">{badge}'
        '<div><button type="button" class="btn btn-link btn-sm p-0 mt-1" '
        f'hx-get="{h.url("riwayat", r.pk if r is not None else "")}" '
        f'hx-target="#riwayat-ver-{pk}">Riwayat</button></div></div></div>'
        f"{h.galat}"
        + h.aksi(
            "verifikasi",
            r,
            f"ver-{pk}",
            (
                f'<label class="visually-hidden" for="catatan-{pk}">Catatan verifikasi</label>',
                f'id="catatan-{pk}"',
            ),
            (f' data-testid="setujui-{pk}"', f' data-testid="kembalikan-{pk}"'),
        )
        + f"{h.pesan_html}</div></div>"
        f'<div id="riwayat-ver-{pk}"></div></div>'
    )


def _baris_anggaran(h, a):
    sk = a.sub_kegiatan
    r = a.realisasi
    pk = sk.pk
    kelas, badge = h.status(r)
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
        f'<div class="capaian-nilai">{h.persen(a.penyerapan.nilai)}</div></div>'
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


def _judul(h, g):
    konteks = "".join(
        f'<div class="small text-body-secondary text-truncate">{h.teks(k)}</div>' for k in g.konteks
    )
    kode = f'<span class="kode me-1">{_e(g.kode)}</span>' if g.kode else ""
    return (
        f'<section class="entri-group card"><div class="entri-group-title">{konteks}'
        f'<div class="entri-level">{h.teks(g.level)}</div>'
        f'<div class="fw-semibold">{kode}{_e(g.nama)}</div></div>'
    )


def daftar_html(groups, *, unit, tw, boleh, satu=False, form=None, pesan=""):
    """The HTML of the sheet's groups and rows (safe: every value escaped). With `satu`, the
    rows alone (the answer to an action on a row), else each group in its section."""
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
    return mark_safe("\n".join(out))
