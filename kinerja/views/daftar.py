from django.db.models import F, OuterRef, Subquery

from kinerja.filters import RealisasiFilterSet
from kinerja.models import Realisasi, TargetTriwulan
from kinerja.tables import RealisasiTable
from renstra import lingkup
from renstra.filters import tahun_triwulan_aktif
from renstra.models import TargetTahunan
from renstra.selectors import skala_predikat
from renstra.tables import TautanBaris, ada_triwulan, unit_entri
from sakip.tables import DaftarView


class RealisasiListView(DaftarView):
    table_class = RealisasiTable
    filterset_class = RealisasiFilterSet
    export_name = "realisasi-kinerja"
    judul = "Realisasi kinerja"
    keterangan = (
        "Realisasi indikator per triwulan. Capaian dihitung terhadap target triwulan; "
        "bila target triwulan kosong, terhadap target tahunan."
    )

    def get(self, request, *args, **kwargs):
        # The active year unless the user picks another (or clears it with ?tahun=).
        self.saringan_bawaan = {"tahun": str(tahun_triwulan_aktif(request.user)[0])}
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        target = TargetTriwulan.objects.filter(
            indikator_id=OuterRef("indikator_id"),
            tahun=OuterRef("tahun"),
            triwulan=OuterRef("triwulan"),
        )
        target_tahun = TargetTahunan.objects.filter(
            indikator_id=OuterRef("indikator_id"), tahun=OuterRef("tahun")
        )
        queryset = Realisasi.objects.select_related(
            "indikator__periode__opd__pemda", "level", "diubah_oleh"
        ).annotate(
            target_tw=Subquery(target.values("nilai")[:1]),
            target_tw_level_nama=Subquery(target.values("level__nama")[:1]),
            target_tw_level_skor=Subquery(target.values("level__skor")[:1]),
            target_tahun=Subquery(target_tahun.values("nilai")[:1]),
            target_tahun_level_nama=Subquery(target_tahun.values("level__nama")[:1]),
            target_tahun_level_skor=Subquery(target_tahun.values("level__skor")[:1]),
            level_nama=F("level__nama"),
            level_skor=F("level__skor"),
            unit_entri=unit_entri("indikator__"),
            ada_tw=ada_triwulan("indikator__periode__opd_id"),
        )
        return lingkup.realisasi_terlihat(self.request.user, queryset)

    def get_table_kwargs(self):
        return {
            "skala_predikat": skala_predikat(self.request.user.pemda_id),
            "tautan": TautanBaris(self.request.user),
        }


realisasi_list = RealisasiListView.as_view()
