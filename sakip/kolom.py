"""The column kinds every listing shares (sakip.tables re-exports them): numbers formatted
the Indonesian way on screen and exported as the real number, a status badge, the OPD a row
belongs to and a time in the agency's zone. Kept apart from the table and view base so
each module stays one topic."""

from datetime import datetime

from django.conf import settings
from django.utils import formats
from django.utils.html import format_html, strip_tags
from django.utils.timezone import get_current_timezone, is_aware, template_localtime
from django_tables2 import Column

from sakip import angka as fmt
from sakip import xlsx


class _NumberColumn(Column):
    """A number: right-aligned and formatted for people on screen; the plain Decimal in
    exports so a spreadsheet can add it up."""

    def __init__(self, *args, **kwargs):
        attrs = kwargs.pop("attrs", {})
        attrs.setdefault("td", {"class": "text-end text-nowrap"})
        attrs.setdefault("th", {"class": "text-end"})
        kwargs.setdefault("default", "–")
        super().__init__(*args, attrs=attrs, **kwargs)

    def format(self, value):
        raise NotImplementedError

    def render(self, value):
        return self.format(value)

    def value(self, value):
        return value


class AngkaColumn(_NumberColumn):
    def format(self, value):
        return fmt.angka(value)


class RupiahColumn(_NumberColumn):
    format_xlsx = xlsx.FMT_RUPIAH

    def format(self, value):
        return fmt.rupiah(value)


class PersenColumn(_NumberColumn):
    format_xlsx = xlsx.FMT_PERSEN

    def format(self, value):
        return fmt.persen(value, simbol=True)


class StatusColumn(Column):
    """A realisation status as a coloured badge."""

    def render(self, value, record):
        # The house colours of static/css/sakip.css (.status-<kode>).
        return format_html(
            '<span class="badge status-badge status-{}">{}</span>',
            getattr(record, "status", ""),
            value,
        )

    def value(self, value):
        return value


class OPDColumn(Column):
    """The OPD a row belongs to, reached along `jalur` (a lookup path to the OPD): its short
    name (else its name). Shown to those who read across the Pemda (DaftarView); when the
    reader sees more than one Pemda the table's `banyak_pemda` is set and the Pemda is named
    too, on screen below the OPD (as the quarter list does) and in exports in brackets."""

    def __init__(self, jalur, **kwargs):
        self.jalur = jalur
        kwargs.setdefault("verbose_name", "Perangkat daerah")
        kwargs.setdefault("visible", False)
        kwargs.setdefault("order_by", (f"{jalur}__singkatan",))
        super().__init__(accessor=jalur, **kwargs)

    @staticmethod
    def _nama(opd):
        return opd.singkatan or opd.nama

    def render(self, value, table):
        if getattr(table, "banyak_pemda", False):
            return format_html(
                '{}<div class="small text-body-secondary">{}</div>',
                self._nama(value),
                value.pemda.nama,
            )
        return self._nama(value)

    def value(self, value, table):
        if getattr(table, "banyak_pemda", False):
            return f"{self._nama(value)} ({value.pemda.nama})"
        return self._nama(value)


class WaktuColumn(Column):
    """django_tables2.DateTimeColumn (the time in the local timezone, in a `date` filter
    format; the export value is that local time as a naive datetime) without its template: that column
    compiles and renders a Template for every cell."""

    def __init__(self, *args, format=None, short=True, **kwargs):
        if format is None:
            format = "SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT"
        self.format = format
        super().__init__(*args, **kwargs)

    def render(self, value):
        # `{{ value|date:format|default:default }}`: the date filter takes the local time.
        teks = formats.date_format(template_localtime(value), self.format)
        return teks or self.default

    # An export holds the moment as a date and time where the agency is (a real Excel
    # date, to the minute), as the listing shows it, not the stored UTC text.
    format_xlsx = "dd/mm/yyyy hh:mm"

    def value(self, value, table):
        if isinstance(value, datetime):
            # template_localtime(value), the reader's zone read once per table (asgiref's
            # context lookup costs more than the conversion).
            if (
                settings.USE_TZ
                and is_aware(value)
                and getattr(value, "convert_to_local_time", True)
            ):
                zona = getattr(table, "_zona_waktu", None)
                if zona is None:
                    zona = table._zona_waktu = get_current_timezone()
                value = value.astimezone(zona)
            return value.replace(tzinfo=None, second=0, microsecond=0)
        return strip_tags(str(self.render(value))).strip()


# The base columns' cell functions that return the value as it is (no call needed).
_IDENTITAS = frozenset((Column.render, _NumberColumn.value, StatusColumn.value))
