import datetime
from decimal import Decimal

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone

from kinerja.models import RencanaAksi
from laporan import selectors
from laporan.models import AnalisisIndikator, LaporanKinerja
from laporan.services import NARASI_FIELDS
from renstra.models import Indikator, LevelKategori, Pejabat, Program, SubKegiatan
from sakip import angka as fmt
from sakip import batas
from sakip.widgets import TanggalInput, pesan_tanggal

DATE_INPUT = TanggalInput(attrs={"class": "form-control"})


class AngkaField(forms.CharField):
    """A number typed the Indonesian way ("86,5", "1.250.000") or the English way ("86.5")."""

    # laporan/_field.html puts the server's reading (sakip.views.angka_baca) beside it.
    pratinjau = True

    def __init__(self, *args, uang=False, **kwargs):
        self.uang = uang
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(
            {
                "inputmode": "decimal",
                "autocomplete": "off",
                "hx-get": reverse_lazy("angka_baca"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "next .bacaan-angka",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        return attrs

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return fmt.angka(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            number = fmt.parse_angka(value, uang=self.uang)
        except fmt.AngkaTidakSah as exc:
            raise forms.ValidationError(str(exc)) from exc
        return batas.cek_batas(number, batas.UANG if self.uang else batas.UKURAN)


class _Bootstrap:
    def _style(self):
        pesan_tanggal(self)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.CheckboxInput)):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class PKForm(_Bootstrap, forms.Form):
    tempat = forms.CharField(label="Tempat", max_length=100)
    tanggal = forms.DateField(label="Tanggal", widget=DATE_INPUT)
    pihak_pertama = forms.ModelChoiceField(label="Pihak pertama", queryset=Pejabat.objects.none())
    pihak_kedua = forms.ModelChoiceField(
        label="Pihak kedua (kepala daerah)", queryset=Pejabat.objects.none()
    )
    indikator = forms.ModelMultipleChoiceField(
        label="Indikator sasaran yang dicantumkan",
        queryset=Indikator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pilih minimal satu indikator sasaran."},
    )
    program = forms.ModelMultipleChoiceField(
        label="Program yang dicantumkan",
        queryset=Program.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pilih minimal satu program."},
    )

    def __init__(self, *args, opd, tahun, pk=None, **kwargs):
        super().__init__(*args, **kwargs)
        periode = selectors.periode_wajib(opd, tahun)
        self.fields["pihak_pertama"].queryset = Pejabat.objects.filter(opd=opd).order_by(
            "-aktif", "nama"
        )
        self.fields["pihak_kedua"].queryset = Pejabat.objects.filter(
            pemda_id=opd.pemda_id, is_kepala_daerah=True
        ).order_by("-aktif", "nama")
        self.fields["indikator"].queryset = (
            Indikator.objects.filter(periode=periode, sasaran__isnull=False)
            .select_related("sasaran")
            .order_by("sasaran__urutan", "sasaran__kode", "urutan", "id")
        )
        self.fields["indikator"].label_from_instance = lambda i: f"{i.sasaran.uraian} — {i.uraian}"
        self.fields["program"].queryset = Program.objects.filter(periode=periode).order_by("kode")
        if pk is not None:
            self.initial.update(
                tempat=pk.tempat,
                tanggal=pk.tanggal,
                pihak_pertama=pk.pihak_pertama_id,
                pihak_kedua=pk.pihak_kedua_id,
                indikator=[r.indikator_id for r in pk.indikator_set.all() if r.indikator_id],
                program=[r.program_id for r in pk.program_set.all() if r.program_id],
            )
        else:
            indikator, program = selectors.pk_default_choices(opd, tahun)
            pertama = selectors.kepala_opd(opd)
            kedua = selectors.kepala_daerah(opd)
            # A date so that the form sent back untouched is accepted (issue 12, item 1):
            # today within the PK's year, else the first working days of January, when the
            # seeds' PKs are signed.
            hari_ini = timezone.localdate()
            self.initial.update(
                tempat=opd.pemda.ibukota,
                tanggal=hari_ini if hari_ini.year == tahun else datetime.date(tahun, 1, 2),
                pihak_pertama=pertama.pk if pertama else None,
                pihak_kedua=kedua.pk if kedua else None,
                indikator=[i.pk for i in indikator],
                program=[p.pk for p in program],
            )
        self._style()


class BukaKembaliForm(_Bootstrap, forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka kembali",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Alasan membuka kembali wajib diisi."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class RencanaAksiForm(_Bootstrap, forms.ModelForm):
    class Meta:
        model = RencanaAksi
        fields = ["tempat", "tanggal", "penandatangan"]
        widgets = {"tanggal": DATE_INPUT}

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penandatangan"].queryset = Pejabat.objects.filter(opd=opd).order_by(
            "-aktif", "nama"
        )
        self.fields["penandatangan"].label = "Penandatangan (Kepala Dinas)"
        self._style()


class _AksiIsian:
    """What AksiForm and AksiUbahForm share: the volume in whole numbers when its unit
    counts things (sakip.angka.SATUAN_BULAT), and the service's refusals by field."""

    def clean(self):
        data = super().clean()
        try:
            fmt.cek_satuan(
                data.get("volume"),
                data.get("satuan_volume"),
                self.data.get(self.add_prefix("volume")),
            )
        except fmt.AngkaTidakSah as exc:
            self.add_error("volume", str(exc))
        return data

    def apply_error(self, exc):
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                for e in errors:
                    self.add_error(name if name in self.fields else None, e)
        else:
            self.add_error(None, exc)


class AksiForm(_AksiIsian, _Bootstrap, forms.Form):
    sub_kegiatan = forms.ModelChoiceField(label="Sub kegiatan", queryset=SubKegiatan.objects.none())
    uraian = forms.CharField(label="Aksi", widget=forms.Textarea(attrs={"rows": 2}))
    volume = AngkaField(label="Volume")
    satuan_volume = forms.CharField(label="Satuan volume", max_length=40, required=False)
    triwulan = forms.MultipleChoiceField(
        label="Triwulan pelaksanaan",
        choices=[(str(n), fmt.triwulan_romawi(n)) for n in (1, 2, 3, 4)],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pilih minimal satu triwulan pelaksanaan."},
    )

    def __init__(self, *args, unit, tahun, **kwargs):
        super().__init__(*args, **kwargs)
        periode = selectors.periode_aktif(unit.opd_id, tahun)
        qs = SubKegiatan.objects.none()
        if periode is not None:
            qs = SubKegiatan.objects.filter(periode=periode, unit=unit).order_by("kode")
        self.fields["sub_kegiatan"].queryset = qs
        self._style()


class AksiUbahForm(_AksiIsian, _Bootstrap, forms.Form):
    """An aksi edited in place in its row (its sub kegiatan stays)."""

    uraian = forms.CharField(label="Aksi", widget=forms.Textarea(attrs={"rows": 2}))
    volume = AngkaField(label="Volume")
    satuan_volume = forms.CharField(label="Satuan volume", max_length=40, required=False)
    triwulan = forms.MultipleChoiceField(
        label="Triwulan pelaksanaan",
        choices=[(str(n), fmt.triwulan_romawi(n)) for n in (1, 2, 3, 4)],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pilih minimal satu triwulan pelaksanaan."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class LaporanForm(_Bootstrap, forms.ModelForm):
    class Meta:
        model = LaporanKinerja
        fields = ["tempat", "tanggal", "penandatangan", *NARASI_FIELDS]
        widgets = {
            "tanggal": DATE_INPUT,
            **{f: forms.Textarea(attrs={"rows": 4}) for f in NARASI_FIELDS},
        }

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penandatangan"].queryset = Pejabat.objects.filter(opd=opd).order_by(
            "-aktif", "nama"
        )
        if self.instance.pk is None:
            self.initial.setdefault("tempat", opd.pemda.ibukota)
        self._style()


class AnalisisForm(_Bootstrap, forms.ModelForm):
    realisasi_nasional = AngkaField(label="Realisasi nasional")

    class Meta:
        model = AnalisisIndikator
        fields = [
            "analisis_penyebab",
            "solusi",
            "analisis_program",
            "realisasi_nasional",
            "keterangan_nasional",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 2})
            for f in ("analisis_penyebab", "solusi", "analisis_program")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def analisis_forms(data, laporan, indikator_list):
    existing = {}
    if laporan is not None and laporan.pk:
        existing = {a.indikator_id: a for a in laporan.analisis_set.all()}
    return [
        (ind, AnalisisForm(data, instance=existing.get(ind.pk), prefix=f"an{ind.pk}"))
        for ind in indikator_list
    ]


# --- targets: a wide grid parsed by hand (one form per cell would cost a query per row) ---

TARGET_KEYS = ("tahunan", 1, 2, 3, 4)


def _cell_name(indikator_id, key):
    return f"t-{indikator_id}-{key}"


def _parse_cell(text, indikator, levels):
    """A cell is a number, a category level name (categorical indicators) or, for a
    non-numeric target, free text starting with '=' (e.g. '=Tersedia')."""
    text = (text or "").strip()
    if not text or text in ("-", fmt.TANPA_NILAI):
        return (None, None, "")
    if text.startswith("="):
        return (None, None, text[1:].strip()[:100])
    if indikator.tipe == Indikator.Tipe.KATEGORI:
        level = levels.get((indikator.skala_id, text.lower()))
        if level is None:
            raise forms.ValidationError(f"Kategori '{text}' tidak ada pada skala indikator ini.")
        return (None, level, "")
    try:
        nilai = fmt.cek_satuan(fmt.parse_angka(text.rstrip("%").strip()), indikator.satuan, text)
    except fmt.AngkaTidakSah as exc:
        raise forms.ValidationError(str(exc)) from exc
    # Next to the cell, before the save: the model would refuse it for the whole grid.
    return (batas.cek_batas(nilai, batas.UKURAN), None, "")


def parse_targets(data, rows):
    """Read every target cell; returns ({Indikator: {key: (nilai, level, teks)}}, errors)
    where errors maps a cell name to an Indonesian message."""
    skala_ids = {r["indikator"].skala_id for r in rows if r["indikator"].skala_id}
    levels = {
        (lv.skala_id, lv.nama.lower()): lv
        for lv in LevelKategori.objects.filter(skala_id__in=skala_ids)
    }
    parsed, errors = {}, {}
    for row in rows:
        ind = row["indikator"]
        values = {}
        for key in TARGET_KEYS:
            name = _cell_name(ind.pk, key)
            if name not in data:
                continue
            try:
                values[key] = _parse_cell(data.get(name), ind, levels)
            except forms.ValidationError as exc:
                errors[name] = exc.messages[0]
        parsed[ind] = values
    return parsed, errors


def apply_posted(data, rows):
    """Show what the user typed again after a refused save."""
    for row in rows:
        for cell in row["cells"]:
            if cell["name"] in data:
                cell["value"] = data[cell["name"]]


class PengesahanForm(_Bootstrap, forms.Form):
    """Date, place and signatory of one document (laporan.services.penandatangan_simpan).
    The signatory list holds the OPD's officials; one not in office on the date is
    refused by the record's own check, with a message naming the date."""

    tempat = forms.CharField(label="Tempat", max_length=100)
    tanggal = forms.DateField(label="Tanggal dokumen", widget=DATE_INPUT)
    penandatangan = forms.ModelChoiceField(
        label="Penandatangan",
        queryset=Pejabat.objects.none(),
        required=False,
        help_text="Kosong: kepala perangkat daerah yang menjabat pada tanggal dokumen.",
    )

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penandatangan"].queryset = Pejabat.objects.filter(opd=opd).order_by(
            "-is_kepala", "nama"
        )
        self.fields["penandatangan"].label_from_instance = _label_pejabat
        self._style()


