"""The rows of the entry sheet as HTML, built in Python in one pass (issue 15 item 2).

The sheet (kinerja.views.entri.entri), a row save, an upload and "Simpan semua" all answer
with these rows, so there is one renderer for them all. Every figure comes from lembar's
rows (the read model) and is formatted by the sakip format filters; every text is escaped
(conditional_escape); addresses are the prefixes of kinerja.views.entri.awalan, reversed
once per response. The markup is the one static/js/entri.js and the browser tests read.

`k` (the sheet's context) needs: tw, twr (TW in Roman numerals), unit, boleh, u (address
prefixes); optionally tanpa_judul (no group headings) and oob (each row swaps itself in).

~900 rows a sheet: what every row shares (the quarter, the unit, the addresses and the
markup around them) is put together once per response (`_Lembar`); a number's text is
not escaped (the format filters write digits, separators, "%", "Rp", "–" and "n/a"
only); a choice's label, a status badge and a short text's escape are looked up."""

from decimal import Decimal
from html import escape as html_escape

from django.template.defaultfilters import linebreaksbr
from django.utils.html import escapejs
from django.utils.safestring import mark_safe

from anggaran.models import RealisasiAnggaran
from kinerja import lembar
from kinerja.models import Realisasi
from renstra.models import Indikator
from sakip import angka as fmt
from sakip.templatetags.sakip_form import angka_input, field_errors, field_value
from sakip.templatetags.sakip_format import alasan, angka, angka_tampil, nilai, persen, rupiah

OOB = ' hx-swap-oob="true"'
TESTID_CATATAN = ' data-testid="catatan"'
TESTID_KONFLIK = ' data-testid="konflik"'
SIMPAN_TOMBOL = (
    '<span class="simpan-label">Simpan</span><span class="simpan-spinner spinner-border '
    'spinner-border-sm" aria-hidden="true"></span></button><span class="putus"></span>'
)
BELUM_DIISI = '<span class="badge status-badge status-kosong">Belum diisi</span>'

_TEKS_PENDEK = 200  # texts up to this length have their escape memoised (labels, names)
_ESCAPE = {}


def e(value):
    """A value as template text: `{{ value }}` with auto-escaping and localize off
    (django.utils.html.conditional_escape without its lazy-string wrapper, which is most
    of its cost here: the same html.escape, a safe string kept as it is). A short plain
    text's escape is memoised: the same units, codes and names recur on many rows."""
    if type(value) is str:
        teks = _ESCAPE.get(value)
        if teks is None:
            teks = html_escape(value)
            if len(value) <= _TEKS_PENDEK:
                if len(_ESCAPE) >= 20000:
                    _ESCAPE.clear()
                _ESCAPE[value] = teks
        return teks
    if hasattr(value, "__html__"):
        return value.__html__()
    return html_escape(str(value))


_TEKS_ANGKA = {}


def nilai_teks(value):
    """sakip_format.nilai of a read-model value, a number's text memoised by its value: a
    sheet shows the same targets on many rows, and the text of a number depends on its
    value alone (rounded to two places, trailing zeros dropped)."""
    a = getattr(value, "angka", None)
    if type(a) is not Decimal or getattr(value, "tidak_terukur", False):
        return nilai(value)
    if getattr(value, "level", None) is not None:
        return nilai(value)
    teks = _TEKS_ANGKA.get(a)
    if teks is None:
        if len(_TEKS_ANGKA) > 20000:
            _TEKS_ANGKA.clear()
        teks = _TEKS_ANGKA[a] = nilai(value)
    return teks


def _nilai_html(v):
    """nilai_teks of a kinerja.baris.Nilai, escaped: a number (sakip_format.nilai formats
    it as angka_tampil does) needs no escape."""
    a = v.angka
    if type(a) is Decimal and v.level is None and not v.tidak_terukur:
        return angka_tampil(a)
    return e(nilai(v))


def _persen_hasil(h):
    """persen(hasil, "%") of a capaian.Hasil: n/a when "tidak dapat diukur", else its figure."""
    return fmt.TIDAK_TERUKUR if h.tidak_terukur else persen(h.nilai, "%")


def _label(model, nama):
    """{value: label} of a choice field, escaped: what get_<nama>_display answers."""
    return {k: e(str(v)) for k, v in model._meta.get_field(nama).flatchoices}


