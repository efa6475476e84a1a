"""The budget-realisation listing: each quarter's amount with the pagu in force then,
the amount cumulated to that quarter and the penyerapan, from the row the read model
builds of the list view's annotations (anggaran.selectors)."""

from django.utils.html import format_html
from django_tables2 import Column

from anggaran import selectors
from anggaran.models import RealisasiAnggaran
from sakip import angka as fmt
from sakip.tables import (
    OPDColumn,
    PersenColumn,
    RupiahColumn,
    SakipTable,
    StatusColumn,
    WaktuColumn,
)


class RealisasiAnggaranTable(SakipTable):
    kode = Column(
        verbose_name="Kode", accessor="sub_kegiatan__kode", attrs={"td": {"class": "text-nowrap"}}
    )
    sub_kegiatan = Column(verbose_name="Sub kegiatan", accessor="sub_kegiatan__nama")
    unit = Column(verbose_name="Unit kerja", accessor="sub_kegiatan__unit__nama")
    opd = OPDColumn("sub_kegiatan__periode__opd")
    tahun = Column(verbose_name="Tahun")
    triwulan = Column(verbose_name="TW", attrs={"td": {"class": "text-nowrap"}})
    jumlah = RupiahColumn(verbose_name="Realisasi TW")
    kumulatif = RupiahColumn(verbose_name="Realisasi s.d. TW", accessor="realisasi")
    pagu_berlaku = RupiahColumn(verbose_name="Pagu berlaku", accessor="pagu")
    penyerapan = PersenColumn(
        verbose_name="Penyerapan s.d. TW", accessor="pk", orderable=False, empty_values=()
    )
    status = StatusColumn(verbose_name="Status")
    updated_at = WaktuColumn(
        verbose_name="Diubah", format="j E Y H:i", attrs={"td": {"class": "text-nowrap"}}
    )

    class Meta(SakipTable.Meta):
        model = RealisasiAnggaran
        fields = ()
        sequence = (
            "kode",
            "sub_kegiatan",
            "unit",
            "opd",
            "tahun",
            "triwulan",
            "jumlah",
            "kumulatif",
            "pagu_berlaku",
            "penyerapan",
            "status",
            "updated_at",
        )
        order_by = ("-tahun", "-triwulan", "kode")

    def __init__(self, *args, tautan=None, **kwargs):
        self.tautan = tautan
        super().__init__(*args, **kwargs)

    def render_sub_kegiatan(self, value, record):
        url = ""
        if self.tautan and record.ada_tw:
            url = self.tautan.sub_kegiatan(
                record.sub_kegiatan_id,
                tahun=record.tahun,
                triwulan=record.triwulan,
                unit_id=record.sub_kegiatan.unit_id,
            )
        return format_html('<a href="{}">{}</a>', url, value) if url else value

    def value_sub_kegiatan(self, value):
        return value

    def render_tahun(self, value):
        return str(value)  # a year, not a number to group by thousands

    def value_tahun(self, value):
        return value

    def render_triwulan(self, value, record):
        return format_html("TW {}", fmt.triwulan_romawi(record.triwulan))

    def value_triwulan(self, value, record):
        return record.triwulan

    def _hasil(self, record):
        cached = getattr(record, "_baris_anggaran", None)
        if cached is None:
            sub = record.sub_kegiatan
            cached = selectors.baris_anggaran(
                "sub_kegiatan", record, id=sub.pk, kode=sub.kode, nama=sub.nama
            )
            record._baris_anggaran = cached
        return cached.penyerapan

    def render_penyerapan(self, record):
        hasil = self._hasil(record)
        if not hasil.ada:
            return format_html(
                '<span class="text-body-secondary" title="{}">–</span>', hasil.alasan
            )
        return fmt.persen(hasil.nilai, simbol=True)

    def value_penyerapan(self, record):
        return self._hasil(record).nilai
