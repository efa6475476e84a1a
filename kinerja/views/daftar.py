from django.db.models import F, OuterRef, Subquery

from kinerja import lingkup
from kinerja.filters import RealisasiFilterSet
from kinerja.models import Realisasi, TargetTriwulan
from kinerja.tables import RealisasiTable, skala_predikat
from sakip.tables import DaftarView


class RealisasiListView(DaftarView):
    table_class = RealisasiTable
    filterset_class = RealisasiFilterSet
    export_name = "realisasi-kinerja"
    judul = "Realisasi kinerja"
    keterangan = "Realisasi indikator per triwulan. Capaian dihitung terhadap target triwulan."

    def get_queryset(self):
        target = TargetTriwulan.objects.filter(
            indikator_id=OuterRef("indikator_id"),
            tahun=OuterRef("tahun"),
            triwulan=OuterRef("triwulan"),
        )
        queryset = Realisasi.objects.select_related(
            "indikator__periode__opd__pemda", "level", "diubah_oleh"
        ).annotate(
            target_tw=Subquery(target.values("nilai")[:1]),
            target_tw_level_nama=Subquery(target.values("level__nama")[:1]),
            target_tw_level_skor=Subquery(target.values("level__skor")[:1]),
            level_nama=F("level__nama"),
            level_skor=F("level__skor"),
        )
        return lingkup.realisasi_terlihat(self.request.user, queryset)

    def get_table_kwargs(self):
        return {"skala_predikat": skala_predikat(self.request.user.pemda_id)}


realisasi_list = RealisasiListView.as_view()