TIPE = _label(Indikator, "tipe")
POLARITAS = _label(Indikator, "polaritas")


def _lencana(model):
    """The status badge of each status of a realisation."""
    return {
        k: f'<span class="badge status-badge status-{e(k)}">{v}</span>'
        for k, v in _label(model, "status").items()
    }


LENCANA = {Realisasi: _lencana(Realisasi), RealisasiAnggaran: _lencana(RealisasiAnggaran)}
_SATUAN_JS = {}


def _satuan_js(satuan):
    teks = _SATUAN_JS.get(satuan)
    if teks is None:
        teks = escapejs(satuan)
        if len(_SATUAN_JS) < 5000:
            _SATUAN_JS[satuan] = teks
    return teks


class _Lembar:
    """What every row of one response shares, put together once: the quarter, the unit,
    the address prefixes and the markup built from them."""

    def __init__(self, k):
        u = k["u"]
        self.twr = twr = k["twr"]
        self.tahun = k["tw"].tahun
        self.unit_pk = unit_pk = k["unit"].pk
        self.boleh = bool(k["boleh"])
        self.oob = OOB if k.get("oob") else ""
        self.simpan, self.simpan_anggaran, self.baca = u["simpan"], u["simpan_anggaran"], u["baca"]
        self.riwayat, self.riwayat_anggaran = u["riwayat"], u["riwayat_anggaran"]
        self.unduh, self.hapus, self.unggah = u["unduh"], u["hapus"], u["unggah"]
        # The closing of a row form's opening tag, after its version.
        self.unit_input = f'"><input type="hidden" name="unit" value="{unit_pk}">'
        self.hapus_vals = f'" hx-vals=\'{{"unit": "{unit_pk}"}}\' hx-target="#ind-'
        self.unggah_akhir = (
            '" hx-swap="outerHTML"><input type="hidden" name="unit" '
            f'value="{unit_pk}"><label class="btn btn-outline-secondary btn-sm mb-0">Pilih '
            'berkas<input type="file" name="berkas" accept=".pdf,.jpg,.jpeg,.png,.xlsx" '
            'required></label> <span class="nama-berkas small text-body-secondary">belum '
            'dipilih</span> <button class="btn btn-outline-primary btn-sm" type="submit">'
            f'Unggah</button> <span class="form-text">PDF, JPG, PNG, XLSX; maks. '
            f"{u['maks_mb']} MB.</span></form>"
        )
        self.baca_trigger = f'hx-get="{self.baca}" hx-trigger="input changed delay:300ms" '
        self.target_tw = f'<span class="lbl">Target TW {twr}</span> '
        self.judul_sd = f"realisasi s.d. TW {twr}: "
        self.judul_tw = f"; terhadap target TW {twr}: "
        self.sd_tw = f'">s.d. TW {twr}: '
        self.kategori_label = f'" name="level" aria-label="Kategori TW {twr}: '
        self.nilai_label = f'" aria-label="Realisasi TW {twr}: '
        self.jumlah_label = f'" aria-label="Belanja TW {twr} (Rp): '
        self.pagu_lbl = (
            f'<div class="k-tgt angka-sel"><span class="lbl">Pagu berlaku TW {twr}</span> '
        )
        self.sd_lbl = (
            f'<div class="k-lalu angka-sel"><span class="lbl">Realisasi s.d. TW {twr}</span> '
        )


def _galat(f, nama):
    if f is None:
        return ""
    return "".join(f'<div class="invalid-feedback">{e(x)}</div>' for x in field_errors(f, nama))


def _invalid(f, nama):
    return " is-invalid" if f is not None and field_errors(f, nama) else ""


def _pesan(b, r, f, testid):
    """The messages above a row: the verifier's note, a conflict, form-wide errors."""
    kembali = r is not None and r.status == "dikembalikan" and r.catatan_verifikasi
    nonfield = f.non_field_errors() if f is not None else None
    if not (b.konflik or nonfield or kembali):
        return ""
    out = ['<div class="k-pesan">']
    if kembali:
        out.append(
            f'<div class="entri-catatan"{TESTID_CATATAN if testid else ""}>'
            f"<strong>Dikembalikan verifikator:</strong> {e(r.catatan_verifikasi)}</div>"
        )
    if b.konflik:
        out.append(
            f'<div class="alert alert-warning" role="alert"{TESTID_KONFLIK if testid else ""}>'
            f"{e(b.konflik)}</div>"
        )
    if nonfield:
        isi = "".join(f"{e(x)} " for x in nonfield)
        out.append(f'<div class="alert alert-danger" role="alert">{isi}</div>')
    out.append("</div>")
    return "".join(out)


