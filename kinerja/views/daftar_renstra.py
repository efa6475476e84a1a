from django.db.models import OuterRef, Q, Subquery

from anggaran import selectors as anggaran_selectors
from anggaran.models import RealisasiAnggaran
from kinerja import selectors
from kinerja.filters_renstra import IndikatorFilterSet, SubKegiatanFilterSet
from kinerja.models import Realisasi, TargetTriwulan
from kinerja.tables_renstra import IndikatorTable, SubKegiatanTable
from renstra import lingkup
from renstra.filters import tahun_triwulan_aktif
from renstra.models import Indikator, SubKegiatan, TargetTahunan
from renstra.selectors import skala_predikat
from renstra.tables import CakupanRealisasiMixin, TautanBaris, ada_triwulan, unit_entri
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


# The columns the indicator table shows, sorts and links by: its level (the one plan
# element it belongs to) with that element's code and name; the figures are the read model's.
KOLOM_INDIKATOR = (
    "kode",
    "uraian",
    "is_iku",
    "satuan",
    "urutan",
    "periode",
    "periode__opd",
    "periode__opd__singkatan",
    "node_pohon",
    *(f"{tingkat}__{kolom}" for tingkat in ("tujuan", "sasaran") for kolom in ("kode", "uraian")),
    *(
        f"{tingkat}__{kolom}"
        for tingkat in ("program", "kegiatan", "sub_kegiatan")
        for kolom in ("kode", "nama")
    ),
)


class IndikatorListView(CakupanRealisasiMixin, _TahunTriwulanMixin, DaftarView):
    table_class = IndikatorTable
    filterset_class = IndikatorFilterSet
    export_name = "indikator"
    judul = "Indikator"
    keterangan = (
        "Indikator kinerja di semua tingkat rencana, dengan target, realisasi triwulan dan "
        "s.d. triwulan, dan capaian s.d. triwulan terhadap target tahunan (serta terhadap "
        "target triwulan bila ada)."
    )
    template_name = "kinerja/daftar_indikator.html"

    def get_queryset(self):
        # The figures shown are the read model's (see get_table_kwargs); these annotations
        # only sort the columns and filter by the quarter's status.
        tahun, tw = self.tahun, self.triwulan
        t_tahun = TargetTahunan.objects.filter(indikator_id=OuterRef("pk"), tahun=tahun)
        t_tw = TargetTriwulan.objects.filter(indikator_id=OuterRef("pk"), tahun=tahun, triwulan=tw)
        real = Realisasi.objects.filter(indikator_id=OuterRef("pk"), tahun=tahun, triwulan=tw)
        queryset = (
            Indikator.objects.select_related(
                "periode__opd", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"
            )
            .only(*KOLOM_INDIKATOR)
            .annotate(
                target_tahun=Subquery(t_tahun.values("nilai")[:1]),
                target_tw=Subquery(t_tw.values("nilai")[:1]),
                nilai_tw=Subquery(real.values("nilai")[:1]),
                status_tw=Subquery(real.values("status")[:1]),
            )
        )
        if not self.mengekspor():
            # Where a row's link opens (an export has no links).
            queryset = queryset.annotate(
                unit_entri=unit_entri(), ada_tw=ada_triwulan("periode__opd_id", tahun, tw)
            )
        return lingkup.indikator_terlihat(self.request.user, queryset)

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        skala = skala_predikat(self.request.user.pemda_id).tingkat
        tahun, tw = self.tahun, self.triwulan
        status = self.status_realisasi

        def baris_untuk(records):
            ids = [r.pk for r in records]
            return selectors.indikator_rows_q(Q(pk__in=ids), tahun, tw, skala=skala, status=status)

        kwargs["baris_untuk"] = baris_untuk
        kwargs["tautan"] = TautanBaris(self.request.user)
        return kwargs


class SubKegiatanListView(CakupanRealisasiMixin, _TahunTriwulanMixin, DaftarView):
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
        status = RealisasiAnggaran.objects.filter(
            sub_kegiatan_id=OuterRef("pk"), tahun=tahun, triwulan=tw
        )
        queryset = anggaran_selectors.dengan_anggaran(
            SubKegiatan.objects.select_related("kegiatan__program", "unit", "periode__opd"),
            anggaran_selectors.JALUR["sub_kegiatan"],
            tahun,
            tw,
            self.status_realisasi,
        ).annotate(
            status_tw=Subquery(status.values("status")[:1]),
            ada_tw=ada_triwulan("periode__opd_id", tahun, tw),
        )
        return lingkup.sub_kegiatan_terlihat(self.request.user, queryset)


indikator_list = IndikatorListView.as_view()
subkegiatan_list = SubKegiatanListView.as_view()
