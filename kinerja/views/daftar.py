from kinerja import selectors
from kinerja.filters import RealisasiFilterSet
from kinerja.models import Realisasi
from kinerja.tables import RealisasiTable
from renstra import lingkup
from renstra.filters import tahun_triwulan_aktif
from renstra.selectors import skala_predikat
from renstra.tables import CakupanRealisasiMixin, TautanBaris, ada_triwulan, unit_entri
from sakip.tables import DaftarView

KOLOM_REALISASI = (
    "indikator",
    "tahun",
    "triwulan",
    "nilai",
    "status",
    "updated_at",
    "diubah_oleh",
    "indikator__kode",
    "indikator__uraian",
    "indikator__satuan",
    "indikator__periode",
    "indikator__periode__opd",
    "indikator__periode__opd__singkatan",
    "diubah_oleh__username",
)


class RealisasiListView(CakupanRealisasiMixin, DaftarView):
    table_class = RealisasiTable
    filterset_class = RealisasiFilterSet
    export_name = "realisasi-kinerja"
    judul = "Realisasi kinerja"
    keterangan = (
        "Realisasi indikator per triwulan. Capaian membandingkan realisasi s.d. triwulan itu "
        "(dijumlah, nilai terakhir atau rata-rata, menurut aturan indikator) dengan target "
        "tahunan; bila ada target triwulan, capaian terhadapnya ditampilkan juga."
    )

    def get(self, request, *args, **kwargs):
        # The active year unless the user picks another (or clears it with ?tahun=).
        self.saringan_bawaan = {"tahun": str(tahun_triwulan_aktif(request.user)[0])}
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Only the columns the table shows, sorts and links by (a row is read by the page and
        # by every row of an export; the figures come from the read model).
        queryset = Realisasi.objects.select_related("indikator__periode__opd", "diubah_oleh").only(
            *KOLOM_REALISASI
        )
        if not self.mengekspor():
            # Where a row's link opens; an export has no links (value_indikator), so its
            # main query, every filtered row, does not work these out.
            queryset = queryset.annotate(
                unit_entri=unit_entri("indikator__"),
                ada_tw=ada_triwulan("indikator__periode__opd_id"),
            )
        return lingkup.realisasi_terlihat(self.request.user, queryset)

    def get_table_kwargs(self):
        skala = skala_predikat(self.request.user.pemda_id).tingkat
        status = self.status_realisasi

        def baris_untuk(records):
            kunci = {(r.indikator_id, r.tahun, r.triwulan) for r in records}
            return selectors.indikator_rows_kunci(kunci, skala=skala, status=status)

        return {"baris_untuk": baris_untuk, "tautan": TautanBaris(self.request.user)}


realisasi_list = RealisasiListView.as_view()
