"""Forms of budget realisation entry; rules live in anggaran.services."""

from django import forms


class RealisasiAnggaranForm(forms.Form):
    jumlah = forms.CharField(label="Realisasi triwulan ini (Rp)", required=False, max_length=40)
    penjelasan = forms.CharField(label="Penjelasan", required=False, widget=forms.Textarea)
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def apply_error(self, exc):
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                target = name if name in self.fields else None
                for e in errors:
                    self.add_error(target, e)
        else:
            for message in exc.messages:
                self.add_error(None, message)
