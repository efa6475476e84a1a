"""SAKIP settings, read from the environment (see README, "Konfigurasi").

DATABASE_URL  default: an SQLite file beside manage.py (the embedded default)
SECRET_KEY    required when DEBUG is off
DEBUG         "1"/"true" to turn on; default on for a development checkout
ALLOWED_HOSTS comma separated
SAKIP_BASE_URL the public address printed under the QR code of every PDF
SAKIP_PROXY_COUNT, SAKIP_LOGIN_PER_ADDRESS_LIMIT  login throttling behind a proxy (README)
SAKIP_STORAGE_BUKTI, SAKIP_STORAGE_DOKUMEN  a STORAGES entry as JSON for evidence files and
              issued documents (README, "Penyimpanan berkas"); default the local folders
CELERY_BROKER_URL the task queue (README, "Antrian"); default: kombu's file-system transport
SAKIP_DATA_DIR    the file-system queue's folders (default <BASE_DIR>/data/antrian)
"""

import json
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY wajib diisi saat DEBUG mati (set variabel lingkungan SECRET_KEY)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Printed PDFs carry a verification link; documents rendered outside a request (the
# render_report command) need to know the public address of the application.
SAKIP_BASE_URL = os.environ.get("SAKIP_BASE_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "sakip",
    "renstra",
    "anggaran",
    "kinerja",
    "laporan",
    "evaluasi",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sakip.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sakip.middleware.RoleRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sakip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "sakip.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, except that a decimal always reads back (sakip/sqlite3).
    DATABASES["default"]["ENGINE"] = "sakip.sqlite3"
    # Concurrent readers and one writer without "database is locked" under gunicorn.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "renstra.Pengguna"

AUTHENTICATION_BACKENDS = [
    "sakip.login_guard.AddressThrottleBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after an hour without activity.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", "3600"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Throttle repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Behind a reverse proxy every request arrives from the proxy's address; the client's is
# the entry the trusted proxies appended to X-Forwarded-For (sakip.login_guard.client_ip).
SAKIP_PROXY_COUNT = int(os.environ.get("SAKIP_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "sakip.login_guard.client_ip"
# A password spray over many usernames from one address: refused after this many failures
# within AXES_COOLOFF_TIME, whatever the usernames (0 turns it off).
SAKIP_LOGIN_PER_ADDRESS_LIMIT = int(os.environ.get("SAKIP_LOGIN_PER_ADDRESS_LIMIT", "30"))

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Off: Django's own grouping put a dot into every integer a template prints, years too
# ("Tahun 2.025"). Figures are formatted by the sakip_format filters (sakip.angka), which
# group thousands themselves; a year or an id prints as it is (issue 12, item 3).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["sakip.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]


def env_storage(name, default):
    """A STORAGES entry from a JSON environment variable ({"BACKEND": ..., "OPTIONS": {...}}),
    or `default`."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        entry = json.loads(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} bukan JSON yang sah: {exc}") from None
    if not isinstance(entry, dict) or "BACKEND" not in entry:
        raise ImproperlyConfigured(f'{name} harus berupa objek JSON dengan kunci "BACKEND".')
    return entry


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence files and LKjIP attachments: private, streamed by views after a permission
    # check (sakip.berkas); by default under PRIVATE_MEDIA_ROOT.
    "bukti": env_storage("SAKIP_STORAGE_BUKTI", {"BACKEND": "sakip.berkas.PenyimpananPribadi"}),
    # Issued PDFs (laporan.DokumenTerbit); by default under MEDIA_ROOT.
    "dokumen": env_storage(
        "SAKIP_STORAGE_DOKUMEN", {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Evidence files live outside any public URL; views stream them after a permission check.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "media" / "private"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
BUKTI_MAX_BYTES = 10 * 1024 * 1024
# An uploaded workbook is refused before its rows are read when a sheet has more rows, or
# its parts more bytes once unzipped (sakip.xlsx.buka_workbook).
SAKIP_XLSX_MAX_BARIS = int(os.environ.get("SAKIP_XLSX_MAX_BARIS", "20000"))
SAKIP_XLSX_MAX_BYTES = int(os.environ.get("SAKIP_XLSX_MAX_BYTES", str(50 * 1024 * 1024)))

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Security headers; HTTPS settings assume a TLS-terminating proxy in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4.x): only this site's own files run or style a page;
# no inline script, style attribute, event handler or eval (htmx runs with allowEval off).
# Colours and widths that are data are SVG attributes, which style-src does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- the task queue (Celery; README "Antrian") --------------------------------------------
# Documents, the Renstra import and the realisation upload run as Celery tasks; our own job
# table (sakip.models.Pekerjaan) keeps status, progress and the message, so Celery keeps no
# results. Production sets CELERY_BROKER_URL=redis://…; the embedded default is kombu's
# file-system transport, all of whose folders (the control folder too) live under one
# absolute data folder created here.
SAKIP_DATA_DIR = Path(os.environ.get("SAKIP_DATA_DIR", BASE_DIR / "data" / "antrian")).resolve()
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _antrian = {
        "data_folder_in": SAKIP_DATA_DIR / "pesan",
        "data_folder_out": SAKIP_DATA_DIR / "pesan",
        "processed_folder": SAKIP_DATA_DIR / "diproses",
        "control_folder": SAKIP_DATA_DIR / "kendali",
    }
    for _folder in _antrian.values():
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {k: str(v) for k, v in _antrian.items()}
    CELERY_BROKER_TRANSPORT_OPTIONS["store_processed"] = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
# Run tasks inside the request, without a worker (tests set it; a demo without a worker may).
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A job still queued after this many seconds: the page says no worker has taken it.
SAKIP_ANTRIAN_TUNGGU_DETIK = int(os.environ.get("SAKIP_ANTRIAN_TUNGGU_DETIK", "60"))
# A running job that reported no progress for this many minutes: its page says the worker
# has most likely stopped in the middle (a render reports at least every few seconds).
SAKIP_ANTRIAN_MACET_MENIT = int(os.environ.get("SAKIP_ANTRIAN_MACET_MENIT", "10"))
# Finished and failed jobs are kept this many days, then `bersihkan_pekerjaan` deletes the
# rows and the files only they use (never an issued document's file; README "Antrian").
SAKIP_PEKERJAAN_SIMPAN_HARI = int(os.environ.get("SAKIP_PEKERJAAN_SIMPAN_HARI", "7"))
# Only when a beat runs (`celery -A sakip beat`, or the worker's -B): the cleanup nightly.
CELERY_BEAT_SCHEDULE = {
    "bersihkan-pekerjaan": {
        "task": "sakip.bersihkan_pekerjaan",
        "schedule": crontab(hour=2, minute=30),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