def _label_pejabat(p):
    masa = ""
    if p.mulai_menjabat or p.selesai_menjabat:
        mulai = fmt.tanggal_id(p.mulai_menjabat, "…")
        selesai = fmt.tanggal_id(p.selesai_menjabat, "sekarang")
        masa = f" · {mulai} – {selesai}"
    return f"{p.nama} ({p.jabatan_tertulis}){masa}"


class LampiranForm(forms.Form):
    """An uploaded LKjIP attachment: title, place in the list, file (checked by content in
    laporan.services_lampiran)."""

    judul = forms.CharField(
        label="Judul lampiran",
        max_length=200,
        error_messages={"required": "Judul lampiran wajib diisi."},
        help_text="Misalnya: Piagam Penghargaan Kota Layak Anak Tahun 2020.",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    urutan = forms.IntegerField(
        label="Urutan",
        min_value=1,
        max_value=99,
        initial=1,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={
            "required": "Urutan wajib diisi.",
            "invalid": "Urutan harus bilangan bulat.",
            "min_value": "Urutan paling kecil 1.",
            "max_value": "Urutan paling besar 99.",
        },
    )
    berkas = forms.FileField(
        label="Berkas (PDF, JPG, atau PNG)",
        error_messages={"required": "Pilih berkas lampiran.", "empty": "Berkas kosong."},
    )
