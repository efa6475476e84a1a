"""The rows of the entry sheet as HTML, built in Python in one pass (issue 15 item 2).

The sheet (kinerja.views.entri.entri), a row save, an upload and "Simpan semua" all answer
with these rows, so there is one renderer for them all. Every figure comes from lembar's
rows (the read model) and is formatted by the sakip format filters; every text is escaped
(conditional_escape); addresses are the prefixes of kinerja.views.entri.awalan, reversed
once per response. The markup is the one static/js/entri.js and the browser tests read.

`k` (the sheet's context) needs: tw, twr (TW in Roman numerals), unit, boleh, u (address
prefixes); optionally tanpa_judul (no group headings) and oob (each row swaps itself in)."""

from decimal import Decimal
from html import escape as html_escape

from django.template.defaultfilters import linebreaksbr
from django.utils.html import escapejs
from django.utils.safestring import mark_safe

from kinerja import lembar
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


def e(value):
    """A value as template text: `{{ value }}` with auto-escaping and localize off
    (django.utils.html.conditional_escape without its lazy-string wrapper, which is most
    of its cost here: the same html.escape, a safe string kept as it is)."""
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


def _galat(f, nama):
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


def _isi_indikator(b, ind, r, f, pk, k):
    u, twr = k["u"], k["twr"]
    uraian = e(ind.uraian)
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
            f'<select class="form-select form-select-sm{_invalid(f, "level")}" name="level" '
            f'aria-label="Kategori TW {twr}: {uraian}"><option value="">— kategori —</option>'
            f"{''.join(opsi)}</select>{_galat(f, 'level')}"
        )
    if ind.tipe == "rasio":
        pengali = e(str(ind.pengali))
        bersama = (
            f'autocomplete="off" hx-get="{u["baca"]}" hx-trigger="input changed delay:300ms" '
            f'hx-include="#pembilang-{pk}, #penyebut-{pk}" hx-vals=\'{{"pengali": "{pengali}"}}\' '
            f'hx-target="#bacaan-{pk}" hx-swap="innerHTML" hx-sync="#bacaan-{pk}:replace"'
        )
        lp, ly = e(ind.label_pembilang), e(ind.label_penyebut)
        vp = _nilai_isian(f, "pembilang", e(angka_input(r.pembilang)) if r is not None else "")
        vy = _nilai_isian(f, "penyebut", e(angka_input(r.penyebut)) if r is not None else "")
        kali = ""
        if ind.pengali != 1:
            kali = f' <span class="text-body-secondary">(× {e(angka(ind.pengali))})</span>'
        hasil = e(angka(r.nilai if r is not None else "", 2))
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
    vn = _nilai_isian(f, "nilai", e(angka_input(r.nilai)) if r is not None else "")
    return (
        '<input type="text" inputmode="decimal" '
        f'class="form-control form-control-sm angka{_invalid(f, "nilai")}" name="nilai" '
        f'id="nilai-{pk}" placeholder="mis. 86,5" aria-label="Realisasi TW {twr}: {uraian}" '
        f'autocomplete="off" hx-get="{u["baca"]}" hx-trigger="input changed delay:300ms" '
        f'hx-vals=\'{{"satuan": "{escapejs(ind.satuan)}"}}\' hx-target="#bacaan-{pk}" '
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
        teks = e(angka_tampil(r.nilai))
        if ind.tipe == "rasio":
            teks += (
                f' <small class="text-body-secondary">({e(angka(r.pembilang))} / '
                f"{e(angka(r.penyebut))})</small>"
            )
    return f'<span class="nilai-baca">{teks}</span>'


def _status(r, pesan):
    if r is not None:
        st = (
            f'<span class="badge status-badge status-{e(r.status)}">'
            f"{e(r.get_status_display())}</span>"
        )
    else:
        st = '<span class="badge status-badge status-kosong">Belum diisi</span>'
    if pesan:
        st += f'<div class="text-success small" role="status">✓ {e(pesan)}</div>'
    return f'<div class="k-st">{st}</div>'


def _capaian(b, pk, k):
    twr, tahun = k["twr"], k["tw"].tahun
    ang = b.angka
    sd = nilai_teks(b.nilai_sd)
    judul = f"realisasi s.d. TW {twr}: {e(sd)}, terhadap target {tahun}"
    if ang.ada_target_triwulan:
        judul += f"; terhadap target TW {twr}: {e(persen(ang.capaian_triwulan, '%'))}"
    cap = b.capaian
    if cap.nilai is not None:
        isi = f'<span class="capaian-nilai">{e(persen(cap.nilai, "%"))}</span>'
        pred = b.predikat
        if pred:
            dot = ""
            if pred.warna:
                dot = (
                    '<svg class="predikat-dot" viewBox="0 0 10 10" aria-hidden="true">'
                    f'<circle cx="5" cy="5" r="5" fill="{e(pred.warna)}"/></svg>'
                )
            isi += f' <span class="predikat">{dot}{e(pred.label)}</span>'
        if ang.capaian_tanpa_batas is not None:
            isi += (
                f' <span class="sd">sebelum dibatasi {e(persen(ang.capaian_tanpa_batas, "%"))}'
                "</span>"
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
        isi += f' <span class="sd" data-testid="realisasi-sd-{pk}">s.d. TW {twr}: {e(sd)}</span>'
    return (
        f'<div class="k-cap capaian-box" data-testid="capaian-{pk}" title="{judul}">'
        f'<span class="lbl">Capaian</span> {isi}</div>'
    )


def _bukti(b, r, pk, ubah, k):
    u, unit_pk = k["u"], k["unit"].pk
    out = [
        f'<div class="entri-panel bukti-list" id="bukti-{pk}"'
        f"{'' if b.bukti_terbuka else ' hidden'}>"
        '<span class="small text-body-secondary">Bukti dukung:</span>'
    ]
    for bk in b.bukti:
        nama = e(bk.nama_asli)
        out.append(
            f' <span class="bukti-item"><a href="{u["unduh"][0]}{bk.pk}{u["unduh"][1]}" '
            f'target="_blank" rel="noopener" class="nama-bukti">{nama}</a>'
        )
        if ubah:
            out.append(
                '<button type="button" class="btn btn-link btn-sm text-danger p-0" '
                f'hx-post="{u["hapus"][0]}{bk.pk}{u["hapus"][1]}" '
                f'hx-vals=\'{{"unit": "{unit_pk}"}}\' hx-target="#ind-{pk}" '
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
                f'<form class="pilih-berkas" hx-post="{u["unggah"][0]}{r.pk}{u["unggah"][1]}" '
                'hx-encoding="multipart/form-data" '
                f'hx-target="#ind-{pk}" hx-swap="outerHTML"><input type="hidden" name="unit" '
                f'value="{unit_pk}"><label class="btn btn-outline-secondary btn-sm mb-0">Pilih '
                'berkas<input type="file" name="berkas" accept=".pdf,.jpg,.jpeg,.png,.xlsx" '
                'required></label> <span class="nama-berkas small text-body-secondary">belum '
                'dipilih</span> <button class="btn btn-outline-primary btn-sm" type="submit">'
                f'Unggah</button> <span class="form-text">PDF, JPG, PNG, XLSX; maks. '
                f"{u['maks_mb']} MB.</span></form>"
            )
        else:
            out.append(
                '<span class="form-text">Simpan realisasi dulu untuk mengunggah bukti.</span>'
            )
    out.append("</div>")
    return "".join(out)


def _buka_baris(b, r, f, k, ubah, indikator, *, kelas, alamat, atribut, testid, simpan):
    """The opening of an indicator or budget row: its element with status and state, the
    save answer's message, and the row's form (or a plain line when it cannot be changed)."""
    if b.status:
        kelas += f" is-{e(b.status)}"
    if b.pesan:
        kelas += " is-saved"
    out = [
        f'\n<div class="{kelas}" id="{alamat}"{atribut} data-baris="{alamat}" '
        f'data-status="{e(b.status or "kosong")}"{" data-kotor" if f is not None else ""}'
        f'{OOB if k.get("oob") else ""} data-testid="{testid}">\n',
        _pesan(b, r, f, indikator),
        "\n",
    ]
    if ubah:
        out.append(
            f'<form class="entri-garis" hx-post="{simpan}" hx-target="#{alamat}" '
            f'hx-swap="outerHTML" novalidate><input type="hidden" name="versi" '
            f'value="{b.versi}"><input type="hidden" name="unit" value="{k["unit"].pk}">'
        )
    else:
        out.append('<div class="entri-garis">')
    return out


def baris_indikator(b, k):
    """One indicator row (lembar.BarisIndikator) with what a save answered on it."""
    ind, r, f = b.indikator, b.realisasi, b.form
    pk = ind.pk
    u, twr, tw = k["u"], k["twr"], k["tw"]
    ubah = bool(k["boleh"]) and b.dapat_diubah
    out = _buka_baris(
        b,
        r,
        f,
        k,
        ubah,
        True,
        kelas="entri-row",
        alamat=f"ind-{pk}",
        atribut=" data-entri-row",
        testid=f"baris-{pk}",
        simpan=f"{u['simpan']}{pk}/",
    )
    meta = f"{e(ind.kode)} · " if ind.kode else ""
    meta += e(ind.satuan) if ind.satuan else e(ind.get_tipe_display())
    if ind.is_iku:
        meta += ' <span class="badge text-bg-warning">IKU</span>'
    if ind.polaritas != "positif":
        meta += (
            f' <span class="badge text-bg-light border" title="{e(ind.get_polaritas_display())}">'
            f"{e(ind.polaritas)}</span>"
        )
    uraian = e(ind.uraian)
    out.append(
        f'\n<div class="k-ind"><span class="uraian" title="{uraian}">{uraian}</span> '
        f'<span class="meta">{meta}</span></div>\n'
        f'<div class="k-tgt angka-sel" title="Target {tw.tahun}: {e(nilai_teks(b.target_tahunan))}">'
        f'<span class="lbl">Target TW {twr}</span> {e(nilai_teks(b.target_triwulan))}</div>\n'
        '<div class="k-lalu angka-sel"><span class="lbl">TW sebelumnya</span> '
        f"{e(nilai_teks(b.sebelumnya))}</div>\n"
        f'<div class="k-isi">'
        f"{_isi_indikator(b, ind, r, f, pk, k) if ubah else _baca_indikator(ind, r)}</div>\n"
    )
    if ubah:
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
    else:
        na = ""
        if r is not None and r.tidak_terukur:
            na = f'<span title="{e(r.alasan_tidak_terukur)}">n/a</span>'
        ket = ""
        if r is not None:
            if r.tidak_terukur:
                ket = f"{e(r.alasan_tidak_terukur)} "
            ket += linebreaksbr(r.penjelasan, autoescape=True)
        ket = f'<span class="small">{ket}</span>'
    out.append(f'<div class="k-na">{na}</div>\n<div class="k-ket">{ket}</div>\n')
    out.append(_status(r, b.pesan))
    out.append("\n")
    out.append(_capaian(b, pk, k))
    aksi = ""
    if ubah:
        aksi = (
            '<button type="submit" class="btn btn-outline-primary btn-sm" '
            f'data-testid="simpan-{pk}">{SIMPAN_TOMBOL}'
        )
    aksi += (
        f'<button type="button" class="btn btn-link btn-sm" data-panel="bukti-{pk}" '
        f'aria-controls="bukti-{pk}" aria-expanded="{"true" if b.bukti_terbuka else "false"}">'
        f"Bukti ({len(b.bukti)})</button>"
    )
    if r is not None:
        aksi += (
            '<button type="button" class="btn btn-link btn-sm" '
            f'hx-get="{u["riwayat"][0]}{r.pk}{u["riwayat"][1]}" hx-target="#riwayat-{pk}" '
            'hx-swap="innerHTML">Riwayat</button>'
        )
    out.append(f'\n<div class="k-aksi">{aksi}</div>\n')
    out.append("</form>" if ubah else "</div>")
    out.append("\n")
    out.append(_bukti(b, r, pk, ubah, k))
    out.append(f'\n<div id="riwayat-{pk}"></div>\n</div>')
    return "".join(out)


def baris_anggaran(a, k):
    """One budget row (lembar.BarisAnggaran) with what a save answered on it."""
    sk, r, f = a.sub_kegiatan, a.realisasi, a.form
    pk = sk.pk
    u, twr = k["u"], k["twr"]
    ubah = bool(k["boleh"]) and a.dapat_diubah
    out = _buka_baris(
        a,
        r,
        f,
        k,
        ubah,
        False,
        kelas="entri-row entri-anggaran",
        alamat=f"ang-{pk}",
        atribut="",
        testid=f"anggaran-{pk}",
        simpan=f"{u['simpan_anggaran']}{pk}/",
    )
    if a.pagu is not None:
        pagu = e(rupiah(a.pagu))
        if a.angka.jenis_pagu != "murni":
            pagu += (
                f' <span class="badge text-bg-light border">{e(a.angka.label_jenis_pagu)}</span>'
            )
    else:
        pagu = "–"
    if ubah:
        vj = _nilai_isian(f, "jumlah", e(rupiah(r.jumlah, "")) if r is not None else "")
        isi = (
            '<input type="text" inputmode="numeric" '
            f'class="form-control form-control-sm angka{_invalid(f, "jumlah")}" name="jumlah" '
            f'id="jumlah-{pk}" placeholder="mis. 1.250.000" '
            f'aria-label="Belanja TW {twr} (Rp): {e(sk.nama)}" autocomplete="off" '
            f'hx-get="{u["baca"]}" hx-trigger="input changed delay:300ms" hx-include="this" '
            f'hx-vals=\'{{"nilai_dari": "jumlah"}}\' hx-target="#bacaan-sk-{pk}" '
            f'hx-swap="innerHTML" hx-sync="this:replace" value="{vj}">{_galat(f, "jumlah")}'
            f'<div class="bacaan" id="bacaan-sk-{pk}" aria-live="polite"></div>'
        )
        penjelasan = _nilai_isian(f, "penjelasan", e(r.penjelasan) if r is not None else "")
        ket = (
            '<textarea class="form-control form-control-sm" rows="1" name="penjelasan" '
            f'id="penjelasan-ang-{pk}" aria-label="Penjelasan belanja" '
            f'placeholder="Penjelasan">{penjelasan}</textarea>'
        )
    else:
        isi = f'<span class="nilai-baca">{e(rupiah(r.jumlah)) if r is not None else "–"}</span>'
        ket = f'<span class="small">{linebreaksbr(r.penjelasan if r is not None else "", autoescape=True)}</span>'
    serap = a.penyerapan
    if serap.nilai is not None:
        cap = (
            f'<span class="capaian-nilai">{e(persen(serap.nilai, "%"))}</span> '
            '<span class="small text-body-secondary">terserap</span>'
        )
    else:
        cap = f'<span class="capaian-nilai text-body-secondary" title="{e(alasan(serap))}">–</span>'
    out.append(
        f'\n<div class="k-ind"><span class="uraian">Realisasi anggaran</span> '
        f'<span class="meta">{e(sk.kode)} · Rp</span></div>\n'
        f'<div class="k-tgt angka-sel"><span class="lbl">Pagu berlaku TW {twr}</span> {pagu}</div>\n'
        f'<div class="k-lalu angka-sel"><span class="lbl">Realisasi s.d. TW {twr}</span> '
        f"{e(rupiah(a.sd_triwulan))}</div>\n"
        f'<div class="k-isi">{isi}</div>\n<div class="k-na"></div>\n'
        f'<div class="k-ket">{ket}</div>\n'
    )
    out.append(_status(r, a.pesan))
    out.append(
        f'\n<div class="k-cap capaian-box"><span class="lbl">Penyerapan</span> {cap}</div>\n'
    )
    aksi = ""
    if ubah:
        aksi = f'<button type="submit" class="btn btn-outline-primary btn-sm">{SIMPAN_TOMBOL}'
    if r is not None:
        aksi += (
            '<button type="button" class="btn btn-link btn-sm" '
            f'hx-get="{u["riwayat_anggaran"][0]}{r.pk}{u["riwayat_anggaran"][1]}" '
            f'hx-target="#riwayat-ang-{pk}" hx-swap="innerHTML">Riwayat</button>'
        )
    out.append(f'<div class="k-aksi">{aksi}</div>\n')
    out.append("</form>" if ubah else "</div>")
    out.append(f'\n<div id="riwayat-ang-{pk}"></div>\n</div>')
    return "".join(out)


def lembar_html(groups, k):
    """The sheet's groups (lembar.Kelompok) with their rows, as one safe string."""
    judul = not k.get("tanpa_judul")
    out = []
    for g in groups:
        if judul:
            out.append(_judul(g))
        out.append("\n")
        for b in g.indikator:
            out.append(baris_indikator(b, k))
        out.append("\n")
        if g.anggaran:
            out.append(baris_anggaran(g.anggaran, k))
    out.append("\n")
    return mark_safe("".join(out))


def baris_html(k, *, indikator=(), anggaran=()):
    """Rows without their groups (a save's answer), in the sheet's markup."""
    groups = [lembar.Kelompok("", "", "", [], (), indikator=[b]) for b in indikator] + [
        lembar.Kelompok("", "", "", [], (), anggaran=a) for a in anggaran
    ]
    return lembar_html(groups, {**k, "tanpa_judul": True})
