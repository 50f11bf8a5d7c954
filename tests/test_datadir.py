from pathlib import Path

from app.datadir import default_data_dir, resolve_data_dir


def test_option_beats_environment_beats_default(tmp_path):
    opt, env_dir = tmp_path / "opt", tmp_path / "env"
    assert resolve_data_dir(opt, {"JXC_DATA_DIR": str(env_dir)}).root == opt.resolve()
    assert resolve_data_dir(None, {"JXC_DATA_DIR": str(env_dir)}).root == env_dir.resolve()
    assert resolve_data_dir(None, {}).root == default_data_dir().resolve()
    assert "JXC" in Path(default_data_dir()).parts[-1] or "jxc" in str(default_data_dir()).lower()
