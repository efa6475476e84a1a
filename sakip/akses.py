"""Who may GET and who may POST each address: the vocabulary of the rule tables (`AKSES`)
that sit beside the URLs in every urls.py. tests/test_matriks_akses.py walks every URL of
the project with each persona below and asserts the answer a table declares (the generated
permission tests of NetBox), so a view cannot ship without a declared rule.

The tables only declare; the views keep enforcing with sakip.access. A rule names the
personas that are served and, among the refused, those whose answer is 404 because the
row in the address lies outside their scope; everyone else is refused the ordinary way
(see `Aturan.jawaban`).

The personas act on the demo data (renstra.demo): Dinas Sosial PPPA Kota Probolinggo and
its Bidang Rehabilitasi, Perlindungan dan Jaminan Sosial (Rehlinjamsos), whose rows the
addresses carry; Kabupaten Lumajang is the other Pemda."""

from dataclasses import dataclass

ANONIM = "anonim"  # not signed in
ADMIN = "admin"  # the demo admin, a superuser
ADMIN_PEMDA = "admin_pemda"  # Admin of Kota Probolinggo without superuser rights
PERENCANA = "perencana"
OPERATOR = "operator"  # operator of Rehlinjamsos
VERIFIKATOR = "verifikator"  # Kepala Bidang Rehlinjamsos
KEPALA_DINAS = "kadis"
PIMPINAN = "pimpinan"
INSPEKTORAT = "inspektorat"  # the Inspektorat of Kota Probolinggo (reads the Pemda, evaluates)
TANPA_PERAN = "tanpa_peran"  # an account of the OPD without any role
OPERATOR_BIDANG_LAIN = "operator_bidang_lain"  # operator of another Bidang of the OPD
ADMIN_LAIN = "admin_lain"  # Admin of Kabupaten Lumajang
OPERATOR_LAIN = "operator_lain"  # operator of a Bidang of the Lumajang OPD

PERSONA = (
    ANONIM,
    ADMIN,
    ADMIN_PEMDA,
    PERENCANA,
    OPERATOR,
    VERIFIKATOR,
    KEPALA_DINAS,
    PIMPINAN,
    INSPEKTORAT,
    TANPA_PERAN,
    OPERATOR_BIDANG_LAIN,
    ADMIN_LAIN,
    OPERATOR_LAIN,
)

# Groups the tables use. The superuser passes every role check, so it is in each of them.
BERPERAN = frozenset(PERSONA) - {ANONIM, TANPA_PERAN}  # every signed-in account with a role
MASUK = BERPERAN | {TANPA_PERAN}  # every signed-in account
PUBLIK = MASUK | {ANONIM}
OPD_LAIN = frozenset({ADMIN_LAIN, OPERATOR_LAIN})  # the demo OPD is outside their scope
PEMBACA_OPD = BERPERAN - OPD_LAIN  # read the demo OPD's plan, figures and documents
PEMBACA_UNIT = frozenset(  # read the rows of Rehlinjamsos
    {ADMIN, ADMIN_PEMDA, PERENCANA, OPERATOR, VERIFIKATOR, KEPALA_DINAS, PIMPINAN, INSPEKTORAT}
)
PENGISI = frozenset({ADMIN, ADMIN_PEMDA, PERENCANA, OPERATOR})  # enter Rehlinjamsos's rows
# Bound to another unit: an address without a row id shows them their own unit, whatever
# its "?unit=" says.
OPERATOR_UNIT_LAIN = frozenset({OPERATOR_BIDANG_LAIN, OPERATOR_LAIN})
PEMVERIFIKASI = frozenset({ADMIN, VERIFIKATOR, KEPALA_DINAS})  # verify Rehlinjamsos's rows
PENGELOLA = frozenset({ADMIN, ADMIN_PEMDA})  # open quarters, reopen documents
PENGELOLA_MANA_PUN = PENGELOLA | {ADMIN_LAIN}  # the admin pages of their own Pemda
PEMBACA_PEMDA = frozenset({ADMIN, ADMIN_PEMDA, PIMPINAN, INSPEKTORAT, ADMIN_LAIN})  # a whole Pemda
PENYUSUN = frozenset({ADMIN, PERENCANA})  # edit the plan, PK, Rencana Aksi, LKjIP
PENGESAH = frozenset({ADMIN, KEPALA_DINAS})  # finalise PK, Rencana Aksi, LKjIP

DILAYANI = "dilayani"  # served: a page, a download, a redirect or a form's own error
KE_LOGIN = "ke_login"  # 302 to the login page


@dataclass(frozen=True)
class Aturan:
    """Who may GET and who may POST one URL name.

    `get` / `post`: the personas served; None when the method is not allowed at all (405).
    `luar`: refused personas answered 404, the row in the address being outside their
    scope; the other refused personas get 403 (or the login page when not signed in).
    `catatan`: why the rule is what it is, when that is not obvious."""

    get: frozenset | None = None
    post: frozenset | None = None
    luar: frozenset = frozenset()
    catatan: str = ""

    def __post_init__(self):
        for nama in ("get", "post", "luar"):
            nilai = getattr(self, nama)
            if nilai is not None:  # tables write plain sets; keep the rule immutable
                object.__setattr__(self, nama, frozenset(nilai))
            tak_dikenal = set(getattr(self, nama) or ()) - set(PERSONA)
            if tak_dikenal:
                raise ValueError(f"Persona tak dikenal di {nama}: {sorted(tak_dikenal)}")
        dilayani = set(self.get or ()) | set(self.post or ())
        if dilayani & set(self.luar):
            raise ValueError(f"Persona dilayani sekaligus di luar lingkup: {sorted(self.luar)}")

    def jawaban(self, persona, metode):
        """DILAYANI, KE_LOGIN or the refusal's HTTP status for `persona` sending `metode`.

        The order is the order of the checks: sign-in first (login_required), then the
        no-role rule, then the method (require_GET / require_POST), then the role (403)
        and the scope (404) inside the view."""
        boleh = self.get if metode == "GET" else self.post
        if persona in (boleh or ()):
            return DILAYANI
        pintu = persona in set(self.get or ()) | set(self.post or ())
        if persona == ANONIM and not pintu:
            return KE_LOGIN
        if persona == TANPA_PERAN and not pintu:
            return 403
        if boleh is None:
            return 405
        if persona in self.luar:
            return 404
        return 403
