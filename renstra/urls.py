from django.urls import path  # noqa: F401

app_name = "renstra"

urlpatterns = [
    # --- alur kerja: daftar, entri, verifikasi (issue 4) ---
    # --- dokumen dan perencanaan (issue 5) ---
    # --- excel (issue 6) ---
]
