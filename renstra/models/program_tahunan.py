"""Which sasaran a program serves in one year, where that differs from its period (issue 11
item 4): a per-year override of Program.sasaran. Read only through
renstra.selectors.sasaran_berlaku / sasaran_program."""

from django.core.exceptions import ValidationError
from django.db import models

from renstra.models.rencana import Program, Sasaran


class ProgramSasaranTahunan(models.Model):
    """In `tahun` the program serves `sasaran` instead of Program.sasaran; an empty sasaran
    makes it a support program (program penunjang, without a sasaran) that year."""

    program = models.ForeignKey(
        Program, models.CASCADE, related_name="sasaran_tahunan", verbose_name="program"
    )
    tahun = models.PositiveIntegerField("tahun")
    sasaran = models.ForeignKey(
        Sasaran,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="program_tahunan",
        verbose_name="sasaran",
        help_text="Kosongkan bila tahun ini program menjadi program penunjang (tanpa sasaran).",
    )

    class Meta:
        verbose_name = "sasaran program per tahun"
        verbose_name_plural = "sasaran program per tahun"
        ordering = ["program", "tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "tahun"], name="program_sasaran_tahunan_unik"
            )
        ]

    def __str__(self):
        return f"{self.program.kode} {self.tahun}"

    def clean(self):
        if not self.program_id:
            return
        periode = self.program.periode
        errors = {}
        if self.tahun is not None and not periode.memuat_tahun(self.tahun):
            errors["tahun"] = (
                f"Tahun {self.tahun} di luar periode Renstra "
                f"{periode.tahun_awal}–{periode.tahun_akhir}."
            )
        if self.sasaran_id and self.sasaran.periode_id != periode.pk:
            errors["sasaran"] = "Sasaran bukan bagian dari periode Renstra program ini."
        if errors:
            raise ValidationError(errors)
