"""How a view turns a service's refusal into the page's messages: every write view of
laporan and evaluasi runs its service through `jalankan`, so a ValidationError becomes
Indonesian error messages (field by field) and nothing else, and success one message."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def pesan_galat(request, error):
    """Every message of a ValidationError (of a field dict or a plain list) as an error."""
    if hasattr(error, "message_dict"):
        for field_errors in error.message_dict.values():
            for message in field_errors:
                messages.error(request, message)
    else:
        for message in error.messages:
            messages.error(request, message)


def jalankan(request, aksi, sukses):
    """Run a service; its refusal becomes the page's messages, nothing else."""
    try:
        aksi()
    except ValidationError as exc:
        pesan_galat(request, exc)
    else:
        messages.success(request, sukses)
