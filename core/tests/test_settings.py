import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SAMHANDLING_"))}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_check(
        {
            "DJANGO_SECRET_KEY": "x" * 60 + "Yz9!",
            "DJANGO_ALLOWED_HOSTS": "a.no",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **FNR_KEYS,
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


FNR_KEYS = {
    "SAMHANDLING_FNR_KEYS": "dGVzdC1vbmx5LWZuci1rZXktMDEyMzQ1Njc4OWFiY2Q=",
    "SAMHANDLING_FNR_HASH_KEY": "h" * 40,
}


def test_production_needs_valid_fnr_keys():
    base = {
        "DJANGO_SECRET_KEY": "x" * 60 + "Yz9!",
        "DJANGO_ALLOWED_HOSTS": "a.no",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    missing = run_check(base)
    assert missing.returncode != 0
    assert "SAMHANDLING_FNR_KEYS" in missing.stderr
    assert "SAMHANDLING_FNR_HASH_KEY" in missing.stderr
    invalid = run_check({**base, **FNR_KEYS, "SAMHANDLING_FNR_KEYS": "not-a-key"})
    assert invalid.returncode != 0
    assert "gyldig Fernet-nøkkel" in invalid.stderr


def test_production_refuses_to_start_without_secret_key():
    result = run_check(
        {"DJANGO_ALLOWED_HOSTS": "a.no", "DJANGO_SETTINGS_MODULE": "config.settings"}
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_templates_use_the_cached_loader():
    """Templates are parsed once per process in production (Django's cached loader, the
    default when TEMPLATES sets no loaders)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SECRET_KEY": "x" * 60 + "Yz9!",
            "DJANGO_ALLOWED_HOSTS": "a.no",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    code = (
        "from django.template import engines;"
        "print([type(loader).__module__ for loader in engines['django'].engine.template_loaders])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "['django.template.loaders.cached']" in result.stdout
