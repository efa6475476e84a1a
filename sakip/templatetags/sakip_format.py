"""Template filters over sakip/angka.py: {% load sakip_format %}.

{{ row.capaian|persen }}          86,34        (– when there is no figure)
{{ row.capaian|persen:"%" }}      86,34%
{{ row.pagu|rupiah }}             Rp 1.765.363.950
{{ row.pagu|rupiah:"" }}          1.765.363.950
{{ row.realisasi|angka }}         1.277 / 49,48   ({{ x|angka:2 }} fixes the decimals)
{{ row.realisasi|angka_tampil }}  83,33 / 1.277 (two decimals at most, as `besaran`)
{{ pk.tanggal|tanggal_id }}       4 Januari 2025
{{ ttd.bulan|bulan_id }}          April 2020
{{ row.target|besaran }}          86% / 48,25% / 50 Orang / Madya (a sakip.angka.Besaran; – when none)
{{ 3|romawi }}                    III
{{ row.capaian|alasan }}          the reason a Hasil has no figure ("belum dapat dinilai: …")
{{ tingkat|rentang }}             a predicate band's bounds: ≥ 91% / 60% ≤ x ≤ 80% / < 20%
{{ row.nilai_target|nilai }}      a value of the read model (kinerja.selectors.Nilai): the
                                  level's name, else the number, else its text, else –
{{ doc.n.latar_belakang|narasi }} a typed narrative as HTML: numbered headings, lists
                                  (markers not doubled), paragraphs (sakip.narasi.blok_narasi)
"""

from datetime import datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from sakip import angka as fmt
from sakip.narasi import blok_narasi

register = template.Library()


class _Teks(dict):
    """A format's texts of Decimals memoised by value: a sheet shows the same targets,
    percentages and sums on many rows, and these texts depend on the number's value alone.
    Not quite for a rounded format of a number of more than 20 digits, whose text can
    depend on how it is written (sakip.angka.bulatkan sizes its context by the digits
    stored): `rounds` says the format rounds, and such numbers are formatted every time."""

    __slots__ = ("buat", "rounds")

    def __init__(self, buat, rounds):
        super().__init__()
        self.buat, self.rounds = buat, rounds

    def teks(self, value):
        try:
            teks = self.get(value)
        except TypeError:  # a signalling NaN has no hash
            return self.buat(value)
        if teks is None:
            teks = self.buat(value)
            if not self.rounds or value.adjusted() < 20:
                if len(self) >= 20000:
                    self.clear()
                self[value] = teks
        return teks


_PERSEN = {
    simbol: _Teks(lambda v, s=simbol: fmt.persen(v, simbol=s), rounds=True)
    for simbol in (False, True)
}
_RUPIAH = {
    simbol: _Teks(lambda v, s=simbol: fmt.rupiah(v, simbol=s), rounds=True)
    for simbol in (False, True)
}
_ANGKA = {None: _Teks(fmt.angka, rounds=False)}
_ANGKA_TAMPIL = _Teks(lambda v: fmt.angka(fmt.bulatkan(v, 2)), rounds=True)


@register.filter
def persen(value, arg=None):
    if type(value) is Decimal:
        return _PERSEN[arg == "%"].teks(value)
    return fmt.persen(value, simbol=arg == "%")


@register.filter
def rupiah(value, arg=None):
    if type(value) is Decimal:
        return _RUPIAH[arg != ""].teks(value)
    return fmt.rupiah(value, simbol=arg != "")


@register.filter
def angka(value, arg=None):
    desimal = None
    if arg not in (None, ""):
        try:
            desimal = int(arg)
        except (TypeError, ValueError):
            desimal = None
    if type(value) is Decimal and (desimal is None or 0 <= desimal <= 4):
        teks = _ANGKA.get(desimal)
        if teks is None:
            teks = _ANGKA[desimal] = _Teks(lambda v, d=desimal: fmt.angka(v, d), rounds=True)
        return teks.teks(value)
    return fmt.angka(value, desimal)


@register.filter
def angka_tampil(value):
    """A stored number by the display rule: two decimals at most, trailing zeros dropped
    (83,33 for 83,3333…; 1.277; 86,5)."""
    if type(value) is Decimal:
        return _ANGKA_TAMPIL.teks(value)
    return fmt.angka(fmt.bulatkan(value, 2))


@register.filter
def tanggal_id(value):
    # A moment (submitted, verified …) is shown by its date where the agency is, as
    # Django's `date` filter does: 20.31 UTC on 1 December is 2 December in Jakarta.
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return fmt.tanggal_id(value)


@register.filter
def bulan_id(value):
    return fmt.bulan_id(value)


@register.filter
def besaran(value):
    return fmt.besaran(value)


@register.filter
def romawi(value):
    return fmt.triwulan_romawi(value)


@register.filter
def alasan(value):
    """The reason of a no-figure Hasil, else an empty string."""
    if getattr(value, "nilai", 0) is None:
        return getattr(value, "alasan", "") or "belum dapat dinilai"
    return ""


@register.filter
def nilai(value):
    """A read-model value (number, category level or text) as people read it: a number by
    the display rule, two decimals at most, trailing zeros dropped (83,33; 1.277); n/a when
    recorded as "tidak dapat diukur"."""
    if getattr(value, "tidak_terukur", False):
        return fmt.TIDAK_TERUKUR
    level = getattr(value, "level", None)
    if level is not None:
        return level.nama
    angka_ = getattr(value, "angka", None)
    if angka_ is not None:
        return fmt.angka(fmt.bulatkan(angka_, 2))
    return getattr(value, "teks", "") or fmt.TANPA_NILAI


@register.filter
def rentang(tingkat):
    """The bounds of a predicate band (sakip.capaian.Tingkat)."""
    return fmt.rentang(
        getattr(tingkat, "batas_bawah", None),
        getattr(tingkat, "batas_atas", None),
        getattr(tingkat, "bawah_inklusif", True),
        getattr(tingkat, "atas_inklusif", False),
    )


@register.filter
def narasi(value):
    """A narrative as headings, lists and paragraphs, every text escaped."""
    html = []
    for b in blok_narasi(value):
        if b.jenis == "judul":
            html.append(format_html('<h4 class="narasi-judul">{} {}</h4>', b.nomor, b.isi))
        elif b.jenis in ("ol", "ul"):
            items = format_html_join("", "<li>{}</li>", ((i,) for i in b.butir))
            html.append(format_html("<{0}>{1}</{0}>", b.jenis, items))
        else:
            html.append(format_html("<p>{}</p>", b.isi))
    return mark_safe("\n".join(html))
