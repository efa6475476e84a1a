"""Generated worlds for the benchmarks (issue 15), built with bulk_create (tests/builders.py).

    dunia_opd(kali=1)     an OPD of demo size: ~70 indicator rows in one unit's entry sheet
    dunia_opd(kali=10)    ten times larger: ~670 indicator rows in that one sheet
    dunia_pemda(n_opd=40) a Pemda of 40 OPDs of 300 indicators each (~12,000 indicators)

Each OPD has a Renstra period 2022-2026 with targets, realisations of TW I-IV 2023 (TW IV as
drafts, so the entry sheet has rows to save), pagu, spending, DPA, TW IV 2023 open and one
user per role (operator and verifier bound to the unit of the sheet). Used by bench/run_all.py
and the other benches; it writes into whatever database Django is connected to, so call it
inside a test database (django.test.utils.setup_databases), never on real data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renstra.models import TriwulanPelaporan
from sakip import roles
from tests import builders
from tests.factories import PenggunaFactory

TAHUN, TRIWULAN = 2023, 4
PASSWORD = "rahasia-uji-123"  # tests.factories.PenggunaFactory's


@dataclass
class DuniaOPD:
    rencana: builders.Rencana
    unit: object
    users: dict = field(default_factory=dict)  # role name -> Pengguna

    @property
    def opd(self):
        return self.rencana.opd


def dunia_opd(kali=1, *, pemda=None, pengguna=True, **kwargs) -> DuniaOPD:
    """One OPD at `kali` times the demo size, its quarter open and (unless pengguna=False)
    its users: operator, verifikator (both bound to the sheet's unit), kadis, perencana,
    pimpinan."""
    rencana = builders.build_opd(
        pemda=pemda, kali=kali, tahun=TAHUN, triwulan=TRIWULAN, unit_tunggal=True, **kwargs
    )
    opd = rencana.opd
    TriwulanPelaporan.objects.create(opd=opd, tahun=TAHUN, triwulan=TRIWULAN)
    unit = opd.unit_set.order_by("urutan").first()
    dunia = DuniaOPD(rencana, unit)
    if pengguna:
        for role, bound in (
            (roles.OPERATOR, True),
            (roles.VERIFIKATOR, True),
            (roles.KEPALA_DINAS, False),
            (roles.PERENCANA, False),
        ):
            dunia.users[role] = PenggunaFactory(
                role=role, pemda=opd.pemda, opd=opd, unit=unit if bound else None
            )
        dunia.users[roles.PIMPINAN] = PenggunaFactory(role=roles.PIMPINAN, pemda=opd.pemda)
    return dunia


# The shape bench/rollup.py has always used: 300 indicators and 100 sub-kegiatan per OPD.
BENTUK_PEMDA = dict(
    sasaran=5,
    program_per_sasaran=2,
    kegiatan_per_program=2,
    sub_per_kegiatan=5,
    indikator_per_sasaran=2,
    indikator_per_program=1,
    indikator_per_kegiatan=4,
    indikator_per_sub=2,
)


def dunia_pemda(n_opd=40):
    """A Pemda of `n_opd` OPDs of 300 indicators each. Returns (pemda, [Rencana])."""
    return builders.build_pemda(n_opd=n_opd, tahun=TAHUN, triwulan=TRIWULAN, **BENTUK_PEMDA)
