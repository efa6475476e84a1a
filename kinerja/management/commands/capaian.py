"""python manage.py capaian --opd <slug> --tahun <tahun> [--triwulan N]

Prints a year's figures of one OPD as aligned text in Indonesian number format: per sasaran
its indicators (target, realisasi, capaian, tingkat kemajuan, predikat), budget, share of
the DPA and efficiency; then per program and kegiatan the pagu in force, realisation to date
and penyerapan. It reads kinerja.selectors.capaian_opd, the same rows pages and documents use.
"""

from django.core.management.base import BaseCommand, CommandError

from kinerja import selectors
from renstra.models import PerangkatDaerah
from sakip import angka as fmt

LEBAR_NAMA = 58


def _potong(text, width=LEBAR_NAMA):
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _nilai(value):
    """A measured value: at most two decimals, no trailing zeros (86; 49,48; 70,32)."""
    return fmt.angka(fmt.bulatkan(value, 2)) if value is not None else fmt.TANPA_NILAI


def _target(nilai, level, teks):
    if level is not None:
        return level.nama
    if nilai is not None:
        return _nilai(nilai)
    return teks or fmt.TANPA_NILAI


def _realisasi(row):
    if row.kategori:
        return row.realisasi_level.nama if row.realisasi_level else fmt.TANPA_NILAI
    return _nilai(row.realisasi)


def tabel(header, rows, kanan=()):
    """Aligned text table: `kanan` holds the indexes of right-aligned (number) columns."""
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells):
        parts = [
            cell.rjust(widths[i]) if i in kanan else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    garis = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), garis, *(line(r) for r in rows)])


class Command(BaseCommand):
    help = (
        "Menampilkan capaian kinerja, predikat, penyerapan anggaran, efisiensi dan tingkat "
        "kemajuan satu perangkat daerah untuk satu tahun sampai triwulan tertentu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="slug perangkat daerah")
        parser.add_argument("--tahun", required=True, type=int, help="tahun anggaran, mis. 2020")
        parser.add_argument(
            "--triwulan", type=int, default=4, help="sampai triwulan 1–4 (bawaan: 4)"
        )

    def handle(self, *args, opd, tahun, triwulan, **options):
        if triwulan not in (1, 2, 3, 4):
            raise CommandError("Triwulan harus 1, 2, 3 atau 4.")
        try:
            perangkat = PerangkatDaerah.objects.select_related("pemda").get(slug=opd)
        except PerangkatDaerah.DoesNotExist as exc:
            raise CommandError(f"Perangkat daerah dengan slug “{opd}” tidak ditemukan.") from exc
        hasil = selectors.capaian_opd(perangkat, tahun, triwulan)
        if hasil.periode is None:
            raise CommandError(
                f"{perangkat.nama} tidak memiliki periode Renstra yang mencakup tahun {tahun}."
            )
        self.stdout.write(self.render(hasil))

    def render(self, hasil):
        out = []
        p = hasil.pengaturan
        tw = fmt.triwulan_romawi(hasil.triwulan)
        out.append(f"CAPAIAN KINERJA {hasil.opd.nama.upper()}")
        out.append(f"Tahun {hasil.tahun}, sampai dengan Triwulan {tw}")
        out.append(
            f"Periode: {hasil.periode.nama or f'Renstra {hasil.periode.tahun_awal}–{hasil.periode.tahun_akhir}'}"
            f" · skala predikat: {p.nama_skala}"
            f" · rumus negatif: {p.rumus_negatif} · efisiensi: {p.konvensi_efisiensi}"
            + (f" · batas capaian: {fmt.angka(p.batas_capaian)}%" if p.batas_capaian else "")
        )
        out.append("")

        header = (
            "Indikator",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            f"Kemajuan (%) thd {hasil.periode.tahun_akhir}",
            "Predikat",
        )
        for nomor, sasaran in enumerate(hasil.sasaran, start=1):
            out.append(f"SASARAN {nomor}. {_potong(sasaran.uraian, 100)}")
            rows = []
            for ind in sasaran.indikator:
                rows.append(
                    (
                        _potong(ind.uraian),
                        ind.satuan or "",
                        _target(ind.target, ind.target_level, ind.target_teks),
                        _realisasi(ind),
                        fmt.persen(ind.capaian),
                        fmt.persen(ind.kemajuan),
                        ind.predikat.label if ind.predikat else fmt.TANPA_NILAI,
                    )
                )
            if rows:
                out.append(tabel(header, rows, kanan={2, 3, 4, 5}))
            else:
                out.append("  (belum ada indikator sasaran)")
            out.append("")
            a = sasaran.anggaran
            if a is not None:
                out.append(
                    f"  Anggaran sasaran: pagu {fmt.rupiah(a.pagu)} · realisasi {fmt.rupiah(a.realisasi)}"
                    f" · penyerapan {fmt.persen(a.penyerapan, simbol=True)}"
                    f" · pangsa DPA {fmt.persen(a.pangsa, simbol=True)}"
                )
            out.append(
                f"  Rata-rata capaian: {fmt.persen(sasaran.capaian_rata, simbol=True)}"
                f" · {self._efisiensi(sasaran.efisiensi)}"
            )
            for ind in sasaran.indikator:
                if ind.efisiensi is not None and ind.efisiensi.ada:
                    out.append(f"    {_potong(ind.uraian, 50)}: {self._efisiensi(ind.efisiensi)}")
            out.append("")

        anggaran = hasil.anggaran
        out.append("PROGRAM DAN KEGIATAN")
        rows = []
        for program in anggaran.program:
            rows.append(
                (
                    program.kode,
                    _potong(program.nama),
                    fmt.rupiah(program.pagu),
                    fmt.rupiah(program.realisasi),
                    fmt.persen(program.penyerapan),
                )
            )
            for kegiatan in anggaran.anak("kegiatan", program.id):
                rows.append(
                    (
                        "  " + kegiatan.kode,
                        "  " + _potong(kegiatan.nama, LEBAR_NAMA - 2),
                        fmt.rupiah(kegiatan.pagu),
                        fmt.rupiah(kegiatan.realisasi),
                        fmt.persen(kegiatan.penyerapan),
                    )
                )
        rows.append(
            (
                "",
                "Jumlah",
                fmt.rupiah(anggaran.pagu),
                fmt.rupiah(anggaran.realisasi),
                fmt.persen(anggaran.penyerapan),
            )
        )
        out.append(
            tabel(
                ("Kode", "Program / Kegiatan", "Pagu", f"Realisasi s.d. TW {tw}", "Penyerapan (%)"),
                rows,
                kanan={2, 3, 4},
            )
        )
        if anggaran.dpa is not None:
            out.append("")
            out.append(
                f"DPA perangkat daerah: {fmt.rupiah(anggaran.dpa.jumlah)}"
                f" · pagu program {fmt.persen(anggaran.pangsa_program, simbol=True)} dari DPA"
            )
        return "\n".join(out) + "\n"

    @staticmethod
    def _efisiensi(e):
        if e is None or not e.ada:
            return "efisiensi: – (belum dapat dinilai)"
        status = e.label or e.status
        if e.indeks:
            return (
                f"indeks efisiensi {fmt.angka(e.nilai, 3)} · tingkat efisiensi "
                f"{fmt.angka(e.tingkat, 3)} ({status})"
            )
        return (
            f"rasio efisiensi {fmt.persen(e.nilai, simbol=True)} · tingkat efisiensi "
            f"{fmt.persen(e.tingkat, simbol=True)} ({status})"
        )
