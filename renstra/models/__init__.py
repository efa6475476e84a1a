"""The plan hierarchy (DESIGN section 2) and what the layers above share: Pemda, OPD,
units, officials and users (organisasi), the Renstra period and its tree with the one
Indikator model and its targets (rencana), the reporting calendar (kalender) and the
predicate scales (predikat), the RPJMD and the pohon kinerja (pohon). Every model is importable as renstra.models.<Name>."""

from renstra.models.dasar import MEASURE, MONEY, ValidatedModel
from renstra.models.kalender import RiwayatTriwulan, TriwulanPelaporan
from renstra.models.organisasi import (
    Eselon,
    JenisPenugasan,
    Pejabat,
    Pemda,
    Pengguna,
    PerangkatDaerah,
    UnitKerja,
)
from renstra.models.pohon import (
    JENJANG_URUTAN,
    OBJEK_FIELDS,
    Jenjang,
    MisiRPJMD,
    NodePohon,
    PeriodeRPJMD,
    SasaranRPJMD,
    TargetRPJMD,
)
from renstra.models.predikat import SkalaPredikat, TingkatPredikat
from renstra.models.program_tahunan import ProgramSasaranTahunan
from renstra.models.rencana import (
    LEVEL_FIELDS,
    Indikator,
    IndikatorRPJMD,
    Kegiatan,
    LevelKategori,
    PeriodeRenstra,
    Program,
    Sasaran,
    SkalaKategori,
    SubKegiatan,
    TargetTahunan,
    Tujuan,
    TujuanRPJMD,
)

__all__ = [
    "MEASURE",
    "MONEY",
    "ValidatedModel",
    "RiwayatTriwulan",
    "TriwulanPelaporan",
    "Eselon",
    "JenisPenugasan",
    "Pejabat",
    "Pemda",
    "Pengguna",
    "PerangkatDaerah",
    "UnitKerja",
    "SkalaPredikat",
    "TingkatPredikat",
    "TujuanRPJMD",
    "IndikatorRPJMD",
    "PeriodeRenstra",
    "Tujuan",
    "Sasaran",
    "Program",
    "ProgramSasaranTahunan",
    "Kegiatan",
    "SubKegiatan",
    "SkalaKategori",
    "LevelKategori",
    "Indikator",
    "TargetTahunan",
    "LEVEL_FIELDS",
    "PeriodeRPJMD",
    "MisiRPJMD",
    "SasaranRPJMD",
    "TargetRPJMD",
    "NodePohon",
    "Jenjang",
    "JENJANG_URUTAN",
    "OBJEK_FIELDS",
]
