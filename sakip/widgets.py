"""Form widgets that show Indonesian input instead of the browser's own (English) widgets.

A date is a text input shown and typed as dd/mm/yyyy ("06/01/2025"); the server reads it
with DATE_INPUT_FORMATS of sakip/formats/id (dd/mm/yyyy first, yyyy-mm-dd and dd-mm-yyyy
still accepted). The browser's date picker follows the browser's language, not the
page's, so it is not used."""

from django import forms

FORMAT_TANGGAL = "%d/%m/%Y"
PESAN_TANGGAL = {
    "invalid": "Tanggal tidak sah: tulis tanggal/bulan/tahun, mis. 06/01/2025.",
    "required": "Tanggal wajib diisi (mis. 06/01/2025).",
}


class TanggalInput(forms.DateInput):
    """A date typed as dd/mm/yyyy in a plain text box."""

    input_type = "text"

    def __init__(self, attrs=None):
        base = {"placeholder": "hh/bb/tttt", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format=FORMAT_TANGGAL)


def pesan_tanggal(form):
    """Give every DateField of `form` the Indonesian messages above."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.error_messages.update(PESAN_TANGGAL)
