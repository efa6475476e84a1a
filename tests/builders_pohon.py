"""A pohon kinerja on top of tests.builders.build_opd: an RPJMD period with one tujuan and
its IKU Kota, a Kepala Dinas, one eselon III and two eselon IV officials per unit, and the
tree cascaded from the Renstra by renstra.services_pohon.pohon_dari_renstra."""

from decimal import Decimal

from renstra import services_pohon
from renstra.models import (
    Eselon,
    IndikatorRPJMD,
    Pejabat,
    PeriodeRPJMD,
    TargetRPJMD,
    TujuanRPJMD,
)


def pejabat_opd(opd):
    """Kepala Dinas, per unit one eselon III (superior: the Kepala Dinas) and two eselon IV
    (superior: their Kepala Bidang). Returns {"kepala": p, unit_id: {"III": p, "IV": [p, p]}}."""
    kepala = Pejabat.objects.create(
        pemda=opd.pemda,
        opd=opd,
        nama=f"Kepala {opd.nama}",
        nip=f"1970{opd.pk:04d}00",
        jabatan=f"Kepala {opd.nama}",
        is_kepala=True,
        eselon=Eselon.II_B,
    )
    hasil = {"kepala": kepala}
    for unit in opd.unit_set.order_by("urutan"):
        kabid = Pejabat.objects.create(
            pemda=opd.pemda,
            opd=opd,
            unit=unit,
            nama=f"Kabid {unit.nama} {opd.pk}",
            nip=f"1975{opd.pk:04d}{unit.pk:04d}",
            jabatan=f"Kepala {unit.nama}",
            eselon=Eselon.III_B,
            atasan=kepala,
        )
        kasi = [
            Pejabat.objects.create(
                pemda=opd.pemda,
                opd=opd,
                unit=unit,
                nama=f"Kasi {i} {unit.nama} {opd.pk}",
                nip=f"1980{opd.pk:04d}{unit.pk:04d}{i}",
                jabatan=f"Kepala Seksi {i} {unit.nama}",
                eselon=Eselon.IV_A,
                atasan=kabid,
            )
            for i in (1, 2)
        ]
        hasil[unit.pk] = {"III": kabid, "IV": kasi}
    return hasil


def build_pohon(rencana, *, periode_rpjmd=None):
    """The tree of `rencana` (a tests.builders.Rencana). Returns the PeriodeRPJMD."""
    periode = rencana.periode
    pemda = rencana.opd.pemda
    if periode_rpjmd is None:
        periode_rpjmd = PeriodeRPJMD.objects.filter(pemda=pemda).first()
    if periode_rpjmd is None:
        periode_rpjmd = PeriodeRPJMD.objects.create(
            pemda=pemda, tahun_awal=periode.tahun_awal, tahun_akhir=periode.tahun_akhir
        )
        tujuan = TujuanRPJMD.objects.create(
            pemda=pemda, periode_rpjmd=periode_rpjmd, kode="1", uraian="Tujuan RPJMD uji"
        )
        iku = IndikatorRPJMD.objects.create(
            tujuan_rpjmd=tujuan, uraian="Persentase penduduk miskin", satuan="%"
        )
        TargetRPJMD.objects.create(indikator=iku, tahun=rencana.tahun, nilai=Decimal("7.5"))
    tujuan_rpjmd = periode_rpjmd.tujuan_set.first()
    iku = tujuan_rpjmd.indikator_set.first()
    periode.tujuan_set.update(tujuan_rpjmd=tujuan_rpjmd)
    periode.sasaran_set.update(iku_kota=iku)
    if not Pejabat.objects.filter(opd=rencana.opd).exists():
        pejabat_opd(rencana.opd)
    services_pohon.pohon_dari_renstra(periode_rpjmd=periode_rpjmd, periode=periode)
    return periode_rpjmd
