"""Settings come from the environment and refuse an insecure production start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _run("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY wajib diisi" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 20 + "-a-long-random-production-like-secret-value-1234567890",
        ALLOWED_HOSTS="sakip.example.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_language_time_zone_and_number_format_are_indonesian(settings):
    from django.utils import formats, translation

    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    with translation.override("id"):
        assert formats.number_format(1765363950, force_grouping=True) == "1.765.363.950"
        assert formats.number_format(86.34, 2) == "86,34"
