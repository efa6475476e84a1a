"""The main navigation: which links a user sees (STYLE rule 5: links a user may not use
are not shown). Each entry names a URL; an entry whose URL is not (yet) routed is left
out, so an app can ship its views later without touching the base template."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from sakip import access, roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple  # empty = every signed-in user
    group: str = ""  # items with the same group share a dropdown


# Append new entries here (one line each); order is the display order.
NAV_ITEMS = [
    NavItem(
        "Dasbor Pemda", "kinerja:dasbor_pemda", (roles.PIMPINAN, roles.INSPEKTORAT, roles.ADMIN)
    ),
    NavItem(
        "Dasbor OPD",
        "kinerja:dasbor_opd",
        (roles.KEPALA_DINAS, roles.PERENCANA, roles.VERIFIKATOR, roles.OPERATOR, roles.ADMIN),
    ),
    NavItem("Entri Realisasi", "kinerja:entri", (roles.OPERATOR, roles.PERENCANA)),
    NavItem("Verifikasi", "kinerja:verifikasi", (roles.VERIFIKATOR, roles.KEPALA_DINAS)),
    NavItem("Triwulan", "kinerja:triwulan_list", (roles.ADMIN,)),
    NavItem("Indikator", "kinerja:indikator_list", (), "Daftar"),
    NavItem("Sub Kegiatan", "kinerja:subkegiatan_list", (), "Daftar"),
    NavItem("Realisasi", "kinerja:realisasi_list", (), "Daftar"),
    NavItem("Realisasi Anggaran", "anggaran:realisasi_anggaran_list", (), "Daftar"),
    NavItem("Realisasi via Excel", "kinerja:realisasi_excel", (roles.OPERATOR, roles.PERENCANA)),
    NavItem("Impor Renstra", "anggaran:renstra_impor", (roles.ADMIN,)),
    NavItem("Pengguna", "pengelolaan:pengguna_list", (roles.ADMIN,), "Pengelolaan"),
    NavItem("Unit Kerja", "pengelolaan:unit_list", (roles.ADMIN,), "Pengelolaan"),
    NavItem("Pejabat", "pengelolaan:pejabat_list", (roles.ADMIN,), "Pengelolaan"),
    NavItem("Skala Predikat", "pengelolaan:skala_list", (roles.ADMIN,), "Pengelolaan"),
    NavItem("Pagu", "anggaran:pagu", (roles.PERENCANA, roles.ADMIN, roles.KEPALA_DINAS)),
    NavItem("Dokumen", "laporan:beranda", ()),
    NavItem(
        "Evaluasi AKIP",
        "evaluasi:beranda",
        (roles.INSPEKTORAT, roles.PERENCANA, roles.KEPALA_DINAS, roles.PIMPINAN, roles.ADMIN),
    ),
]


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def nav_for(user, current_path=""):
    """[(group_label or "", [(label, url, active)])] for the signed-in user."""
    if not user.is_authenticated:
        return []
    if not user.is_superuser and not access.has_role(user, *roles.ALL):
        return []  # an account without a role sees nothing but its own menu
    sections = []
    index = {}
    for item in NAV_ITEMS:
        if item.roles and not access.has_role(user, *item.roles):
            continue
        url = _url(item.url_name)
        if url is None:
            continue
        active = bool(current_path) and current_path.startswith(url)
        entry = (item.label, url, active)
        if item.group:
            if item.group not in index:
                index[item.group] = len(sections)
                sections.append((item.group, []))
            sections[index[item.group]][1].append(entry)
        else:
            sections.append(("", [entry]))
    return sections


def lingkup_label(user):
    """What the header names beside the brand: the Pemda for a reader across a whole Pemda
    (pimpinan, inspektorat, admin, a planner of the Pemda without an OPD), the OPD for
    everyone bound to one, nothing for an account of no Pemda (the superuser)."""
    if not user.is_authenticated:
        return ""
    if access.pemda_wide(user) or not user.opd_id:
        return user.pemda.nama if user.pemda_id else ""
    return user.opd.singkatan or user.opd.nama


def role_label(user):
    """The user's role names, for the header."""
    if user.is_superuser:
        return "Superuser"
    if not hasattr(user, "_role_names"):
        user.has_role()
    return ", ".join(sorted(user._role_names)) or "Tanpa peran"