def _judul(g):
    konteks = ""
    if g.konteks:
        konteks = f'<div class="konteks">{" › ".join(e(x) for x in g.konteks)}</div>'
    kode = f'<span class="kode">{e(g.kode)}</span> ' if g.kode else ""
    return (
        f'\n<div class="entri-kelompok" data-kelompok>{konteks}<span class="entri-level">'
        f'{e(g.level)}</span> {kode}<span class="fw-semibold">{e(g.nama)}</span></div>'
    )


def _nilai_isian(f, nama, teks):
    """An input's value: the bound form's when it answered, else the stored one."""
    if f is not None:
        return e(field_value(f, nama))
    return teks


def _input_html(value):
    """angka_input of a stored number, escaped (a Decimal's text needs none)."""
    if type(value) is Decimal:
        return angka_input(value)
    return e(angka_input(value))


def _isi_indikator(b, ind, r, f, pk, s, uraian):
    if ind.tipe == "kategori":
        opsi = []
        dipilih = str(field_value(f, "level")) if f is not None else None
        for lv in b.levels:
            if f is not None:
                sel = " selected" if dipilih == str(lv.pk) else ""
            else:
                sel = " selected" if r is not None and r.level_id == lv.pk else ""
            opsi.append(f'<option value="{lv.pk}"{sel}>{e(lv.nama)}</option>')
        return (
            f'<select class="form-select form-select-sm{_invalid(f, "level")}'
            f'{s.kategori_label}{uraian}"><option value="">— kategori —</option>'
            f"{''.join(opsi)}</select>{_galat(f, 'level')}"
        )
    if ind.tipe == "rasio":
        pengali = e(str(ind.pengali))
        bersama = (
            f'autocomplete="off" {s.baca_trigger}'
            f'hx-include="#pembilang-{pk}, #penyebut-{pk}" hx-vals=\'{{"pengali": "{pengali}"}}\' '
            f'hx-target="#bacaan-{pk}" hx-swap="innerHTML" hx-sync="#bacaan-{pk}:replace"'
        )
        lp, ly = e(ind.label_pembilang), e(ind.label_penyebut)
        vp = _nilai_isian(f, "pembilang", _input_html(r.pembilang) if r is not None else "")
        vy = _nilai_isian(f, "penyebut", _input_html(r.penyebut) if r is not None else "")
        kali = ""
        if ind.pengali != 1:
            kali = f' <span class="text-body-secondary">(× {angka(ind.pengali)})</span>'
        hasil = angka(r.nilai if r is not None else "", 2)
        return (
            '<div class="rasio-isi"><input type="text" inputmode="decimal" '
            f'class="form-control form-control-sm angka{_invalid(f, "pembilang")}" '
            f'name="pembilang" id="pembilang-{pk}" placeholder="pemb." title="{lp}" '
            f'aria-label="Pembilang: {lp}" {bersama} value="{vp}"><span class="bagi">/</span>'
            '<input type="text" inputmode="decimal" '
            f'class="form-control form-control-sm angka{_invalid(f, "penyebut")}" '
            f'name="penyebut" id="penyebut-{pk}" placeholder="peny." title="{ly}" '
            f'aria-label="Penyebut: {ly}" {bersama} value="{vy}"></div>'
            f"{_galat(f, 'pembilang')}{_galat(f, 'penyebut')}"
            f'<div class="bacaan" id="bacaan-{pk}" aria-live="polite" data-testid="bacaan-{pk}">'
            f'Nilai: <strong data-testid="rasio-hasil">{hasil}</strong>{kali}</div>'
        )
    vn = _nilai_isian(f, "nilai", _input_html(r.nilai) if r is not None else "")
    return (
        '<input type="text" inputmode="decimal" '
        f'class="form-control form-control-sm angka{_invalid(f, "nilai")}" name="nilai" '
        f'id="nilai-{pk}" placeholder="mis. 86,5{s.nilai_label}{uraian}" '
        f'autocomplete="off" {s.baca_trigger}'
        f'hx-vals=\'{{"satuan": "{_satuan_js(ind.satuan)}"}}\' hx-target="#bacaan-{pk}" '
        f'hx-swap="innerHTML" hx-sync="this:replace" value="{vn}">{_galat(f, "nilai")}'
        f'<div class="bacaan" id="bacaan-{pk}" aria-live="polite" data-testid="bacaan-{pk}"></div>'
    )


