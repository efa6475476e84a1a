"""Tables of the plan listings: indicators (with the chosen quarter's targets, realisation
of the quarter and to date, capaian and status) and sub-kegiatan (with pagu in force,
realisation to date and penyerapan). Indicator figures are read-model rows (see
kinerja.tables); budget figures are anggaran.selectors rows built from the list view's
annotations (anggaran.selectors.dengan_anggaran)."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2 import Column

from anggaran import selectors as anggaran_selectors
from kinerja.tables import LEVEL_LABEL, AngkaTableMixin, CapaianColumn, NilaiColumn
from renstra.models import Indikator, SubKegiatan
from sakip import angka as fmt
from sakip.tables import OPDColumn, PersenColumn, RupiahColumn, SakipTable, StatusColumn

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


class IndikatorTable(AngkaTableMixin, SakipTable):
    kode = Column(verbose_name="Kode", visible=False)  # shown before the uraian; exported alone
    uraian = Column(verbose_name="Indikator")
    tingkat = Column(verbose_name="Tingkat", accessor="pk", orderable=False)
    pemilik = Column(verbose_name="Sasaran / program / kegiatan", accessor="pk", orderable=False)
    opd = OPDColumn("periode__opd")
    is_iku = Column(verbose_name="IKU", attrs={"td": {"class": "text-center"}})
    satuan = Column(verbose_name="Satuan")
    # Sorted by the list view's SQL annotations of the same values.
    target_tahun = NilaiColumn("nilai_target", verbose_name="Target tahun", orderable=True)
    target_tw = NilaiColumn("nilai_target_triwulan", verbose_name="Target TW", orderable=True)
    nilai_tw = NilaiColumn("nilai_tw", verbose_name="Realisasi TW", orderable=True)
    realisasi_sd = NilaiColumn("nilai_realisasi", verbose_name="Realisasi s.d. TW")
    capaian = CapaianColumn(verbose_name="Capaian s.d. TW")
    capaian_tw = CapaianColumn(
        verbose_name="Capaian thd target TW", atribut="capaian_triwulan", predikat=False
    )
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
            "realisasi_sd",
            "capaian",
            "capaian_tw",
            "status_tw",
        )
        order_by = ("urutan",)

    def __init__(self, *args, tahun=None, triwulan=None, **kwargs):
        self.tahun, self.triwulan = tahun, triwulan
        super().__init__(*args, **kwargs)
        tw = fmt.triwulan_romawi(triwulan)
        self.columns["target_tw"].column.verbose_name = f"Target TW {tw}"
        self.columns["nilai_tw"].column.verbose_name = f"Realisasi TW {tw}"
        self.columns["realisasi_sd"].column.verbose_name = f"Realisasi s.d. TW {tw}"
        self.columns["capaian"].column.verbose_name = f"Capaian s.d. TW {tw}"
        self.columns["capaian_tw"].column.verbose_name = f"Capaian thd target TW {tw}"
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


class AnggaranTableMixin:
    """A table of budget rows: each record is annotated by anggaran.selectors.dengan_anggaran
    (pagu in force, realisation to date and of the quarter); `anggaran(record)` is its typed
    row (anggaran.selectors.baris_anggaran) whose penyerapan a column shows."""

    def anggaran(self, record):
        cached = getattr(record, "_baris_anggaran", None)
        if cached is None:
            cached = anggaran_selectors.baris_anggaran("sub_kegiatan", record)
            record._baris_anggaran = cached
        return cached

    def render_penyerapan(self, record):
        hasil = self.anggaran(record).penyerapan
        if not hasil.ada:
            return format_html(
                '<span class="text-body-secondary" title="{}">–</span>', hasil.alasan
            )
        return fmt.persen(hasil.nilai, simbol=True)

    def value_penyerapan(self, record):
        return self.anggaran(record).penyerapan.nilai


class SubKegiatanTable(AnggaranTableMixin, SakipTable):
    kode = Column(verbose_name="Kode", attrs={"td": {"class": "text-nowrap"}})
    nama = Column(verbose_name="Sub kegiatan")
    program = Column(verbose_name="Program", accessor="kegiatan__program__kode")
    unit = Column(verbose_name="Unit kerja", accessor="unit__nama")
    opd = OPDColumn("periode__opd")
    lokasi = Column(verbose_name="Lokasi")
    pagu_berlaku = RupiahColumn(verbose_name="Pagu berlaku", accessor="pagu")
    realisasi_sd = RupiahColumn(verbose_name="Realisasi s.d. TW", accessor="realisasi")
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
