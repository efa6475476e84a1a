"""Forms of the quarterly workflow. They only carry and shape input; every rule (numbers,
scales, status, closed quarter, version) is checked in kinerja.services, whose messages are
put back next to the field."""

from django import forms

from renstra.models import LevelKategori
from sakip.kalender import TRIWULAN_CHOICES
from sakip.widgets import PESAN_TANGGAL, TanggalInput


class RealisasiForm(forms.Form):
    """One row of the entry sheet. Numbers stay text here: sakip.angka.parse_angka in
    the service reads 86,5 / 86.5 / 1.250.000."""

    nilai = forms.CharField(label="Realisasi", required=False, max_length=40)
    pembilang = forms.CharField(label="Pembilang", required=False, max_length=40)
    penyebut = forms.CharField(label="Penyebut", required=False, max_length=40)
    level = forms.ModelChoiceField(
        label="Kategori",
        queryset=LevelKategori.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Kategori tidak ada pada skala indikator ini."},
    )
    penjelasan = forms.CharField(label="Penjelasan", required=False, widget=forms.Textarea)
    tidak_terukur = forms.BooleanField(label="Tidak dapat diukur", required=False)
    alasan_tidak_terukur = forms.CharField(
        label="Alasan tidak dapat diukur", required=False, widget=forms.Textarea
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indikator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        if indikator.skala_id:
            self.fields["level"].queryset = LevelKategori.objects.filter(
                skala_id=indikator.skala_id
            )

    def apply_error(self, exc):
        """Put a service ValidationError next to its field (or on top of the row)."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                target = name if name in self.fields else None
                for e in errors:
                    self.add_error(target, e)
        else:
            for message in exc.messages:
                self.add_error(None, message)


class VerifikasiForm(forms.Form):
    aksi = forms.ChoiceField(choices=[("setujui", "Setujui"), ("kembalikan", "Kembalikan")])
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea)
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TriwulanBukaForm(forms.Form):
    opd = forms.IntegerField(widget=forms.HiddenInput)
    tahun = forms.IntegerField(
        label="Tahun",
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": "Tahun harus berupa angka."},
    )
    triwulan = forms.TypedChoiceField(label="Triwulan", choices=TRIWULAN_CHOICES, coerce=int)
    batas_waktu = forms.DateField(
        label="Batas pengisian",
        required=False,
        widget=TanggalInput(),
        error_messages=PESAN_TANGGAL,
    )
    alasan = forms.CharField(label="Alasan", required=False, widget=forms.Textarea)


class BuktiForm(forms.Form):
    berkas = forms.FileField(
        label="Bukti dukung",
        error_messages={"required": "Pilih berkas bukti dukung.", "empty": "Berkas kosong."},
    )