def _baca_indikator(ind, r):
    if r is None:
        teks = "–"
    elif r.tidak_terukur:
        teks = "n/a"
    elif r.level_id is not None:
        teks = e(r.level.nama)
    else:
        teks = angka_tampil(r.nilai)
        if ind.tipe == "rasio":
            teks += (
                f' <small class="text-body-secondary">({angka(r.pembilang)} / '
                f"{angka(r.penyebut)})</small>"
            )
    return f'<span class="nilai-baca">{teks}</span>'


def _status(r, pesan):
    if r is not None:
        st = LENCANA[type(r)].get(r.status)
        if st is None:
            st = (
                f'<span class="badge status-badge status-{e(r.status)}">'
                f"{e(r.get_status_display())}</span>"
            )
    else:
        st = BELUM_DIISI
    if pesan:
        st += f'<div class="text-success small" role="status">✓ {e(pesan)}</div>'
    return f'<div class="k-st">{st}</div>'


_PREDIKAT = {}


def _predikat(pred):
    kunci = (pred.warna, pred.label)
    teks = _PREDIKAT.get(kunci)
    if teks is None:
        dot = ""
        if pred.warna:
            dot = (
                '<svg class="predikat-dot" viewBox="0 0 10 10" aria-hidden="true">'
                f'<circle cx="5" cy="5" r="5" fill="{e(pred.warna)}"/></svg>'
            )
        teks = f' <span class="predikat">{dot}{e(pred.label)}</span>'
        if len(_PREDIKAT) < 1000:
            _PREDIKAT[kunci] = teks
    return teks


def _capaian(b, pk, s):
    ang = b.angka
    sd = _nilai_html(ang.nilai_realisasi)
    if ang.ada_target_triwulan:
        judul = (
            f"{s.judul_sd}{sd}, terhadap target {s.tahun}"
            f"{s.judul_tw}{_persen_hasil(ang.capaian_triwulan)}"
        )
    else:
        judul = f"{s.judul_sd}{sd}, terhadap target {s.tahun}"
    cap = ang.capaian
    if cap.nilai is not None:
        isi = f'<span class="capaian-nilai">{persen(cap.nilai, "%")}</span>'
        pred = ang.predikat
        if pred:
            isi += _predikat(pred)
        if ang.capaian_tanpa_batas is not None:
            isi += (
                f' <span class="sd">sebelum dibatasi {persen(ang.capaian_tanpa_batas, "%")}</span>'
            )
    elif cap.tidak_terukur:
        isi = (
            '<span class="capaian-nilai text-body-secondary" '
            f'data-testid="na-capaian-{pk}">n/a</span> <span class="sd sd-alasan">'
            f"{e(alasan(cap))}</span>"
        )
    else:
        isi = f'<span class="capaian-nilai text-body-secondary" title="{e(alasan(cap))}">–</span>'
    if sd != fmt.TANPA_NILAI:
        isi += f' <span class="sd" data-testid="realisasi-sd-{pk}{s.sd_tw}{sd}</span>'
    return (
        f'<div class="k-cap capaian-box" data-testid="capaian-{pk}" title="{judul}">'
        f'<span class="lbl">Capaian</span> {isi}</div>'
    )


