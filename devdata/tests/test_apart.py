"""Demo and load data stay out of production: with the production settings neither
`load_demo` (demo users with a published password) nor `seed_load` exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.processes import manage, production_env


@pytest.mark.parametrize(("flag", "present"), [(None, False), ("true", True)])
def test_the_demo_and_load_commands_exist_only_where_dev_data_is_turned_on(
    tmp_path: Path, flag: str | None, present: bool
) -> None:
    env = production_env("sqlite:///" + str(tmp_path / "unused.sqlite3"), tmp_path)
    env.pop("SAMHANDLING_DEV_DATA", None)
    if flag:
        env["SAMHANDLING_DEV_DATA"] = flag
    listed = manage(env, "help", "--commands")
    assert listed.returncode == 0, listed.stderr
    commands = set(listed.stdout.split())
    assert ("load_demo" in commands) is present
    assert ("seed_load" in commands) is present
    assert "check_model" in commands  # the app's own commands are there either way
