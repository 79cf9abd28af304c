"""A team laptop getting the room's pack: found locally, or fetched, checked and never written outside its folder."""

from __future__ import annotations

import pytest

from game.content.loader import load_pack
from game.room.packs import PackMismatch, find_pack, load_fetched, pack_files, write_pack
from tests.conftest import FIXTURE_PACK


def test_fetched_pack_loads_with_the_same_fingerprint(tmp_path, pack):
    files = pack_files(FIXTURE_PACK)
    assert "pack.toml" in files and all(not name.startswith("/") for name in files)
    fetched = load_fetched(files, pack.info.id, pack.content_hash, tmp_path)
    assert fetched.content_hash == pack.content_hash
    assert find_pack(pack.info.id, pack.content_hash, [tmp_path / pack.content_hash]) is not None


def test_tampered_or_foreign_packs_are_refused(tmp_path, pack):
    files = pack_files(FIXTURE_PACK)
    changed = {**files, "pack.toml": files["pack.toml"].replace("turns = 16", "turns = 15")}
    with pytest.raises(PackMismatch, match="different version"):
        load_fetched(changed, pack.info.id, pack.content_hash, tmp_path)
    with pytest.raises(PackMismatch, match="plays 'elsewhere'"):
        load_fetched(files, "elsewhere", pack.content_hash, tmp_path / "b")
    with pytest.raises(PackMismatch, match="malformed"):
        load_fetched(files, pack.info.id, "../../etc", tmp_path)


@pytest.mark.parametrize("name", ["../evil.toml", "text/../../evil.md", "/etc/passwd", "scripts/run.py",
                                  "text/a/b.md"])
def test_file_names_from_the_wire_stay_inside_the_pack(tmp_path, name):
    with pytest.raises(PackMismatch):
        write_pack({name: "x"}, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()
    assert load_pack(FIXTURE_PACK)  # untouched
