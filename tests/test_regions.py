import pytest

from station.domain.regions import Regions, UnknownRegion, load_regions, master_file


def test_full_kemendagri_list_ships(regions):
    assert [regions.count(level) for level in range(4)] == [34, 514, 7230, 83441]


def test_walk_from_province_to_desa(regions):
    assert regions.get("33.24").name == "KAB. KENDAL"
    assert [r.code for r in regions.path("33.24.01.2001")] == ["33", "33.24", "33.24.01", "33.24.01.2001"]
    assert "36.04.05" in [r.code for r in regions.children("36.04")]
    assert regions.get("36.04.05").level == "kecamatan"
    assert len(regions.children(None)) == 34


def test_unknown_code_has_a_message(regions):
    with pytest.raises(UnknownRegion) as err:
        regions.get("99.99")
    assert "tidak dikenal" in str(err.value)


def test_master_data_in_the_data_folder_replaces_the_shipped_list(tmp_path):
    import gzip

    (tmp_path / "master").mkdir()
    with gzip.open(tmp_path / "master" / "wilayah.tsv.gz", "wt", encoding="utf-8") as f:
        f.write("# test\n33\tJAWA TENGAH\n33.24\tKAB. KENDAL\n")
    assert master_file(tmp_path) == tmp_path / "master" / "wilayah.tsv.gz"
    small = load_regions(tmp_path)
    assert isinstance(small, Regions) and len(small) == 2
