from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.selectors import RUPIAH
from kinerja.filters_renstra import IndikatorFilterSet, SubKegiatanFilterSet
from kinerja.models import Realisasi, TargetTriwulan
from kinerja.tables_renstra import IndikatorTable, SubKegiatanTable
from renstra import lingkup
from renstra.filters import tahun_triwulan_aktif
from renstra.models import Indikator, SubKegiatan, TargetTahunan
from renstra.selectors import skala_predikat
from renstra.tables import TautanBaris, ada_triwulan, unit_entri
from sakip.tables import DaftarView, tahun_triwulan_dari


class _TahunTriwulanMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.tahun, self.triwulan = tahun_triwulan_dari(
                request, tahun_triwulan_aktif(request.user)
            )
            self.saringan_bawaan = {"tahun": str(self.tahun), "triwulan": str(self.triwulan)}
        return super().dispatch(request, *args, **kwargs)

    def get_table_kwargs(self):
        return {"tahun": self.tahun, "triwulan": self.triwulan}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(tahun=self.tahun, triwulan=self.triwulan)
        return context


class IndikatorListView(_TahunTriwulanMixin, DaftarView):
    table_class = IndikatorTable
    filterset_class = IndikatorFilterSet
    export_name = "indikator"
    judul = "Indikator"
    keterangan = (
        "Indikator kinerja di semua tingkat rencana, dengan target, realisasi dan capaian triwulan."
    )
    template_name = "kinerja/daftar_indikator.html"

    def get_queryset(self):
        tahun, tw = self.tahun, self.triwulan
        t_tahun = TargetTahunan.objects.filter(indikator_id=OuterRef("pk"), tahun=tahun)
        t_tw = TargetTriwulan.objects.filter(indikator_id=OuterRef("pk"), tahun=tahun, triwulan=tw)
        real = Realisasi.objects.filter(indikator_id=OuterRef("pk"), tahun=tahun, triwulan=tw)
        queryset = Indikator.objects.select_related(
            "periode__opd__pemda", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"
        ).annotate(
            target_tahun=Subquery(t_tahun.values("nilai")[:1]),
            target_tahun_teks=Subquery(t_tahun.values("teks")[:1]),
            target_tahun_level_nama=Subquery(t_tahun.values("level__nama")[:1]),
            target_tahun_level_skor=Subquery(t_tahun.values("level__skor")[:1]),
            target_tw=Subquery(t_tw.values("nilai")[:1]),
            target_tw_teks=Subquery(t_tw.values("teks")[:1]),
            target_tw_level_nama=Subquery(t_tw.values("level__nama")[:1]),
            target_tw_level_skor=Subquery(t_tw.values("level__skor")[:1]),
            nilai_tw=Subquery(real.values("nilai")[:1]),
            level_tw_nama=Subquery(real.values("level__nama")[:1]),
            level_tw_skor=Subquery(real.values("level__skor")[:1]),
            status_tw=Subquery(real.values("status")[:1]),
            unit_entri=unit_entri(),
            ada_tw=ada_triwulan("periode__opd_id", tahun, tw),
        )
        return lingkup.indikator_terlihat(self.request.user, queryset)

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        kwargs["skala_predikat"] = skala_predikat(self.request.user.pemda_id)
        kwargs["tautan"] = TautanBaris(self.request.user)
        return kwargs


class SubKegiatanListView(_TahunTriwulanMixin, DaftarView):
    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        kwargs["tautan"] = TautanBaris(self.request.user)
        return kwargs

    table_class = SubKegiatanTable
    filterset_class = SubKegiatanFilterSet
    export_name = "sub-kegiatan"
    judul = "Sub kegiatan"
    keterangan = (
        "Sub kegiatan dengan pagu yang berlaku, realisasi anggaran kumulatif dan penyerapan."
    )
    template_name = "kinerja/daftar_subkegiatan.html"

    def get_queryset(self):
        tahun, tw = self.tahun, self.triwulan
        pagu = (
            Pagu.objects.filter(sub_kegiatan_id=OuterRef("pk"), tahun=tahun, berlaku_mulai__lte=tw)
            .order_by("-berlaku_mulai")
            .values("jumlah")[:1]
        )
        kumulatif = (
            RealisasiAnggaran.objects.filter(
                sub_kegiatan_id=OuterRef("pk"), tahun=tahun, triwulan__lte=tw
            )
            .order_by()
            .values("sub_kegiatan_id")
            .annotate(total=Sum("jumlah"))
            .values("total")
        )
        status = RealisasiAnggaran.objects.filter(
            sub_kegiatan_id=OuterRef("pk"), tahun=tahun, triwulan=tw
        )
        queryset = SubKegiatan.objects.select_related(
            "kegiatan__program", "unit", "periode__opd"
        ).annotate(
            pagu_berlaku=Subquery(pagu),
            # Nothing spent yet is Rp 0 (as in anggaran.selectors), so penyerapan is 0,00%.
            realisasi_sd=Coalesce(Subquery(kumulatif), Value(Decimal(0)), output_field=RUPIAH),
            status_tw=Subquery(status.values("status")[:1]),
            ada_tw=ada_triwulan("periode__opd_id", tahun, tw),
        )
        return lingkup.sub_kegiatan_terlihat(self.request.user, queryset)


indikator_list = IndikatorListView.as_view()
subkegiatan_list = SubKegiatanListView.as_view()
