"""The Pemda admin's pages in the application (issue 12): the users, units and officials
of their own Pemda, and only those (a superuser: every Pemda). The Django admin stays for
superusers. Writes go through renstra.services (pengguna_simpan, unit_simpan,
pejabat_simpan), which check the Pemda again."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from renstra import services
from renstra.models import Pejabat, Pengguna, PerangkatDaerah, UnitKerja
from sakip import roles
from sakip.widgets import PESAN_TANGGAL, TanggalInput


def _opd(pemda_id):
    qs = PerangkatDaerah.objects.select_related("pemda").order_by("nama")
    return qs if pemda_id is None else qs.filter(pemda_id=pemda_id)


def _unit(pemda_id):
    qs = UnitKerja.objects.select_related("opd").order_by("opd__nama", "urutan", "nama")
    return qs if pemda_id is None else qs.filter(opd__pemda_id=pemda_id)


def _pejabat(pemda_id):
    qs = Pejabat.objects.select_related("opd", "unit", "atasan").order_by("opd__nama", "nama")
    return qs if pemda_id is None else qs.filter(pemda_id=pemda_id)


def _pengguna(pemda_id):
    qs = Pengguna.objects.select_related("opd", "unit").prefetch_related("groups")
    qs = qs.order_by("opd__nama", "username")
    if pemda_id is None:
        return qs
    return qs.filter(Q(pemda_id=pemda_id) | Q(opd__pemda_id=pemda_id)).exclude(
        Q(is_superuser=True) | Q(is_staff=True)
    )


class _Bootstrap:
    def _gaya(self):
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                w.attrs.setdefault("class", "form-check-input")
            else:
                w.attrs.setdefault(
                    "class", "form-select" if isinstance(w, forms.Select) else "form-control"
                )
            field.error_messages["required"] = "Bagian ini wajib diisi."


class UnitForm(_Bootstrap, forms.ModelForm):
    class Meta:
        model = UnitKerja
        fields = ["opd", "nama", "singkatan", "slug", "jenis", "urutan"]
        help_texts = {"slug": "Huruf kecil dan tanda hubung, mis. rehabilitasi-sosial."}

    def __init__(self, *args, pemda_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd(pemda_id)
        self._gaya()


class PejabatForm(_Bootstrap, forms.ModelForm):
    class Meta:
        model = Pejabat
        fields = [
            "opd",
            "unit",
            "nama",
            "nip",
            "pangkat",
            "golongan",
            "jabatan",
            "jenis_penugasan",
            "eselon",
            "mulai_menjabat",
            "selesai_menjabat",
            "atasan",
            "is_kepala",
            "aktif",
        ]
        widgets = {"mulai_menjabat": TanggalInput(), "selesai_menjabat": TanggalInput()}

    def __init__(self, *args, pemda_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd(pemda_id)
        self.fields["unit"].queryset = _unit(pemda_id)
        atasan = _pejabat(pemda_id)
        if self.instance.pk:
            atasan = atasan.exclude(pk=self.instance.pk)
        self.fields["atasan"].queryset = atasan
        for nama in ("mulai_menjabat", "selesai_menjabat"):
            self.fields[nama].error_messages.update(PESAN_TANGGAL)
        self._gaya()


class PenggunaForm(_Bootstrap, forms.ModelForm):
    peran = forms.MultipleChoiceField(
        label="Peran",
        choices=[(r, r) for r in roles.ALL],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kata_sandi = forms.CharField(
        label="Kata sandi",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Wajib untuk pengguna baru; kosongkan bila tidak diubah.",
    )

    class Meta:
        model = Pengguna
        fields = ["username", "first_name", "last_name", "email", "opd", "unit", "is_active"]
        labels = {
            "username": "Nama pengguna",
            "first_name": "Nama depan",
            "last_name": "Nama belakang",
            "is_active": "Aktif (boleh masuk)",
        }
        help_texts = {"username": "Huruf, angka dan @/./+/-/_ saja."}

    def __init__(self, *args, pemda_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = _opd(pemda_id)
        self.fields["unit"].queryset = _unit(pemda_id)
        if self.instance.pk:
            self.initial["peran"] = [g.name for g in self.instance.groups.all()]
        self._gaya()


@dataclass(frozen=True)
class Jenis:
    kunci: str
    judul: str
    tunggal: str
    form: type
    queryset: object
    simpan: object
    kolom: tuple  # (header, attribute path)


def _simpan_unit(user, form):
    return services.unit_simpan(user=user, unit=form.instance)


def _simpan_pejabat(user, form):
    return services.pejabat_simpan(user=user, pejabat=form.instance)


def _simpan_pengguna(user, form):
    return services.pengguna_simpan(
        user=user,
        pengguna=form.instance,
        peran=form.cleaned_data["peran"],
        kata_sandi=form.cleaned_data["kata_sandi"],
    )


JENIS = {
    "pengguna": Jenis(
        "pengguna",
        "Pengguna",
        "pengguna",
        PenggunaForm,
        _pengguna,
        _simpan_pengguna,
        (
            ("Nama pengguna", "username"),
            ("Nama", "nama"),
            ("Perangkat daerah", "opd"),
            ("Unit", "unit"),
            ("Peran", "peran"),
            ("Aktif", "aktif"),
        ),
    ),
    "unit": Jenis(
        "unit",
        "Unit kerja",
        "unit kerja",
        UnitForm,
        _unit,
        _simpan_unit,
        (
            ("Perangkat daerah", "opd"),
            ("Nama", "nama"),
            ("Singkatan", "singkatan"),
            ("Jenis", "jenis"),
        ),
    ),
    "pejabat": Jenis(
        "pejabat",
        "Pejabat",
        "pejabat",
        PejabatForm,
        _pejabat,
        _simpan_pejabat,
        (
            ("Nama", "nama"),
            ("Jabatan", "jabatan"),
            ("Perangkat daerah", "opd"),
            ("Penugasan", "penugasan"),
            ("Masa jabatan", "masa"),
            ("Aktif", "aktif"),
        ),
    ),
}


def _sel(jenis, obj):
    """The cells of a list row, as text."""
    if jenis == "pengguna":
        return [
            obj.username,
            obj.get_full_name() or "–",
            obj.opd.nama if obj.opd_id else "–",
            obj.unit.nama if obj.unit_id else "–",
            ", ".join(g.name for g in obj.groups.all()) or "tanpa peran",
            "ya" if obj.is_active else "tidak",
        ]
    if jenis == "unit":
        return [obj.opd.nama, obj.nama, obj.singkatan or "–", obj.get_jenis_display()]
    masa = "–"
    if obj.mulai_menjabat or obj.selesai_menjabat:
        awal = obj.mulai_menjabat.strftime("%d/%m/%Y") if obj.mulai_menjabat else "…"
        akhir = obj.selesai_menjabat.strftime("%d/%m/%Y") if obj.selesai_menjabat else "sekarang"
        masa = f"{awal} – {akhir}"
    penugasan = obj.get_jenis_penugasan_display()
    if obj.eselon:
        penugasan += f" · eselon {obj.eselon}"
    return [
        obj.nama,
        obj.jabatan,
        obj.opd.nama if obj.opd_id else "(kepala daerah)",
        penugasan,
        masa,
        "ya" if obj.aktif else "tidak",
    ]


@login_required
@require_GET
def daftar(request, jenis):
    pemda_id = services.pemda_kelolaan(request.user)
    j = JENIS[jenis]
    baris = [(obj.pk, _sel(jenis, obj)) for obj in j.queryset(pemda_id)]
    return render(
        request,
        "renstra/pengelolaan_daftar.html",
        {"j": j, "baris": baris, "semua": JENIS.values(), "kolom": [k for k, _ in j.kolom]},
    )


@login_required
def ubah(request, jenis, pk=None):
    pemda_id = services.pemda_kelolaan(request.user)
    j = JENIS[jenis]
    obj = get_object_or_404(j.queryset(pemda_id), pk=pk) if pk else j.form._meta.model()
    form = j.form(request.POST or None, instance=obj, pemda_id=pemda_id)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                j.simpan(request.user, form)
            except ValidationError as exc:
                for nama, pesan in (
                    exc.message_dict.items()
                    if hasattr(exc, "error_dict")
                    else [(None, exc.messages)]
                ):
                    form.add_error(nama if nama in form.fields else None, pesan)
            else:
                messages.success(request, f"Data {j.tunggal} disimpan.")
                return redirect(f"pengelolaan:{jenis}_list")
        status = 422
    return render(
        request,
        "renstra/pengelolaan_form.html",
        {"j": j, "form": form, "obj": obj if pk else None, "semua": JENIS.values()},
        status=status,
    )
