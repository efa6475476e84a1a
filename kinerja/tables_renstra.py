"""Tables of the plan listings: indicators (with the chosen quarter's target, realisation,
capaian and status) and sub-kegiatan (with pagu in force, realisation to date and
penyerapan). The list views annotate the figures in SQL; capaian and penyerapan come from
sakip.capaian."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2 import Column

from kinerja.tables import LEVEL_LABEL, CapaianColumn, CapaianTableMixin
from renstra.models import Indikator, SubKegiatan
from sakip import angka as fmt
from sakip import capaian as rumus
from sakip.tables import AngkaColumn, PersenColumn, RupiahColumn, SakipTable, StatusColumn

STATUS_LABEL = {
    "draft": "Draf",
    "diajukan": "Diajukan",
    "diverifikasi": "Diverifikasi",
    "dikembalikan": "Dikembalikan",
}


class StatusTWColumn(StatusColumn):
    """The status of the chosen quarter's row; "Belum diisi" when there is none."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, value, record):
        if not value:
            return mark_safe('<span class="badge status-badge status-kosong">Belum diisi</span>')
        return format_html(
            '<span class="badge status-badge status-{}">{}</span>',
            value,
            STATUS_LABEL.get(value, value),
        )

    def value(self, value, record):
        return STATUS_LABEL.get(value, "Belum diisi") if value else "Belum diisi"


class IndikatorTable(CapaianTableMixin, SakipTable):
    kode = Column(verbose_name="Kode", visible=False)  # shown before the uraian; exported alone
    uraian = Column(verbose_name="Indikator")
    tingkat = Column(verbose_name="Tingkat", accessor="pk", orderable=False)
    pemilik = Column(verbose_name="Sasaran / program / kegiatan", accessor="pk", orderable=False)
    opd = Column(verbose_name="Perangkat daerah", accessor="periode__opd__singkatan", visible=False)
    is_iku = Column(verbose_name="IKU", attrs={"td": {"class": "text-center"}})
    satuan = Column(verbose_name="Satuan")
    target_tahun = AngkaColumn(verbose_name="Target tahun", empty_values=())
    target_tw = AngkaColumn(verbose_name="Target TW", empty_values=())
    nilai_tw = AngkaColumn(verbose_name="Realisasi TW", empty_values=())
    capaian = CapaianColumn(verbose_name="Capaian TW", accessor="pk")
    status_tw = StatusTWColumn(verbose_name="Status TW")

    class Meta(SakipTable.Meta):
        model = Indikator
        fields = ()
        sequence = (
            "kode",
            "uraian",
            "tingkat",
            "pemilik",
            "opd",
            "is_iku",
            "satuan",
            "target_tahun",
            "target_tw",
            "nilai_tw",
            "capaian",
            "status_tw",
        )
        order_by = ("urutan",)

    def __init__(self, *args, tahun=None, triwulan=None, **kwargs):
        self.tahun, self.triwulan = tahun, triwulan
        super().__init__(*args, **kwargs)
        tw = fmt.triwulan_romawi(triwulan)
        self.columns["target_tw"].column.verbose_name = f"Target TW {tw}"
        self.columns["nilai_tw"].column.verbose_name = f"Realisasi TW {tw}"
        self.columns["capaian"].column.verbose_name = f"Capaian TW {tw}"
        self.columns["target_tahun"].column.verbose_name = f"Target {tahun}"

    def render_uraian(self, value, record):
        url = ""
        if self.tautan and record.ada_tw:
            url = self.tautan.indikator(
                record.pk, tahun=self.tahun, triwulan=self.triwulan, unit_id=record.unit_entri
            )
        text = format_html("{}{}", f"{record.kode} " if record.kode else "", value)
        return format_html('<a href="{}">{}</a>', url, text) if url else text

    def value_uraian(self, value):
        return value

    def render_tingkat(self, record):
        return LEVEL_LABEL.get(record.level, "")

    value_tingkat = render_tingkat

    def render_pemilik(self, record):
        pemilik = record.pemilik
        return (
            getattr(pemilik, "kode", "")
            + " "
            + (getattr(pemilik, "uraian", None) or getattr(pemilik, "nama", ""))
        )

    value_pemilik = render_pemilik

    def render_is_iku(self, value):
        return mark_safe('<span class="badge text-bg-warning">IKU</span>') if value else ""

    def value_is_iku(self, value):
        return "ya" if value else "tidak"

    def render_target_tahun(self, value, record):
        if record.tipe == Indikator.Tipe.KATEGORI:
            return record.target_tahun_level_nama or "–"
        return fmt.angka(value) if value is not None else (record.target_tahun_teks or "–")

    def render_target_tw(self, value, record):
        if record.tipe == Indikator.Tipe.KATEGORI:
            return record.target_tw_level_nama or "–"
        return fmt.angka(value) if value is not None else (record.target_tw_teks or "–")

    def render_nilai_tw(self, value, record):
        if record.tipe == Indikator.Tipe.KATEGORI:
            return record.level_tw_nama or "–"
        return fmt.angka(value)

    # Exports: the number itself (a category's level name), never the formatted text.
    def value_target_tahun(self, value, record):
        if record.tipe == Indikator.Tipe.KATEGORI:
            return record.target_tahun_level_nama
        return value if value is not None else (record.target_tahun_teks or None)

    def value_target_tw(self, value, record):
        if record.tipe == Indikator.Tipe.KATEGORI:
            return record.target_tw_level_nama
        return value if value is not None else (record.target_tw_teks or None)

    def value_nilai_tw(self, value, record):
        if record.tipe == Indikator.Tipe.KATEGORI:
            return record.level_tw_nama
        return value


