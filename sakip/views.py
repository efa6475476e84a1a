from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from sakip import access, capaian, roles
from sakip import angka as fmt
from sakip.navigation import nav_for

# Where each role starts (issue 4 item 1); the first route that exists wins, so a role
# whose own page is not routed yet still lands somewhere useful.
HOME_BY_ROLE = [
    (roles.OPERATOR, ["kinerja:entri"]),
    (roles.VERIFIKATOR, ["kinerja:verifikasi"]),
    (roles.ADMIN, ["kinerja:triwulan_list"]),
    (roles.KEPALA_DINAS, ["kinerja:dasbor_opd"]),
    (roles.PERENCANA, ["kinerja:dasbor_opd", "kinerja:entri"]),
    (roles.PIMPINAN, ["kinerja:dasbor_pemda"]),
    (roles.INSPEKTORAT, ["evaluasi:beranda"]),
]


def home_url_for(user):
    for role, names in HOME_BY_ROLE:
        if not access.has_role(user, role) or (user.is_superuser and role != roles.ADMIN):
            continue
        for name in names:
            try:
                return reverse(name)
            except NoReverseMatch:
                continue
    return None


@login_required
@require_GET
def home(request):
    url = home_url_for(request.user)
    if url:
        return redirect(url)
    user = request.user
    tanpa_peran = access.tanpa_peran(user)
    return render(
        request,
        "sakip/beranda.html",
        {"sections": [] if tanpa_peran else nav_for(user), "tanpa_peran": tanpa_peran},
    )


def _bacaan_satu(teks, satuan=""):
    """(value, note, error) of one typed number, by the one rule (sakip.angka)."""
    try:
        nilai = fmt.parse_angka(teks)
        fmt.cek_satuan(nilai, satuan, teks)
        return nilai, fmt.bacaan(teks), ""
    except fmt.AngkaTidakSah as exc:
        return None, "", str(exc)


@login_required
@require_GET
def angka_baca(request):
    """The live preview beside a number field (issue 12, item 1): how the server reads what
    was typed, so the page never parses numbers itself. `nilai` (with its `satuan`), or
    `pembilang` and `penyebut` (with `pengali`) for a ratio, whose value it shows. Reads
    nothing from the database: it only applies sakip.angka and sakip.capaian."""
    q = request.GET
    satuan = q.get("satuan", "")[:60]
    baris = []
    hasil = None
    if "pembilang" in q or "penyebut" in q:
        p, catatan_p, salah_p = _bacaan_satu(q.get("pembilang", "")[:40])
        r, catatan_r, salah_r = _bacaan_satu(q.get("penyebut", "")[:40])
        baris = [("Pembilang", catatan_p, salah_p), ("Penyebut", catatan_r, salah_r)]
        try:
            pengali = fmt.parse_angka(q.get("pengali", "100")[:20]) or capaian.SERATUS
        except fmt.AngkaTidakSah:
            pengali = capaian.SERATUS
        rasio = True
        if p is not None and r is not None:
            hasil = capaian.nilai_rasio(p, r, pengali)
        nol = r is not None and r == 0
    else:
        # A field named otherwise (the budget's "jumlah", a prefixed form field) is the one
        # value sent besides the known parameters, or named by `nilai_dari`.
        lain = [k for k in q if k not in ("satuan", "pengali", "nilai_dari")]
        nama = q.get("nilai_dari") or ("nilai" if "nilai" in q or not lain else lain[0])
        teks = q.get(nama, "")[:40]
        if teks.strip().startswith("="):  # a target written as text (=Tersedia)
            teks = ""
        _, catatan, salah = _bacaan_satu(teks, satuan)
        baris = [("", catatan, salah)]
        rasio = nol = False
    return render(
        request,
        "includes/_bacaan_angka.html",
        {"baris": baris, "rasio": rasio, "hasil": hasil, "nol": nol},
    )
