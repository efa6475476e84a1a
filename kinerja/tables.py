"""Tables of the kinerja listings (django-tables2). Every figure a column shows is a value of
the read model (kinerja.selectors.IndikatorRow): the view passes `baris_untuk`, which turns
the records shown (a page, or every filtered row of an export) into their rows in a fixed
number of queries; the columns only format them (sakip.angka) on screen and export the
number itself. The SQL annotations of the list views only sort and filter."""

from django.utils.html import format_html
from django_tables2 import Column

from kinerja.models import Realisasi
from kinerja.selectors import Nilai
from sakip import angka as fmt
from sakip import xlsx
from sakip.tables import OPDColumn, SakipTable, StatusColumn, WaktuColumn

LEVEL_LABEL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub kegiatan",
    "node_pohon": "Pohon kinerja",
}
_KANAN = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}


class NilaiColumn(Column):
    """A value of the record's read-model row (`atribut` of IndikatorRow, a Nilai: number,
    category level or target text). Exports give the number or the level's name."""

    def __init__(self, atribut, *args, **kwargs):
        self.atribut = atribut
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("attrs", _KANAN)
        super().__init__(*args, **kwargs)

    def _nilai(self, record, table):
        row = table.angka(record)
        return getattr(row, self.atribut) if row is not None else Nilai()

    def render(self, record, table):
        nilai = self._nilai(record, table)
        if nilai.tidak_terukur:
            return fmt.TIDAK_TERUKUR
        if nilai.level is not None:
            return nilai.level.nama
        if nilai.angka is not None:
            return fmt.angka(fmt.bulatkan(nilai.angka, 2))  # the display rule, as `nilai`
        return nilai.teks or fmt.TANPA_NILAI

    def value(self, record, table):
        nilai = self._nilai(record, table)
        if nilai.tidak_terukur:
            return fmt.TIDAK_TERUKUR
        if nilai.level is not None:
            return nilai.level.nama
        return nilai.angka if nilai.angka is not None else (nilai.teks or None)


class CapaianColumn(Column):
    """A capaian of the record's read-model row (`atribut`: "capaian" against the year's
    target, with its predicate colour; "capaian_triwulan" against the quarter's). The
    exported value is the exact figure, shown in Excel with two decimals."""

    format_xlsx = xlsx.FMT_PERSEN

    def __init__(self, *args, atribut="capaian", predikat=True, **kwargs):
        self.atribut, self.dengan_predikat = atribut, predikat
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("attrs", _KANAN)
        super().__init__(*args, **kwargs)

    def _row(self, record, table):
        return table.angka(record)

    def render(self, record, table):
        row = self._row(record, table)
        if row is None:
            return fmt.TANPA_NILAI
        hasil = getattr(row, self.atribut)
        if hasil.tidak_terukur:
            return format_html(
                '{} <span class="small text-body-secondary">({})</span>',
                fmt.TIDAK_TERUKUR,
                row.alasan_tidak_terukur,
            )
        if not hasil.ada:
            return format_html(
                '<span class="text-body-secondary" title="{}">–</span>', hasil.alasan
            )
        tingkat = row.predikat if self.dengan_predikat else None
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

    def value(self, record, table):
        row = self._row(record, table)
        if row is not None and getattr(row, self.atribut).tidak_terukur:
            return f"{fmt.TIDAK_TERUKUR} ({row.alasan_tidak_terukur})"
        return getattr(row, self.atribut).nilai if row is not None else None


class AngkaTableMixin:
    """A table whose figures are read-model rows. `baris_untuk(records)` returns
    {kunci(record): IndikatorRow}; it runs once for the page shown and, when the table is
    exported whole, once more for every row."""

    def __init__(self, *args, baris_untuk=None, tautan=None, **kwargs):
        self.baris_untuk = baris_untuk
        self.tautan = tautan
        self._halaman = None
        self._semua = None
        super().__init__(*args, **kwargs)

    def kunci(self, record):
        return record.pk

    def angka(self, record):
        key = self.kunci(record)
        if self._halaman is None:
            page = getattr(self, "page", None)
            # The page's rows are BoundRows over the same (cached) queryset slice that
            # renders them, so reading their records here costs no query.
            records = [row.record for row in page.object_list] if page else []
            self._halaman = self.baris_untuk(records) if records else {}
        if key in self._halaman:
            return self._halaman[key]
        if self._semua is None:
            self._semua = self.baris_untuk(list(self.data))
        return self._semua.get(key)


class RealisasiTable(AngkaTableMixin, SakipTable):
    indikator = Column(verbose_name="Indikator", accessor="indikator__uraian", linkify=False)
    opd = OPDColumn("indikator__periode__opd")
    tahun = Column(verbose_name="Tahun", attrs={"td": {"class": "text-nowrap"}})
    triwulan = Column(verbose_name="TW", attrs={"td": {"class": "text-nowrap"}})
    satuan = Column(verbose_name="Satuan", accessor="indikator__satuan", orderable=False)
    target_tahun = NilaiColumn("nilai_target", verbose_name="Target tahun")
    target_tw = NilaiColumn("nilai_target_triwulan", verbose_name="Target TW")
    nilai = NilaiColumn("nilai_tw", verbose_name="Realisasi", orderable=True)
    realisasi_sd = NilaiColumn("nilai_realisasi", verbose_name="Realisasi s.d. TW")
    capaian = CapaianColumn(verbose_name="Capaian")
    capaian_tw = CapaianColumn(
        verbose_name="Capaian thd target TW", atribut="capaian_triwulan", predikat=False
    )
    status = StatusColumn(verbose_name="Status")
    diubah_oleh = Column(verbose_name="Diubah oleh", accessor="diubah_oleh__username")
    updated_at = WaktuColumn(
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
            "realisasi_sd",
            "capaian",
            "capaian_tw",
            "status",
            "diubah_oleh",
            "updated_at",
        )
        order_by = ("-tahun", "-triwulan", "indikator")

    def kunci(self, record):
        return (record.indikator_id, record.tahun, record.triwulan)

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