class SubKegiatanTable(SakipTable):
    kode = Column(verbose_name="Kode", attrs={"td": {"class": "text-nowrap"}})
    nama = Column(verbose_name="Sub kegiatan")
    program = Column(verbose_name="Program", accessor="kegiatan__program__kode")
    unit = Column(verbose_name="Unit kerja", accessor="unit__nama")
    opd = Column(verbose_name="Perangkat daerah", accessor="periode__opd__singkatan", visible=False)
    lokasi = Column(verbose_name="Lokasi")
    pagu_berlaku = RupiahColumn(verbose_name="Pagu berlaku")
    realisasi_sd = RupiahColumn(verbose_name="Realisasi s.d. TW")
    penyerapan = PersenColumn(
        verbose_name="Penyerapan", accessor="pk", orderable=False, empty_values=()
    )
    status_tw = StatusTWColumn(verbose_name="Status TW")

    class Meta(SakipTable.Meta):
        model = SubKegiatan
        fields = ()
        sequence = (
            "kode",
            "nama",
            "program",
            "unit",
            "opd",
            "lokasi",
            "pagu_berlaku",
            "realisasi_sd",
            "penyerapan",
            "status_tw",
        )
        order_by = ("kode",)

    def __init__(self, *args, tahun=None, triwulan=None, tautan=None, **kwargs):
        self.tahun, self.triwulan, self.tautan = tahun, triwulan, tautan
        super().__init__(*args, **kwargs)
        tw = fmt.triwulan_romawi(triwulan)
        self.columns["pagu_berlaku"].column.verbose_name = f"Pagu berlaku TW {tw} {tahun}"
        self.columns["realisasi_sd"].column.verbose_name = f"Realisasi s.d. TW {tw}"
        self.columns["penyerapan"].column.verbose_name = f"Penyerapan s.d. TW {tw}"
        self.columns["status_tw"].column.verbose_name = f"Status TW {tw}"

    def render_nama(self, value, record):
        url = ""
        if self.tautan and record.ada_tw:
            url = self.tautan.sub_kegiatan(
                record.pk, tahun=self.tahun, triwulan=self.triwulan, unit_id=record.unit_id
            )
        return format_html('<a href="{}">{}</a>', url, value) if url else value

    def value_nama(self, value):
        return value

    def _hasil(self, record):
        return rumus.penyerapan(record.pagu_berlaku, record.realisasi_sd or 0)

    def render_penyerapan(self, record):
        hasil = self._hasil(record)
        if not hasil.ada:
            return format_html(
                '<span class="text-body-secondary" title="{}">–</span>', hasil.alasan
            )
        return fmt.persen(hasil.nilai, simbol=True)

    def value_penyerapan(self, record):
        return self._hasil(record).nilai
