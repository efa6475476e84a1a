"""The Pemda admin's predicate scales (issue 11 item 1): the scales of their own Pemda and
the global ones (read-only), which one the Pemda grades by, and a scale's bands built in
the application. Writes go through renstra.services (skala_simpan, skala_pakai)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.forms import inlineformset_factory
from django.shortcuts import get_object_or_404, redirect, render

from renstra import services
from renstra.models import Pemda, SkalaPredikat, TingkatPredikat
from renstra.views_pengelolaan import JENIS, _Bootstrap
from sakip.formfields import AngkaDecimalField

KOLOM = services.KOLOM_TINGKAT


class SkalaForm(_Bootstrap, forms.ModelForm):
    class Meta:
        model = SkalaPredikat
        fields = ["nama"]
        labels = {"nama": "Nama skala"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._gaya()


class TingkatForm(_Bootstrap, forms.ModelForm):
    class Meta:
        model = TingkatPredikat
        fields = list(KOLOM)
        field_classes = {"batas_bawah": AngkaDecimalField, "batas_atas": AngkaDecimalField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._gaya()


TingkatFormSet = inlineformset_factory(
    SkalaPredikat, TingkatPredikat, form=TingkatForm, fields=list(KOLOM), extra=3, can_delete=True
)


class PilihSkalaForm(forms.Form):
    skala = forms.ModelChoiceField(
        label="Skala yang dipakai pemda",
        queryset=SkalaPredikat.objects.none(),
        error_messages={
            "required": "Pilih skala.",
            "invalid_choice": "Skala ini tidak dapat dipilih.",
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def _terlihat(pemda_id):
    """The scales shown: the Pemda's own and the global ones (a superuser: all)."""
    qs = SkalaPredikat.objects.select_related("pemda").prefetch_related(
        Prefetch("tingkat_set", queryset=TingkatPredikat.objects.order_by("-batas_bawah"))
    )
    qs = qs.order_by("pemda__nama", "nama")
    return qs if pemda_id is None else qs.filter(Q(pemda_id=pemda_id) | Q(pemda__isnull=True))


@login_required
def daftar(request):
    lingkup = services.pemda_kelolaan(request.user)
    pemda_id = lingkup if lingkup is not None else request.user.pemda_id
    pemda = Pemda.objects.filter(pk=pemda_id).first()
    form = PilihSkalaForm(
        request.POST or None, initial={"skala": pemda and pemda.skala_predikat_id}
    )
    form.fields["skala"].queryset = _terlihat(pemda_id)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.skala_pakai(user=request.user, skala=form.cleaned_data["skala"])
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "Skala predikat yang dipakai pemda disimpan.")
                return redirect("pengelolaan:skala_list")
        status = 422
    skala = list(_terlihat(lingkup))
    return render(
        request,
        "renstra/pengelolaan_skala.html",
        {
            "skala": skala,
            "pemda": pemda,
            "form": form,
            "semua": JENIS.values(),
            "j": {"kunci": "skala"},
        },
        status=status,
    )


@login_required
def ubah(request, pk=None):
    services.pemda_kelolaan(request.user)
    obj = get_object_or_404(services.skala_kelolaan(request.user), pk=pk) if pk else None
    obj = obj or SkalaPredikat()
    form = SkalaForm(request.POST or None, instance=obj)
    formset = TingkatFormSet(request.POST or None, instance=obj, prefix="tingkat")
    status = 200
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            tingkat = [
                {k: f.cleaned_data.get(k) for k in KOLOM}
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.skala_simpan(user=request.user, skala=form.instance, tingkat=tingkat)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "Skala predikat disimpan.")
                return redirect("pengelolaan:skala_list")
        status = 422
    return render(
        request,
        "renstra/pengelolaan_skala_form.html",
        {
            "form": form,
            "formset": formset,
            "obj": obj if pk else None,
            "semua": JENIS.values(),
            "j": {"kunci": "skala"},
        },
        status=status,
    )