def _bukti(b, r, pk, ubah, s):
    out = [
        f'<div class="entri-panel bukti-list" id="bukti-{pk}"'
        f"{'' if b.bukti_terbuka else ' hidden'}>"
        '<span class="small text-body-secondary">Bukti dukung:</span>'
    ]
    for bk in b.bukti:
        nama = e(bk.nama_asli)
        out.append(
            f' <span class="bukti-item"><a href="{s.unduh[0]}{bk.pk}{s.unduh[1]}" '
            f'target="_blank" rel="noopener" class="nama-bukti">{nama}</a>'
        )
        if ubah:
            out.append(
                '<button type="button" class="btn btn-link btn-sm text-danger p-0" '
                f'hx-post="{s.hapus[0]}{bk.pk}{s.hapus[1]}{s.hapus_vals}{pk}" '
                f'hx-swap="outerHTML" data-confirm="Hapus bukti {nama}?" '
                f'aria-label="Hapus {nama}">×</button>'
            )
        out.append("</span>")
    if not b.bukti:
        out.append(' <span class="small">–</span>')
    out.append("\n")
    if ubah:
        if r is not None:
            out.append(
                f'<form class="pilih-berkas" hx-post="{s.unggah[0]}{r.pk}{s.unggah[1]}" '
                f'hx-encoding="multipart/form-data" hx-target="#ind-{pk}{s.unggah_akhir}'
            )
        else:
            out.append(
                '<span class="form-text">Simpan realisasi dulu untuk mengunggah bukti.</span>'
            )
    out.append("</div>")
    return "".join(out)


def _buka_baris(b, r, f, s, ubah, indikator, *, kelas, alamat, atribut, testid, simpan):
    """The opening of an indicator or budget row: its element with status and state, the
    save answer's message, and the row's form (or a plain line when it cannot be changed)."""
    status = r.status if r is not None else ""
    if status:
        status = e(status)
        kelas = f"{kelas} is-{status}"
    if b.pesan:
        kelas += " is-saved"
    if ubah:
        garis = (
            f'<form class="entri-garis" hx-post="{simpan}" hx-target="#{alamat}" '
            f'hx-swap="outerHTML" novalidate><input type="hidden" name="versi" '
            f'value="{b.versi}{s.unit_input}'
        )
    else:
        garis = '<div class="entri-garis">'
    return (
        f'\n<div class="{kelas}" id="{alamat}"{atribut} data-baris="{alamat}" '
        f'data-status="{status or "kosong"}"{" data-kotor" if f is not None else ""}'
        f'{s.oob} data-testid="{testid}">\n{_pesan(b, r, f, indikator)}\n{garis}'
    )


