"""Tables of the kinerja listings (django-tables2). Figures come from kinerja.capaian and are
formatted by kinerja.format; the rows carry the values the list view annotated in SQL."""

from django.urls import reverse
from django.utils.html import format_html
from django_tables2 import Column, DateTimeColumn

from kinerja import capaian as rumus
from kinerja import format as fmt
from kinerja.models import Realisasi
from sakip.tables import AngkaColumn, PersenColumn, SakipTable, StatusColumn

LEVEL_LABEL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub kegiatan",
}


def _level(nama, skor):
    if nama is None or skor is None:
        return None
    return rumus.Level(nama=nama, skor=skor)


def capaian_baris(indikator, *, target, realisasi, target_level=None, realisasi_level=None):
    """The capaian of one row by the engine's rule for this indicator and its Pemda.
    `indikator` must come with periode__opd__pemda selected."""
    pemda = indikator.periode.opd.pemda
    return rumus.capaian(
        polaritas=indikator.polaritas,
        target=target,
        realisasi=realisasi,
        rumus_negatif=indikator.rumus_negatif or pemda.rumus_negatif,
        rentang_bawah=indikator.rentang_bawah,
        rentang_atas=indikator.rentang_atas,
        target_level=target_level,
        realisasi_level=realisasi_level,
        kategori=indikator.tipe == indikator.Tipe.KATEGORI,
        batas=pemda.batas_capaian,
    )


def link_entri(indikator_id, tahun, triwulan):
    """Where a row is entered: the workflow's entry page at that indicator (the list
    still works while that page is not routed)."""
    try:
        url = reverse("kinerja:entri")
    except Exception:  # NoReverseMatch while the entry page is not routed
        return ""
    return f"{url}?tahun={tahun}&triwulan={triwulan}#indikator-{indikator_id}"


class CapaianColumn(PersenColumn):
    """Capaian with its predicate colour (dot); the exported value is the exact figure."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, value, record, table):
        hasil = table.hasil_capaian(record)
        if not hasil.ada:
            return format_html(
                '<span class="text-body-secondary" title="{}">–</span>', hasil.alasan
            )
        tingkat = rumus.predikat(hasil, table.skala_predikat)
        if tingkat is None:
            return fmt.persen(hasil.nilai, simbol=True)
        return format_html(
            '<span class="predikat-dot" style="background:{}" title="{}"></span>{}',
            tingkat.warna,
            tingkat.label,
            fmt.persen(hasil.nilai, simbol=True),
        )

    def value(self, value, record, table):
        return table.hasil_capaian(record).nilai


class CapaianTableMixin:
    """A table with a capaian column: the view passes the predicate scale; each record
    carries its target and realisation (annotated in SQL) and the capaian is computed once
    per record by kinerja.capaian."""

    # Attribute names on the record; subclasses point them at their annotations.
    attr_target = "target_tw"
    attr_target_level = ("target_tw_level_nama", "target_tw_level_skor")
    attr_realisasi = "nilai_tw"
    attr_realisasi_level = ("level_tw_nama", "level_tw_skor")

    def __init__(self, *args, skala_predikat=(), **kwargs):
        self.skala_predikat = skala_predikat
        super().__init__(*args, **kwargs)

    def indikator_of(self, record):
        return record

    def hasil_capaian(self, record):
        cached = getattr(record, "_hasil_capaian", None)
        if cached is None:
            cached = capaian_baris(
                self.indikator_of(record),
                target=getattr(record, self.attr_target),
                realisasi=getattr(record, self.attr_realisasi),
                target_level=_level(*(getattr(record, a) for a in self.attr_target_level)),
                realisasi_level=_level(*(getattr(record, a) for a in self.attr_realisasi_level)),
            )
            record._hasil_capaian = cached
        return cached


class RealisasiTable(CapaianTableMixin, SakipTable):
    attr_realisasi = "nilai"
    attr_realisasi_level = ("level_nama", "level_skor")

    indikator = Column(verbose_name="Indikator", accessor="indikator__uraian", linkify=False)
    opd = Column(
        verbose_name="Perangkat daerah",
        accessor="indikator__periode__opd__singkatan",
        visible=False,
    )
    tahun = Column(verbose_name="Tahun", attrs={"td": {"class": "text-nowrap"}})
    triwulan = Column(verbose_name="TW", attrs={"td": {"class": "text-nowrap"}})
    satuan = Column(verbose_name="Satuan", accessor="indikator__satuan", orderable=False)
    target_tw = AngkaColumn(verbose_name="Target TW", orderable=False)
    nilai = AngkaColumn(verbose_name="Realisasi")
    kategori = Column(verbose_name="Kategori", accessor="level__nama", orderable=False)
    capaian = CapaianColumn(verbose_name="Capaian", accessor="pk")
    status = StatusColumn(verbose_name="Status")
    diubah_oleh = Column(verbose_name="Diubah oleh", accessor="diubah_oleh__username")
    updated_at = DateTimeColumn(verbose_name="Diubah", format="j E Y H:i")

    class Meta(SakipTable.Meta):
        model = Realisasi
        fields = ()
        sequence = (
            "indikator",
            "opd",
            "tahun",
            "triwulan",
            "satuan",
            "target_tw",
            "nilai",
            "kategori",
            "capaian",
            "status",
            "diubah_oleh",
            "updated_at",
        )
        order_by = ("-tahun", "-triwulan", "indikator")

    def indikator_of(self, record):
        return record.indikator

    def render_indikator(self, value, record):
        url = link_entri(record.indikator_id, record.tahun, record.triwulan)
        kode = record.indikator.kode
        text = format_html("{}{}", f"{kode} " if kode else "", value)
        return format_html('<a href="{}">{}</a>', url, text) if url else text

    def value_indikator(self, value, record):
        return value

    def render_tahun(self, value):
        return str(value)  # a year, not a number to group by thousands

    def value_tahun(self, value):
        return value

    def render_triwulan(self, value, record):
        return format_html("TW {}", fmt.triwulan_romawi(record.triwulan))

    def value_triwulan(self, value, record):
        return record.triwulan


def skala_predikat(pemda_id):
    """The predicate steps a Pemda uses (its own main scale, else the global Permendagri
    86/2017 scale) as kinerja.capaian.Tingkat, in one query."""
    from kinerja.models import TingkatPredikat

    rows = (
        list(
            TingkatPredikat.objects.filter(skala__pemda_id=pemda_id, skala__utama=True).values_list(
                "batas_bawah", "label", "warna"
            )
        )
        if pemda_id
        else []
    )
    if not rows:
        rows = list(
            TingkatPredikat.objects.filter(skala__pemda__isnull=True).values_list(
                "batas_bawah", "label", "warna"
            )
        )
    return [rumus.Tingkat(*row) for row in rows] or list(rumus.SKALA_PERMENDAGRI_86)
