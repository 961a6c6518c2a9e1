"""The facet counts' region tree places zones as the gazetteer does, without building it."""

import pytest

from search_index.reference.gazetteer import load_gazetteer
from search_index.reference.regions import park_regions

USER_PARKS = (
    "type\tname\tprovince\tcity\taliases\n"
    "park\t雄安新区高新区\t河北省\t保定市\t雄安高新区\n"  # a zone the bundled data lacks
    "park\t中关村\t河北省\t廊坊市\t\n"  # a known zone: stays where the bundled data puts it
    "park\t无处高新区\t\t\t\n"  # a zone without a place
    "track\t量子传感\t\t\t\n"
)


@pytest.mark.parametrize("dictionary", [None, USER_PARKS])
def test_every_zone_is_where_the_gazetteer_places_it(tmp_path, monkeypatch, dictionary):
    monkeypatch.setenv("GXQ_CONFIG_DIR", str(tmp_path))
    if dictionary:
        (tmp_path / "dictionary.tsv").write_text(dictionary, encoding="utf-8")
    gazetteer = load_gazetteer()
    regions = park_regions()
    assert regions == {name: gazetteer.park_region(name) for name in gazetteer.parks}
    if dictionary:
        assert regions["雄安新区高新区"] == ("河北省", "保定市") and regions["中关村"][0] == "北京市"
