from django.db.models import OuterRef

from anggaran import selectors
from anggaran.filters import RealisasiAnggaranFilterSet
from anggaran.models import RealisasiAnggaran
from anggaran.tables import RealisasiAnggaranTable
from renstra import lingkup
from renstra.filters import tahun_triwulan_aktif
from renstra.tables import CakupanRealisasiMixin, TautanBaris, ada_triwulan
from sakip.tables import DaftarView


class RealisasiAnggaranListView(CakupanRealisasiMixin, DaftarView):
    table_class = RealisasiAnggaranTable
    filterset_class = RealisasiAnggaranFilterSet
    export_name = "realisasi-anggaran"
    judul = "Realisasi anggaran"
    keterangan = (
        "Belanja sub kegiatan per triwulan, kumulatif dan penyerapan terhadap pagu yang berlaku."
    )
    template_name = "anggaran/daftar_realisasi_anggaran.html"

    def get(self, request, *args, **kwargs):
        # The active year unless the user picks another (or clears it with ?tahun=).
        self.saringan_bawaan = {"tahun": str(tahun_triwulan_aktif(request.user)[0])}
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Each row's own year and quarter: the pagu in force then and the amount cumulated
        # to it, by the read model's rules (anggaran.selectors).
        queryset = selectors.dengan_anggaran(
            RealisasiAnggaran.objects.select_related(
                "sub_kegiatan__unit", "sub_kegiatan__periode__opd"
            ),
            selectors.JALUR["sub_kegiatan"],
            OuterRef("tahun"),
            OuterRef("triwulan"),
            self.status_realisasi,
            ke=OuterRef("sub_kegiatan_id"),
        ).annotate(ada_tw=ada_triwulan("sub_kegiatan__periode__opd_id"))
        return lingkup.realisasi_anggaran_terlihat(self.request.user, queryset)

    def get_table_kwargs(self):
        return {"tautan": TautanBaris(self.request.user)}


realisasi_anggaran_list = RealisasiAnggaranListView.as_view()
