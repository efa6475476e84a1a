"""The shared base of every listing (STYLE rule 1): a django-tables2 table with Indonesian
texts and Bootstrap 5 markup, number columns that show Indonesian formatting on screen and
export the real number, and one list view that checks login, narrows the queryset to the
user's scope (sakip.access), filters with django-filter, paginates by 25/50/100 rows and
exports the whole filtered list to CSV or XLSX."""

import inspect
from datetime import date, datetime
from decimal import Decimal
from functools import partialmethod
from operator import methodcaller

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime
from django_filters.views import FilterView
from django_tables2 import Column, ManyToManyColumn, SingleTableMixin, Table
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.export import ExportMixin, TableExport
from django_tables2.utils import Accessor, signature
from tablib import Dataset

from sakip import access, xlsx
from sakip.kolom import (  # noqa: F401 (the listings import them from here)
    _IDENTITAS,
    AngkaColumn,
    OPDColumn,
    PersenColumn,
    RupiahColumn,
    StatusColumn,
    WaktuColumn,
)

UKURAN_HALAMAN = (25, 50, 100)

# OWASP "CSV injection": a spreadsheet runs a cell that starts with one of these.
_AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def teks_csv_aman(value):
    """A CSV cell that a spreadsheet shows as text: text starting like a formula gets a
    leading apostrophe (OWASP); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_AWAL_RUMUS):
        return "'" + value
    return value


_TANDA = {}


def _tanda(fn):
    """django_tables2.utils.signature of `fn`, read once per process instead of once per
    cell (inspect.signature was most of a listing's time). Column.value, the default export
    value, is its column's render, called the same way."""
    if getattr(fn, "__func__", None) is Column.value:
        fn = fn.__self__.render
    kunci = getattr(fn, "__func__", fn)
    if kunci not in _TANDA:
        _TANDA[kunci] = signature(fn)
    return fn, _TANDA[kunci]


_TERSEDIA = frozenset(("value", "record", "column", "bound_column", "bound_row", "table"))


def _siapkan(fn):
    """(function, the names of the cell arguments it takes) once per column: None for the
    names when it takes **kwargs (every argument), no function when it asks for one a cell
    does not have (call_with_appropriate then returns None), and the function "identitas"
    when it is one of the base columns' `return value`."""
    fn, (args, semua) = _tanda(fn)
    if semua:
        return fn, None
    if not _TERSEDIA.issuperset(args):
        return None, ()
    if getattr(fn, "__func__", None) in _IDENTITAS and args == ("value",):
        return _identitas, args
    return fn, args


def _identitas(value):
    return value


def _identitas_sel(value, row, table):
    return value


def _kosong_sel(value, row, table):
    return None


def _ikuti(accessor, bits, context, quiet):
    """Accessor.resolve(context) for a model instance walked along model attributes, the
    common case, without its dictionary lookup that raises and catches a TypeError on every
    model of the path; anything else (a dict, a list index, a callable, a missing attribute)
    is resolved by django-tables2 itself."""
    current = context
    for bit in bits:
        if not isinstance(current, models.Model):
            return accessor.resolve(context, quiet=quiet)
        try:
            current = getattr(current, bit)
        except AttributeError:
            return accessor.resolve(context, quiet=quiet)
        if callable(current):
            return accessor.resolve(context, quiet=quiet)
        if current is None:
            break
    return current


def _label_pilihan(model, nama):
    """Django's own get_FOO_display of `model` (Model._get_FIELD_display for one field),
    with the field's choices made into a dictionary once instead of on every call; None
    when the model defines its own."""
    fungsi = inspect.getattr_static(model, nama, None)
    if not (
        isinstance(fungsi, partialmethod)
        and fungsi.func is models.Model._get_FIELD_display
        and model._get_FIELD_display is models.Model._get_FIELD_display
        and not fungsi.args
        and set(fungsi.keywords) == {"field"}
    ):
        return None
    field = fungsi.keywords["field"]
    pilihan = dict(make_hashable(field.flatchoices))
    attname = field.attname

    def label(obj):
        value = getattr(obj, attname)
        return force_str(pilihan.get(make_hashable(value), value), strings_only=True)

    return label


def _isi_sel(value, localize):
    """What the django-tables2 template prints for a cell (`{{ cell }}`, or `|localize` /
    `|unlocalize` when the column sets localize), as escaped HTML."""
    if isinstance(value, SafeData):
        return value
    if isinstance(value, str):
        return escape(value)
    if localize is None:
        value = formats.localize(template_localtime(value))
    else:
        value = formats.localize(value, use_l10n=localize)
    return conditional_escape(str(value))


class _Kolom:
    """What reading one column's cells needs, worked out once per table: the accessor,
    whether its model field has choices (then get_FOO_display gives the value, as
    django-tables2 does) per model met, the render and export value functions with their
    signatures, and the cell's HTML attributes when they do not depend on the row."""

    def __init__(self, bound_column):
        self.bound_column = bound_column
        self.column = bound_column.column
        self.accessor = Accessor(bound_column.accessor)
        self.bits = self.accessor.bits
        kiri, _, self.sisa = self.accessor.rpartition(self.accessor.SEPARATOR)
        self.kiri = Accessor(kiri)
        self.bits_kiri = self.kiri.bits
        self.value = _siapkan(bound_column.value)
        self.render = _siapkan(bound_column.render)
        # An export value that reads no `value` (a figure of the read-model row, read from
        # the record) of a column that calls no value empty: what the accessor gives cannot
        # change the cell, so it is not looked up (most of such a cell's time: an accessor
        # that names no attribute of the record fails through django-tables2's resolve).
        args = self.value[1]
        self.nilai_tanpa_akses = (
            args is not None
            and "value" not in args
            and not self.column.empty_values
            and not isinstance(self.column, ManyToManyColumn)
        )
        self._panggil_nilai = self._pemanggil(self.value)
        self._panggil_render = self._pemanggil(self.render)
        self.link = bound_column.link
        self.kosong = self.column.empty_values
        self.m2m = isinstance(self.column, ManyToManyColumn)
        self.tautan = isinstance(self.column, BaseLinkColumn) and self.column.text is not None
        self._pilihan = {}
        self._td = None

    def _dengan_pilihan(self, penultimate, remainder, record):
        """None when the value is not a choice's label, else the function that gives it
        (get_FOO_display, as django-tables2 calls it), per model met."""
        kunci = type(penultimate)
        if kunci not in self._pilihan:
            try:
                field = self.accessor.get_field(record)
            except FieldDoesNotExist:
                field = None
            nama = f"get_{remainder}_display"
            tampil = None
            if getattr(field, "choices", ()) and getattr(penultimate, nama, None):
                tampil = _label_pilihan(kunci, nama) or methodcaller(nama)
            self._pilihan[kunci] = tampil
        return self._pilihan[kunci]

    def _ambil(self, record):
        """(whether to call the column, the value), as BoundRow._get_and_render_with:
        (False, None) gives the column's default."""
        value = None
        # Accessor.penultimate(record), then Accessor.resolve(record), as django-tables2.
        penultimate = _ikuti(self.kiri, self.bits_kiri, record, True)
        remainder = self.sisa
        if isinstance(penultimate, models.Model):
            tampil = self._dengan_pilihan(penultimate, remainder, record)
            if tampil is not None:
                value = tampil(penultimate)
                remainder = None
        if remainder:
            try:
                if isinstance(penultimate, models.Model):
                    value = self._akhir(penultimate, record)
                else:
                    value = _ikuti(self.accessor, self.bits, record, False)
            except Exception:
                if self.tautan:
                    return True, None
        if value in self.kosong or (self.m2m and not value.exists()):
            return False, None
        return True, value

    def _akhir(self, penultimate, record):
        # The walk's last step from the model it reached (_ikuti on the whole path would
        # walk the same attributes again to it).
        try:
            value = getattr(penultimate, self.sisa)
        except AttributeError:
            return self.accessor.resolve(record, quiet=False)
        if callable(value):
            return self.accessor.resolve(record, quiet=False)
        return value

    def _kwargs(self, value, row, table):
        return {
            "value": value,
            "record": row.record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": table,
        }

    def _pemanggil(self, siap):
        """call_with_appropriate(fn, the cell's arguments) as a function of (value, row,
        table) made once per column, building only the arguments fn takes."""
        fn, args = siap
        if fn is _identitas:
            return _identitas_sel
        if fn is None:
            return _kosong_sel
        if args is None:
            return lambda value, row, table: fn(**self._kwargs(value, row, table))
        nama = frozenset(args)
        if nama == {"value"}:
            return lambda value, row, table: fn(value=value)
        if nama == {"record", "table"}:
            return lambda value, row, table: fn(record=row.record, table=table)
        if nama == {"value", "record"}:
            return lambda value, row, table: fn(value=value, record=row.record)
        if nama == {"value", "table"}:
            return lambda value, row, table: fn(value=value, table=table)
        ambil = {
            "value": lambda value, row, table: value,
            "record": lambda value, row, table: row.record,
            "table": lambda value, row, table: table,
            "bound_row": lambda value, row, table: row,
            "column": lambda value, row, table: self.column,
            "bound_column": lambda value, row, table: self.bound_column,
        }
        pasangan = [(arg, ambil[arg]) for arg in args]
        return lambda value, row, table: fn(**{a: f(value, row, table) for a, f in pasangan})

    def nilai(self, row, table):
        """BoundRow.get_cell_value(name) of django-tables2, step for step."""
        if self.nilai_tanpa_akses:
            return self._panggil_nilai(None, row, table)
        ada, value = self._ambil(row.record)
        if not ada:
            return None
        return self._panggil_nilai(value, row, table)

    def sel(self, row, table):
        """BoundRow.get_cell(name): the rendered cell, step for step."""
        ada, value = self._ambil(row.record)
        if not ada:
            return self.bound_column.default
        content = self._panggil_render(value, row, table)
        if self.link:
            return self.link(content, **self._kwargs(value, row, table))
        return content

    def td(self, row, value):
        """The <td>'s attributes (BoundColumn.attrs["td"]), worked out once unless one of
        them is computed from the row."""
        if self._td is not None:
            return self._td
        bound_column = self.bound_column
        bound_column.current_value, bound_column.current_record = value, row.record
        html = bound_column.attrs["td"].as_html()
        attrs = dict(bound_column._table.attrs)
        attrs.update(dict(self.column.attrs))
        if not any(callable(v) for v in attrs.get("td", attrs.get("cell", {})).values()):
            self._td = html
        return html


def nilai_tabel(table, exclude_columns=()):
    """(header, rows) of every row of a table as Table.as_values gives them (the same
    values, types and order), at a fraction of its cost per cell."""
    columns = _kolom_ekspor(table, exclude_columns)
    header = [force_str(c.header, strings_only=True) for c in columns]
    nilai = [_Kolom(c).nilai for c in columns]
    rows = [
        [
            v if v is None or type(v) in _TETAP else force_str(v, strings_only=True)
            for v in [f(row, table) for f in nilai]
        ]
        for row in table.rows
    ]
    return header, rows


# What force_str(strings_only=True) returns as it is, checked first (it is called per cell).
_TETAP = frozenset((str, int, float, Decimal, datetime, date, bool))


def _kolom_ekspor(table, exclude_columns):
    exclude_columns = exclude_columns or ()
    return [
        c
        for c in table.columns.iterall()
        if not (c.column.exclude_from_export or c.name in exclude_columns)
    ]


def format_kolom(table, exclude_columns=()):
    """The Excel number format of each exported column (nilai_tabel's order): the column's
    `format_xlsx` (money and percentages have one), None = General."""
    return [getattr(c.column, "format_xlsx", None) for c in _kolom_ekspor(table, exclude_columns)]


def badan_tabel(table):
    """The <tbody> rows of the rows shown (a page, or every row) as the django-tables2
    template `table.tbody` block writes them (the same cells, attributes and escaping),
    without its template loop, attribute dictionaries and signature reading per cell."""
    kolom = [_Kolom(c) for c in table.columns]
    dengan_atribut = bool(table.row_attrs)
    bagian = []
    for nomor, row in enumerate(table.paginated_rows):
        # even / odd by the row's place on the page: django-tables2 numbers every BoundRow
        # it makes, and reading the page's records for the read model makes a page of them.
        row.row_counter = nomor
        if dengan_atribut:
            bagian.append(format_html("<tr {}>", row.attrs.as_html()))
        else:
            bagian.append(f'<tr class="{row.get_even_odd_css_class()}">')
        for k in kolom:
            value = k.sel(row, table)
            bagian.append(f"<td {k.td(row, value)}>{_isi_sel(value, k.column.localize)}</td>")
        bagian.append("</tr>")
    if not bagian and table.empty_text:
        bagian.append(
            format_html('<tr><td colspan="{}">{}</td></tr>', len(kolom), table.empty_text)
        )
    return mark_safe("\n".join(bagian))


class EksporTabel(TableExport):
    """The listing exports, CSV and XLSX only, through the safe writers: the XLSX is built
    by sakip.xlsx in write-only mode (text cells are strings; money and percentage columns
    have their number format, set once per column), CSV text that would run as a formula
    is neutralised. The values are Table.as_values' (nilai_tabel)."""

    FORMAT_AMAN = (TableExport.CSV, TableExport.XLSX)

    @classmethod
    def is_valid_format(cls, export_format):
        # tablib's other formats (tsv, ods, json …) are not offered and not neutralised.
        return export_format in cls.FORMAT_AMAN

    def __init__(self, export_format, table, exclude_columns=None, dataset_kwargs=None):
        # The rows go straight to the writers: no tablib Dataset between (its per-row
        # checks and copies) for the XLSX, one only to write the CSV.
        if not self.is_valid_format(export_format):
            raise TypeError(f'Export format "{export_format}" is not supported.')
        self.format = export_format
        self.judul = (dataset_kwargs or {}).get("title", "Export Data")
        self.header, self.rows = nilai_tabel(table, exclude_columns)
        self.formats = format_kolom(table, exclude_columns)

    def export(self):
        if self.format == self.XLSX:
            return xlsx.simpan_bytes(
                xlsx.workbook_tabel(self.judul, self.header, self.rows, self.formats)
            )
        aman = Dataset(headers=[teks_csv_aman(h) for h in self.header])
        for row in self.rows:
            aman.append([teks_csv_aman(v) for v in row])
        return aman.export(self.format)


class SakipTable(Table):
    """Base of every table: subclasses declare `class Meta(SakipTable.Meta)`."""

    class Meta:
        template_name = "sakip/_tabel.html"
        empty_text = "Tidak ada data yang sesuai dengan saringan."
        default = "–"
        # `?per_page=` is read and limited to 25/50/100 by DaftarView; django-tables2 would
        # otherwise take any size from its own per-page field.
        per_page_field = "_ukuran_halaman"
        attrs = {"class": "table table-sm table-hover align-middle"}

    def badan_html(self):
        # The rows of sakip/_tabel.html's table.tbody block (badan_tabel).
        return badan_tabel(self)


class DaftarView(LoginRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    """A listing: subclasses set `table_class`, `filterset_class`, `export_name`, `judul`
    and implement `get_queryset()` with the scope of sakip.access. `?per_page=` picks
    25, 50 or 100 rows; `?_export=csv|xlsx` downloads every filtered row."""

    template_name = "sakip/daftar.html"
    export_class = EksporTabel
    export_formats = EksporTabel.FORMAT_AMAN
    judul = ""
    keterangan = ""

    # Filters filled in when the request leaves them empty (the view sets the values).
    saringan_bawaan = {}

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = self.request.GET.copy()
        for name, value in self.saringan_bawaan.items():
            if name not in data:
                data[name] = value
        kwargs["data"] = data
        return kwargs

    def _kolom_opd(self):
        kolom = self.table_class.base_columns.get("opd")
        return kolom if isinstance(kolom, OPDColumn) else None

    def banyak_pemda(self):
        """Does the reader see the OPDs of more than one Pemda? Only an account of no Pemda
        (the superuser) can: sakip.access scopes everyone else to one Pemda at most."""
        if not hasattr(self, "_banyak_pemda"):
            kolom = self._kolom_opd()
            self._banyak_pemda = False
            if kolom is not None and self.request.user.is_superuser:
                model = self.table_class._meta.model
                for bagian in kolom.jalur.split("__"):
                    model = model._meta.get_field(bagian).related_model
                pemda = model._meta.get_field("pemda").related_model
                self._banyak_pemda = pemda.objects.all()[:2].count() > 1
        return self._banyak_pemda

    def get_table_data(self):
        # FilterView leaves the filtered queryset in object_list; an invalid filter form
        # gives an empty list (with the form's Indonesian errors shown) rather than
        # everything.
        data = self.object_list
        kolom = self._kolom_opd()
        if kolom is None or not isinstance(data, models.QuerySet):
            return data
        # What the OPD column names (on screen for readers across the Pemda, in every
        # export) comes in the listing's own query: the OPD's names, and the Pemda's when
        # there are several.
        tambah = [f"{kolom.jalur}__singkatan", f"{kolom.jalur}__nama"]
        if self.banyak_pemda():
            data = data.select_related(f"{kolom.jalur}__pemda")
            tambah.append(f"{kolom.jalur}__pemda__nama")
        dimuat, tunda = data.query.deferred_loading
        if dimuat and not tunda:  # an only(): its fields and these
            data = data.only(*dimuat, *tambah)
        return data

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        # Users who read across the Pemda see which OPD a row belongs to.
        if "opd" in table.columns and access.pemda_wide(self.request.user):
            table.columns.show("opd")
            table.banyak_pemda = self.banyak_pemda()
        return table

    def mengekspor(self):
        """Whether this request downloads the list (`?_export=csv|xlsx`)."""
        return self.request.GET.get(self.export_trigger_param) in self.export_formats

    def get_table_pagination(self, table):
        if self.mengekspor():
            # An export holds every row: no page to count, read and compute figures for
            # before the whole list (its main query and read-model rows run once).
            return False
        try:
            per_page = int(self.request.GET.get("per_page", UKURAN_HALAMAN[0]))
        except ValueError:
            per_page = UKURAN_HALAMAN[0]
        if per_page not in UKURAN_HALAMAN:
            per_page = UKURAN_HALAMAN[0]
        return {"per_page": per_page}

    def get_export_filename(self, export_format):
        return f"{self.export_name}.{export_format}"

    def get_dataset_kwargs(self):
        return {"title": (self.judul or self.export_name)[:31]}

    def cakupan_realisasi(self):
        """Whether the figures count only verified realisations (True / False), or None
        when the listing shows no realisation figures (then the page says nothing)."""
        return None

    def get_context_data(self, **kwargs):
        if self.mengekspor():
            # ExportMixin.render_to_response builds the table it exports and renders no
            # page: the page's context (a second table, with its queries) would be unused.
            return kwargs
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("_export", None)
        context.update(
            crumbs=[(self.judul, "")],
            judul=self.judul,
            keterangan=self.keterangan,
            cakupan_realisasi=self.cakupan_realisasi(),
            ukuran_halaman=UKURAN_HALAMAN,
            query_ekspor=query.urlencode(),
        )
        return context


def tahun_triwulan_dari(request, default):
    """The year and quarter a listing's figures are for: `?tahun=` and `?triwulan=` when
    they are valid (the filter form reports invalid ones), else `default` (tahun, triwulan)."""
    tahun, triwulan = default
    try:
        value = int(request.GET.get("tahun", ""))
        if 2000 <= value <= 2100:
            tahun = value
    except ValueError:
        pass
    try:
        value = int(request.GET.get("triwulan", ""))
        if 1 <= value <= 4:
            triwulan = value
    except ValueError:
        pass
    return tahun, triwulan
