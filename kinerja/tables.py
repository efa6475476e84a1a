"""Tables of the kinerja listings (django-tables2). Figures come from sakip.capaian and are
formatted by sakip.angka; the rows carry the values the list view annotated in SQL."""

from django.utils.html import format_html
from django_tables2 import Column, DateTimeColumn

from kinerja.models import Realisasi
from sakip import angka as fmt
from sakip import capaian as rumus
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
            # an SVG fill, as includes/_predikat_dot.html: the CSP allows no inline style
            '<svg class="predikat-dot" viewBox="0 0 10 10" role="img" aria-label="{}">'
            '<title>{}</title><circle cx="5" cy="5" r="5" fill="{}"/></svg>{}',
            tingkat.label,
            tingkat.label,
            tingkat.warna,
            fmt.persen(hasil.nilai, simbol=True),
        )

    def value(self, value, record, table):
        return table.hasil_capaian(record).nilai


class CapaianTableMixin:
    """A table with a capaian column: the view passes the predicate scale; each record
    carries its target and realisation (annotated in SQL) and the capaian is computed once
    per record by sakip.capaian."""

    # Attribute names on the record; subclasses point them at their annotations. The
    # target is the quarter's (Rencana Aksi) when set, else the year's: (value, level
    # name, level score) triples tried in order.
    attrs_target = (
        ("target_tw", "target_tw_level_nama", "target_tw_level_skor"),
        ("target_tahun", "target_tahun_level_nama", "target_tahun_level_skor"),
    )
    attr_realisasi = "nilai_tw"
    attr_realisasi_level = ("level_tw_nama", "level_tw_skor")

    def __init__(self, *args, skala_predikat=(), tautan=None, **kwargs):
        self.skala_predikat = skala_predikat
        self.tautan = tautan
        super().__init__(*args, **kwargs)

    def indikator_of(self, record):
        return record

    def _target(self, record):
        for nilai, nama, skor in self.attrs_target:
            value = getattr(record, nilai, None)
            level = _level(getattr(record, nama, None), getattr(record, skor, None))
            if value is not None or level is not None:
                return value, level
        return None, None

    def hasil_capaian(self, record):
        cached = getattr(record, "_hasil_capaian", None)
        if cached is None:
            target, target_level = self._target(record)
            cached = capaian_baris(
                self.indikator_of(record),
                target=target,
                realisasi=getattr(record, self.attr_realisasi),
                target_level=target_level,
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
    target_tahun = AngkaColumn(verbose_name="Target tahun", orderable=False, empty_values=())
    target_tw = AngkaColumn(verbose_name="Target TW", orderable=False, empty_values=())
    nilai = AngkaColumn(verbose_name="Realisasi")
    kategori = Column(verbose_name="Kategori", accessor="level__nama", orderable=False)
    capaian = CapaianColumn(verbose_name="Capaian", accessor="pk")
    status = StatusColumn(verbose_name="Status")
    diubah_oleh = Column(verbose_name="Diubah oleh", accessor="diubah_oleh__username")
    updated_at = DateTimeColumn(
        verbose_name="Diubah", format="j E Y H:i", attrs={"td": {"class": "text-nowrap"}}
    )

    class Meta(SakipTable.Meta):
        model = Realisasi
        fields = ()
        sequence = (
            "indikator",
            "opd",
            "tahun",
            "triwulan",
            "satuan",
            "target_tahun",
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

    def render_target_tahun(self, value, record):
        return record.target_tahun_level_nama or fmt.angka(value)

    def render_target_tw(self, value, record):
        return record.target_tw_level_nama or fmt.angka(value)

    # Exports: the number itself (a category's level name), never the formatted text.
    def value_target_tahun(self, value, record):
        return record.target_tahun_level_nama or value

    def value_target_tw(self, value, record):
        return record.target_tw_level_nama or value

    def render_indikator(self, value, record):
        url = ""
        if self.tautan and record.ada_tw:
            url = self.tautan.indikator(
                record.indikator_id,
                tahun=record.tahun,
                triwulan=record.triwulan,
                unit_id=record.unit_entri,
            )
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
