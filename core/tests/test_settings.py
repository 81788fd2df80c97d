import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
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
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


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
