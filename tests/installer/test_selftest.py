"""`jxc selftest` from the source tree (the bundle test runs the same from dist/)."""
from __future__ import annotations

from helpers import run_jxc


def test_selftest_passes_and_leaves_nothing_behind(tmp_path):
    done = run_jxc("selftest", "--screenshot", str(tmp_path / "w.png"),
                   env={"TMPDIR": str(tmp_path), "JXC_LANG": "en"})
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == "OK"
    steps = [line.split("  ")[1].strip() for line in lines[:-1]]
    assert steps[:4] == ["installation", "keyring", "create store", "open store"]
    assert "desktop window" in steps[-1]
    assert (tmp_path / "w.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.png"]  # temp store removed


def test_selftest_keep_names_the_directory_it_kept(tmp_path):
    done = run_jxc("selftest", "--keep", env={"TMPDIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    kept = [line for line in done.stdout.splitlines() if line.startswith("kept ")]
    assert len(kept) == 1
    assert (tmp_path / kept[0][5:].split("/")[-1] / "store" / "store.json").is_file()