def baris_indikator(b, s):
    """One indicator row (lembar.BarisIndikator) with what a save answered on it; `s` is
    the response's _Lembar."""
    ind, r, f = b.indikator, b.realisasi, b.form
    pk = ind.pk
    ubah = s.boleh and b.dapat_diubah
    buka = _buka_baris(
        b,
        r,
        f,
        s,
        ubah,
        True,
        kelas="entri-row",
        alamat=f"ind-{pk}",
        atribut=" data-entri-row",
        testid=f"baris-{pk}",
        simpan=f"{s.simpan}{pk}/",
    )
    meta = f"{e(ind.kode)} · " if ind.kode else ""
    if ind.satuan:
        meta += e(ind.satuan)
    else:
        meta += TIPE.get(ind.tipe) or e(ind.tipe)
    if ind.is_iku:
        meta += ' <span class="badge text-bg-warning">IKU</span>'
    if ind.polaritas != "positif":
        polaritas = e(ind.polaritas)
        meta += (
            f' <span class="badge text-bg-light border" '
            f'title="{POLARITAS.get(ind.polaritas) or polaritas}">{polaritas}</span>'
        )
    uraian = e(ind.uraian)
    ang = b.angka
    if ubah:
        isi = _isi_indikator(b, ind, r, f, pk, s, uraian)
        if f is not None:
            centang = " checked" if field_value(f, "tidak_terukur") else ""
        else:
            centang = " checked" if r is not None and r.tidak_terukur else ""
        na = (
            f'<input class="form-check-input" type="checkbox" name="tidak_terukur" value="on" '
            f'id="na-{pk}" data-testid="na-{pk}" title="Tidak dapat diukur triwulan ini (n/a)" '
            f'aria-label="Tidak dapat diukur triwulan ini (n/a)"{centang}>'
            f'<label class="na-label" for="na-{pk}">n/a</label>'
        )
        alasan_na = _nilai_isian(
            f, "alasan_tidak_terukur", e(r.alasan_tidak_terukur) if r is not None else ""
        )
        penjelasan = _nilai_isian(f, "penjelasan", e(r.penjelasan) if r is not None else "")
        ket = (
            '<textarea class="form-control form-control-sm alasan-na'
            f'{_invalid(f, "alasan_tidak_terukur")}" rows="1" name="alasan_tidak_terukur" '
            f'id="alasan-na-{pk}" aria-label="Alasan tidak dapat diukur" '
            f'placeholder="Alasan n/a (wajib), mis. data BPS belum terbit">{alasan_na}</textarea>'
            f"{_galat(f, 'alasan_tidak_terukur')}"
            '<textarea class="form-control form-control-sm" rows="1" name="penjelasan" '
            f'id="penjelasan-{pk}" aria-label="Penjelasan" placeholder="Penjelasan">'
            f"{penjelasan}</textarea>"
        )
        aksi = (
            '<button type="submit" class="btn btn-outline-primary btn-sm" '
            f'data-testid="simpan-{pk}">{SIMPAN_TOMBOL}'
        )
        tutup = "</form>"
    else:
        isi = _baca_indikator(ind, r)
        na = ""
        if r is not None and r.tidak_terukur:
            na = f'<span title="{e(r.alasan_tidak_terukur)}">n/a</span>'
        ket = ""
        if r is not None:
            if r.tidak_terukur:
                ket = f"{e(r.alasan_tidak_terukur)} "
            if r.penjelasan:
                ket += linebreaksbr(r.penjelasan, autoescape=True)
        ket = f'<span class="small">{ket}</span>'
        aksi = ""
        tutup = "</div>"
    aksi += (
        f'<button type="button" class="btn btn-link btn-sm" data-panel="bukti-{pk}" '
        f'aria-controls="bukti-{pk}" aria-expanded="{"true" if b.bukti_terbuka else "false"}">'
        f"Bukti ({len(b.bukti)})</button>"
    )
    if r is not None:
        aksi += (
            '<button type="button" class="btn btn-link btn-sm" '
            f'hx-get="{s.riwayat[0]}{r.pk}{s.riwayat[1]}" hx-target="#riwayat-{pk}" '
            'hx-swap="innerHTML">Riwayat</button>'
        )
    return (
        f'{buka}\n<div class="k-ind"><span class="uraian" title="{uraian}">{uraian}</span> '
        f'<span class="meta">{meta}</span></div>\n'
        f'<div class="k-tgt angka-sel" title="Target {s.tahun}: {_nilai_html(ang.nilai_target)}'
        f'">{s.target_tw}{_nilai_html(ang.nilai_target_triwulan)}</div>\n'
        '<div class="k-lalu angka-sel"><span class="lbl">TW sebelumnya</span> '
        f"{_nilai_html(ang.nilai_tw_lalu)}</div>\n"
        f'<div class="k-isi">{isi}</div>\n'
        f'<div class="k-na">{na}</div>\n<div class="k-ket">{ket}</div>\n'
        f"{_status(r, b.pesan)}\n{_capaian(b, pk, s)}"
        f'\n<div class="k-aksi">{aksi}</div>\n{tutup}\n{_bukti(b, r, pk, ubah, s)}'
        f'\n<div id="riwayat-{pk}"></div>\n</div>'
    )


