"""The user's config folder is looked up once per environment, yet follows a changed one."""

from __future__ import annotations

from search_index.reference.userdict import config_dir


def test_the_config_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("GXQ_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "one"))
    assert config_dir() == tmp_path / "one" / "gxq-tui"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "two"))
    assert config_dir() == tmp_path / "two" / "gxq-tui"
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path / "mine"))
    assert config_dir() == tmp_path / "mine"