def baris_anggaran(a, s):
    """One budget row (lembar.BarisAnggaran) with what a save answered on it; `s` is the
    response's _Lembar."""
    sk, r, f = a.sub_kegiatan, a.realisasi, a.form
    pk = sk.pk
    ubah = s.boleh and a.dapat_diubah
    buka = _buka_baris(
        a,
        r,
        f,
        s,
        ubah,
        False,
        kelas="entri-row entri-anggaran",
        alamat=f"ang-{pk}",
        atribut="",
        testid=f"anggaran-{pk}",
        simpan=f"{s.simpan_anggaran}{pk}/",
    )
    ang = a.angka
    if ang.pagu is not None:
        pagu = rupiah(ang.pagu)
        if ang.jenis_pagu != "murni":
            pagu += f' <span class="badge text-bg-light border">{e(ang.label_jenis_pagu)}</span>'
    else:
        pagu = "–"
    if ubah:
        if r is not None:
            vj = _nilai_isian(f, "jumlah", rupiah(r.jumlah, ""))
            penjelasan = _nilai_isian(f, "penjelasan", e(r.penjelasan))
        else:
            vj = _nilai_isian(f, "jumlah", "")
            penjelasan = _nilai_isian(f, "penjelasan", "")
        isi = (
            '<input type="text" inputmode="numeric" '
            f'class="form-control form-control-sm angka{_invalid(f, "jumlah")}" name="jumlah" '
            f'id="jumlah-{pk}" placeholder="mis. 1.250.000{s.jumlah_label}{e(sk.nama)}" '
            f'autocomplete="off" {s.baca_trigger}hx-include="this" '
            f'hx-vals=\'{{"nilai_dari": "jumlah"}}\' hx-target="#bacaan-sk-{pk}" '
            f'hx-swap="innerHTML" hx-sync="this:replace" value="{vj}">{_galat(f, "jumlah")}'
            f'<div class="bacaan" id="bacaan-sk-{pk}" aria-live="polite"></div>'
        )
        ket = (
            '<textarea class="form-control form-control-sm" rows="1" name="penjelasan" '
            f'id="penjelasan-ang-{pk}" aria-label="Penjelasan belanja" '
            f'placeholder="Penjelasan">{penjelasan}</textarea>'
        )
        aksi = f'<button type="submit" class="btn btn-outline-primary btn-sm">{SIMPAN_TOMBOL}'
        tutup = "</form>"
    else:
        isi = f'<span class="nilai-baca">{rupiah(r.jumlah) if r is not None else "–"}</span>'
        ket = ""
        if r is not None and r.penjelasan:
            ket = linebreaksbr(r.penjelasan, autoescape=True)
        ket = f'<span class="small">{ket}</span>'
        aksi = ""
        tutup = "</div>"
    serap = ang.penyerapan
    if serap.nilai is not None:
        cap = (
            f'<span class="capaian-nilai">{persen(serap.nilai, "%")}</span> '
            '<span class="small text-body-secondary">terserap</span>'
        )
    else:
        cap = f'<span class="capaian-nilai text-body-secondary" title="{e(alasan(serap))}">–</span>'
    if r is not None:
        aksi += (
            '<button type="button" class="btn btn-link btn-sm" '
            f'hx-get="{s.riwayat_anggaran[0]}{r.pk}{s.riwayat_anggaran[1]}" '
            f'hx-target="#riwayat-ang-{pk}" hx-swap="innerHTML">Riwayat</button>'
        )
    return (
        f'{buka}\n<div class="k-ind"><span class="uraian">Realisasi anggaran</span> '
        f'<span class="meta">{e(sk.kode)} · Rp</span></div>\n'
        f"{s.pagu_lbl}{pagu}</div>\n"
        f"{s.sd_lbl}{rupiah(ang.realisasi)}</div>\n"
        f'<div class="k-isi">{isi}</div>\n<div class="k-na"></div>\n'
        f'<div class="k-ket">{ket}</div>\n'
        f"{_status(r, a.pesan)}"
        f'\n<div class="k-cap capaian-box"><span class="lbl">Penyerapan</span> {cap}</div>\n'
        f'<div class="k-aksi">{aksi}</div>\n{tutup}'
        f'\n<div id="riwayat-ang-{pk}"></div>\n</div>'
    )


def lembar_html(groups, k):
    """The sheet's groups (lembar.Kelompok) with their rows, as one safe string."""
    return mark_safe("".join(potongan_lembar(groups, k)))


def potongan_lembar(groups, k):
    """lembar_html in pieces (headings and rows), for a response that writes them as they
    are (kinerja.views.entri.entri): joined, they are lembar_html."""
    s = _Lembar(k)
    judul = not k.get("tanpa_judul")
    out = []
    for g in groups:
        if judul:
            out.append(_judul(g))
        out.append("\n")
        for b in g.indikator:
            out.append(baris_indikator(b, s))
        out.append("\n")
        if g.anggaran:
            out.append(baris_anggaran(g.anggaran, s))
    out.append("\n")
    return out


def baris_html(k, *, indikator=(), anggaran=()):
    """Rows without their groups (a save's answer), in the sheet's markup."""
    groups = [lembar.Kelompok("", "", "", [], (), indikator=[b]) for b in indikator] + [
        lembar.Kelompok("", "", "", [], (), anggaran=a) for a in anggaran
    ]
    return lembar_html(groups, {**k, "tanpa_judul": True})
