"""Write data/sites.geojson from the curation record below.

This is the record of where every site's position came from. Positions start from the
reference set (shared/data/reference_places.geojson, see data/README.md); extents are
area-true circles of the reported area (gba_dash.read.geometry.area_true_circle). Run it after
editing a position or an area: ``python scripts/build_sites.py``. The data-contract test
checks that the committed file matches what this script writes.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from shapely.geometry import LineString, Point, mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gba_dash.read.geometry import area_true_circle, round_coords  # noqa: E402

WIKI = "English Wikipedia coordinates (via the project reference set)"
EST = "estimate (project reference set)"
# A position resting on one reference is not high confidence (issue #28).
ONE_REF = f"{WIKI}: one reference only, no independent second reference found, so medium confidence"

# site_id, name_en, name_zh, category, city, parent_id, lon, lat, uncertainty_m,
# confidence, location note
PLACES = [
    # Science cities and the AI park: the point is the documented location, drawn as an
    # indicative extent of the reported area.
    (
        "nansha-science-city",
        "Nansha Science City",
        "南沙科学城",
        "science_city",
        "Guangzhou",
        "",
        113.6,
        22.75,
        5000,
        "low",
        f"{EST}: centroid of the plan area around Mingzhu Bay, Nansha",
    ),
    (
        "guangming-science-city",
        "Guangming Science City",
        "光明科学城",
        "science_city",
        "Shenzhen",
        "",
        113.93,
        22.77,
        3000,
        "low",
        f"{EST}: north-east Guangming District",
    ),
    (
        "dongguan-neutron-science-city",
        "Dongguan Neutron Science City (Songshan Lake)",
        "东莞中子科学城（松山湖科学城）",
        "science_city",
        "Dongguan",
        "",
        113.91,
        22.91,
        4000,
        "low",
        f"{EST}: Songshan Lake with parts of Dalang and Huangjiang",
    ),
    (
        "cuiheng-science-city",
        "Cuiheng Science City",
        "翠亨科学城",
        "science_city",
        "Zhongshan",
        "",
        113.62,
        22.47,
        3000,
        "low",
        f"{EST}: Cuiheng New Area start zone, Ma'an Island",
    ),
    (
        "daya-bay-ai-park",
        "Daya Bay AI Industrial Park",
        "大亚湾西区人工智能产业园",
        "ai_park",
        "Huizhou",
        "",
        114.42,
        22.75,
        5000,
        "low",
        f"{EST}: western district of Daya Bay; no published site",
    ),
    # Facilities inside the science cities.
    (
        "pearl-science-park",
        "Pearl Science Park (CAS)",
        "中科院明珠科学园",
        "facility",
        "Guangzhou",
        "nansha-science-city",
        113.6,
        22.77,
        3000,
        "low",
        f"{EST}: Mingzhu Bay area of Nansha",
    ),
    (
        "marine-science-lab",
        "Marine Science and Engineering Laboratory (Guangzhou)",
        "南方海洋科学与工程广东省实验室（广州）",
        "facility",
        "Guangzhou",
        "nansha-science-city",
        113.6,
        22.75,
        5000,
        "low",
        "no public position found: placed at Nansha Science City's estimated centre",
    ),
    (
        "unmanned-systems-institute",
        "Guangzhou Intelligent Unmanned System Research Institute",
        "广州智能无人系统研究院",
        "facility",
        "Guangzhou",
        "nansha-science-city",
        113.6,
        22.77,
        3000,
        "low",
        "no public position found: the seed puts it in Pearl Science Park, placed at the park's estimate",
    ),
    (
        "csns",
        "China Spallation Neutron Source (CSNS)",
        "中国散裂中子源",
        "facility",
        "Dongguan",
        "dongguan-neutron-science-city",
        113.955,
        22.913,
        1500,
        "low",
        f"{EST}: Dalang town, Dongguan",
    ),
    (
        "songshan-lake-materials-lab",
        "Songshan Lake Materials Laboratory",
        "松山湖材料实验室",
        "facility",
        "Dongguan",
        "dongguan-neutron-science-city",
        113.948,
        22.908,
        1500,
        "low",
        f"{EST}: the laboratory describes its new site as next to CSNS",
    ),
    (
        "sysu-shenzhen-campus",
        "Sun Yat-sen University, Shenzhen campus",
        "中山大学深圳校区",
        "facility",
        "Shenzhen",
        "guangming-science-city",
        113.965,
        22.795,
        1500,
        "low",
        f"{EST}: Guangming District",
    ),
    # Border checkpoints (mainland city named; 'connects' gives the other side).
    (
        "shenzhen-bay-port",
        "Shenzhen Bay Port",
        "深圳湾口岸",
        "checkpoint",
        "Shenzhen",
        "",
        # Two revisions of the English Wikipedia article give 22.5039 N 113.9447 E (the
        # current one, in the project reference set) and 22.5031 N 113.9495 E (an older one),
        # 501 m apart; no independent reference was found. The midpoint, with a radius that
        # covers both points and their own 150 m.
        113.9471,
        22.5035,
        410,
        "med",
        "midpoint of two English Wikipedia revisions 501 m apart (22.5039 N 113.9447 E and "
        "22.5031 N 113.9495 E), no independent reference found; the radius covers both. One "
        "building holds both sides' controls (Shenzhen Bay Port and Hong Kong's Shenzhen Bay Control Point)",
    ),
    (
        "futian-port",
        "Futian Port / Lok Ma Chau Spur Line",
        "福田口岸 / 落马洲支线",
        "checkpoint",
        "Shenzhen",
        "",
        114.0665,
        22.519,
        300,
        "med",
        f"{WIKI}: derived from Lok Ma Chau station, just north of the river",
    ),
    (
        "huanggang-port",
        "Huanggang Port / Lok Ma Chau",
        "皇岗口岸 / 落马洲",
        "checkpoint",
        "Shenzhen",
        "",
        114.075,
        22.5207,
        200,
        "med",
        f"{ONE_REF}; the Shenzhen (Huanggang) side",
    ),
    (
        "luohu-port",
        "Luohu Port / Lo Wu",
        "罗湖口岸 / 罗湖",
        "checkpoint",
        "Shenzhen",
        "",
        114.1133,
        22.5322,
        150,
        "med",
        f"{ONE_REF}; the Shenzhen (Luohu) side",
    ),
    (
        "wenjindu-port",
        "Wenjindu Port / Man Kam To",
        "文锦渡口岸 / 文锦渡",
        "checkpoint",
        "Shenzhen",
        "",
        114.1294,
        22.537,
        800,
        "med",
        f"{WIKI}: Hong Kong side (Man Kam To); the Shenzhen building, about 0.5 km north (the reference set's "
        "note), has no public coordinate found, so the radius is widened from 300 m to cover it",
    ),
    (
        "liantang-port",
        "Liantang Port / Heung Yuen Wai",
        "莲塘口岸 / 香园围",
        "checkpoint",
        "Shenzhen",
        "",
        114.1524,
        22.5543,
        200,
        "med",
        f"{ONE_REF}; the joint building on the boundary",
    ),
    (
        "shatoujiao-port",
        "Shatoujiao Port / Sha Tau Kok",
        "沙头角口岸 / 沙头角",
        "checkpoint",
        "Shenzhen",
        "",
        # The coordinate is Hong Kong's Sha Tau Kok Control Point (English Wikipedia, via the
        # reference set). No public coordinate of the Shenzhen port building was found; the
        # Chinese Wikipedia article puts it about 200 m from the Hong Kong control point, so
        # the radius is widened to cover it. The State Council's boundary point 4 (Order
        # No. 221, 1997: the Shatoujiao River bridge, 22°32'52.83" N 114°13'36.86" E) is
        # 390 m east, at Chung Ying Street, not at the port, so it is not used.
        114.2233,
        22.5491,
        350,
        "med",
        "Hong Kong side: the Sha Tau Kok Control Point's English Wikipedia coordinate (via the project "
        "reference set); the Shenzhen port building, about 200 m away (Chinese Wikipedia, read on a mirror), "
        "has no public coordinate found, and the radius is widened to cover it. The State Council's boundary point 4 "
        "(Shatoujiao River bridge) is 390 m east, at Chung Ying Street",
    ),
    (
        "gongbei-port",
        "Gongbei Port / Border Gate",
        "拱北口岸 / 关闸",
        "checkpoint",
        "Zhuhai",
        "",
        113.5489,
        22.2186,
        150,
        "med",
        f"{ONE_REF}; the Zhuhai (Gongbei) side",
    ),
    (
        "hengqin-port",
        "Hengqin Port / Lotus Bridge",
        "横琴口岸 / 莲花大桥",
        "checkpoint",
        "Zhuhai",
        "",
        113.544,
        22.14,
        400,
        "med",
        f"{WIKI}: Lotus Bridge midpoint; port at the Hengqin end",
    ),
    (
        "hzmb-hong-kong-port",
        "HZMB Hong Kong Port",
        "港珠澳大桥香港口岸",
        "checkpoint",
        "Hong Kong",
        "",
        113.95,
        22.313,
        800,
        "low",
        f"{EST}: artificial island north-east of the airport",
    ),
    (
        "hzmb-zhuhai-macao-port",
        "HZMB Zhuhai and Macao Ports",
        "港珠澳大桥珠海公路口岸 / 澳门口岸",
        "checkpoint",
        "Zhuhai",
        "",
        113.583,
        22.211,
        900,
        "low",
        f"{EST}: shared artificial island east of Gongbei",
    ),
    # Context places the seed names.
    (
        "peng-cheng-lab",
        "Peng Cheng Laboratory (Cloud Brain)",
        "鹏城实验室（鹏城云脑）",
        "context",
        "Shenzhen",
        "",
        113.938,
        22.576,
        800,
        "low",
        f"{EST}: headquarters at Liuxiandong, Nanshan",
    ),
    (
        "guangzhou-science-city",
        "Guangzhou Science City (Huangpu)",
        "广州科学城",
        "context",
        "Guangzhou",
        "",
        113.445,
        23.165,
        2000,
        "low",
        f"{EST}: area centroid",
    ),
    (
        "nanshan-hi-tech-park",
        "Shenzhen Nanshan Science and Technology Park",
        "深圳高新区南山园区（科技园）",
        "context",
        "Shenzhen",
        "",
        113.95,
        22.54,
        800,
        "med",
        f"{EST}: near the Hi-Tech Park metro station",
    ),
    (
        "hk-science-park",
        "Hong Kong Science Park",
        "香港科学园",
        "context",
        "Hong Kong",
        "",
        114.2095,
        22.4275,
        300,
        "med",
        "map link and English Wikipedia (via the project reference set)",
    ),
    (
        "dongguan-university-of-technology",
        "Dongguan University of Technology",
        "东莞理工学院",
        "context",
        "Dongguan",
        "",
        113.877,
        22.903,
        800,
        "low",
        f"{EST}: Songshan Lake campus",
    ),
    (
        "asiaworld-expo",
        "AsiaWorld-Expo",
        "亚洲国际博览馆",
        "context",
        "Hong Kong",
        "",
        113.9436,
        22.3236,
        200,
        "med",
        WIKI,
    ),
    (
        "qianhai",
        "Qianhai",
        "前海",
        "context",
        "Shenzhen",
        "",
        113.895,
        22.527,
        1500,
        "low",
        f"{EST}: centroid of the original zone",
    ),
    ("hengqin", "Hengqin", "横琴", "context", "Zhuhai", "", 113.515, 22.115, 2000, "low", f"{EST}: island centroid"),
]

# Sites opened or begun since the 2019 archive (issue #28, item 5), added in data version
# 2026.2. None of them has a published coordinate in the sources found: each is placed at
# the estimate of the science city, district or site its source names, with a radius that
# covers that estimate's own uncertainty and the named area (for a science city: its
# estimate's radius plus the radius of a circle of its reported area). Their figures are
# all later values (figure_history.csv); the attribute tables hold only their ids.
NEW_IN = "2026.2"
SSL = (
    "estimate: the source names Songshan Lake Science City; placed at this dataset's estimate of "
    "Dongguan Neutron (Songshan Lake) Science City (4 km) with a radius that also covers its 53.3 km² "
    "(a circle of about 4.1 km)"
)
GM = (
    "estimate: the source names Guangming Science City; placed at this dataset's estimate of Guangming "
    "Science City (3 km) with a radius that also covers its 99 km² (a circle of about 5.6 km)"
)
NANSHA = (
    "estimate: the source names only Nansha District; placed at this dataset's estimate of Nansha Science "
    "City with a radius of 20 km meant to reach the district's northern towns; no public coordinate found"
)
CSNS_NEXT = "this dataset's CSNS estimate (Dalang, 1.5 km), widened by 1 km"
NEW_PLACES = [
    (
        "cityu-dongguan",
        "City University of Hong Kong (Dongguan)",
        "香港城市大学（东莞）",
        "facility",
        "Dongguan",
        "dongguan-neutron-science-city",
        113.91,
        22.91,
        8500,
        "low",
        f"{SSL}. CityUHK (23 January 2024) puts its phase-one campus in the Songshan Lake "
        "High-Tech Zone (Science City)",
    ),
    (
        "great-bay-university",
        "Great Bay University (Songshan Lake campus)",
        "大湾区大学（松山湖校区）",
        "facility",
        "Dongguan",
        "dongguan-neutron-science-city",
        113.91,
        22.91,
        8500,
        "low",
        f"{SSL}. Shenzhen Daily (8 December 2025) puts the campus near Songshan Lake, in the science "
        "centre's pilot zone; the Binhaiwan campus (planned) is not this point",
    ),
    (
        "attosecond-laser-dongguan",
        "Advanced Attosecond Laser Facility (Dongguan part)",
        "先进阿秒激光设施（东莞部分）",
        "facility",
        "Dongguan",
        "dongguan-neutron-science-city",
        113.91,
        22.91,
        8500,
        "low",
        SSL,
    ),
    (
        "saps-test-platform",
        "Southern Advanced Photon Source research and test platform",
        "南方光源研究测试平台",
        "facility",
        "Dongguan",
        "dongguan-neutron-science-city",
        113.955,
        22.913,
        2500,
        "low",
        f"estimate: a 2020 Dongguan report (reposted on jiangsulong.com) gives No. 2 Zhongziyuan Road, "
        f"Dalang, west of the CSNS campus; placed at {CSNS_NEXT}",
    ),
    (
        "southern-advanced-photon-source",
        "Southern Advanced Photon Source (planned)",
        "南方先进光源（规划）",
        "facility",
        "Dongguan",
        "dongguan-neutron-science-city",
        113.955,
        22.913,
        2500,
        "low",
        f"estimate: planned next to CSNS (China News Service, 26 October 2024); placed at {CSNS_NEXT}",
    ),
    (
        "shenzhen-bay-lab-guangming",
        "Shenzhen Bay Laboratory (Guangming)",
        "深圳湾实验室（光明）",
        "facility",
        "Shenzhen",
        "guangming-science-city",
        113.93,
        22.77,
        9000,
        "low",
        GM,
    ),
    (
        "suat-shenzhen",
        "Shenzhen University of Advanced Technology",
        "深圳理工大学",
        "facility",
        "Shenzhen",
        "guangming-science-city",
        113.965,
        22.795,
        2500,
        "low",
        "estimate: the 2020 site selection (Shenzhen Special Zone Daily on people.cn) puts it in Xinhu "
        "subdistrict, Guangming, across Gongchang Road from Sun Yat-sen University's Shenzhen campus; "
        "placed at this dataset's estimate of that campus (1.5 km), widened by 1 km",
    ),
    (
        "smart-szbl-campus",
        "Shenzhen Medical Academy of Research and Translation and Shenzhen Bay Laboratory permanent campus",
        "深圳医学科学院及深圳湾实验室永久场地",
        "facility",
        "Shenzhen",
        "guangming-science-city",
        113.965,
        22.795,
        2500,
        "low",
        "estimate: China News Service (August 2023) puts it in Guangming Science City next to Sun Yat-sen "
        "University's Shenzhen campus and the CAS Shenzhen Institute of Advanced Technology; placed at this "
        "dataset's estimate of that campus (1.5 km), widened by 1 km",
    ),
    (
        "hkust-guangzhou",
        "Hong Kong University of Science and Technology (Guangzhou)",
        "香港科技大学（广州）",
        "facility",
        "Guangzhou",
        "",
        113.6,
        22.75,
        20000,
        "low",
        f"{NANSHA}. Other reports name Dongchong town (crntt.com, January 2026) and a site by Qingsheng "
        "high-speed station (SCMP, 2018)",
    ),
    (
        "cold-seep-facility",
        "Cold Seep Ecosystem Research Facility",
        "冷泉生态系统研究装置",
        "facility",
        "Guangzhou",
        "",
        113.6,
        22.75,
        20000,
        "low",
        NANSHA,
    ),
    (
        "xiwan-instrument-park",
        "Xiwan National Major Instrument Science Park",
        "西湾国家重大仪器科学园",
        "facility",
        "Zhongshan",
        "",
        113.62,
        22.47,
        5500,
        "low",
        "estimate: the sources name Cuiheng New Area (the ground-breaking was held on Ma'an Island); placed "
        "at this dataset's estimate of Cuiheng Science City (3 km) with a radius that also covers its "
        "18.27 km² (a circle of about 2.4 km); not checked against the new area's boundary",
    ),
    (
        "hetao-hong-kong-park",
        "Hetao Hong Kong Park (Hong Kong-Shenzhen Innovation and Technology Park)",
        "河套深港科技创新合作区香港园区",
        "context",
        "Hong Kong",
        "",
        114.0708,
        22.5199,
        1500,
        "low",
        "estimate: China Daily Hong Kong (March 2025) puts it in the Lok Ma Chau Loop, on the Shenzhen River's "
        "south bank opposite the Futian and Huanggang ports; placed at the midpoint of this dataset's two port "
        "positions (on the north bank) with a radius that covers the 87 ha loop",
    ),
    (
        "hetao-shenzhen-park",
        "Hetao Shenzhen Park",
        "河套深港科技创新合作区深圳园区",
        "context",
        "Shenzhen",
        "",
        114.075,
        22.5207,
        2500,
        "low",
        "estimate: a September 2023 report (menafn.com) puts it on the Shenzhen River's north bank, linked to "
        "the Hong Kong park through the Futian and Huanggang ports; placed at this dataset's Huanggang Port "
        "position with a radius that covers a park of 3.02 km² along the river",
    ),
]

# The Shenzhen-Zhongshan link, schematic: a straight line between its two landfalls.
LINK = (
    "shenzhen-zhongshan-link",
    "Shenzhen–Zhongshan Link",
    "深中通道",
    "context",
    "Shenzhen",
    "",
    [(113.80, 22.62), (113.62, 22.47)],
    3000,
    "low",
    "schematic straight line between the estimated Shenzhen (Bao'an) and Zhongshan (Ma'an Island) "
    "landfalls; not the alignment",
)


def _areas() -> dict[str, float]:
    """Reported areas of the zones, read from the attribute tables (one source of truth)."""
    areas: dict[str, float] = {}
    for table in ("science_cities.csv", "ai_parks.csv"):
        with open(ROOT / "data" / table, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["area_km2"]:
                    areas[row["site_id"]] = float(row["area_km2"])
    return areas


# Traditional Chinese names (Hong Kong and Macao usage): converted from name_zh with OpenCC
# s2hk, then read through by hand (variant characters, place names such as 關閘, 落馬洲,
# 香園圍). Not yet compared with each operator's own published Traditional name: where an
# operator spells its name differently, its spelling should replace the one here.
NAME_ZH_HANT: dict[str, str] = {
    "nansha-science-city": "南沙科學城",
    "guangming-science-city": "光明科學城",
    "dongguan-neutron-science-city": "東莞中子科學城（松山湖科學城）",
    "cuiheng-science-city": "翠亨科學城",
    "daya-bay-ai-park": "大亞灣西區人工智能產業園",
    "pearl-science-park": "中科院明珠科學園",
    "marine-science-lab": "南方海洋科學與工程廣東省實驗室（廣州）",
    "unmanned-systems-institute": "廣州智能無人系統研究院",
    "csns": "中國散裂中子源",
    "songshan-lake-materials-lab": "松山湖材料實驗室",
    "sysu-shenzhen-campus": "中山大學深圳校區",
    "shenzhen-bay-port": "深圳灣口岸",
    "futian-port": "福田口岸 / 落馬洲支線",
    "huanggang-port": "皇崗口岸 / 落馬洲",
    "luohu-port": "羅湖口岸 / 羅湖",
    "wenjindu-port": "文錦渡口岸 / 文錦渡",
    "liantang-port": "蓮塘口岸 / 香園圍",
    "shatoujiao-port": "沙頭角口岸 / 沙頭角",
    "gongbei-port": "拱北口岸 / 關閘",
    "hengqin-port": "橫琴口岸 / 蓮花大橋",
    "hzmb-hong-kong-port": "港珠澳大橋香港口岸",
    "hzmb-zhuhai-macao-port": "港珠澳大橋珠海公路口岸 / 澳門口岸",
    "peng-cheng-lab": "鵬城實驗室（鵬城雲腦）",
    "guangzhou-science-city": "廣州科學城",
    "nanshan-hi-tech-park": "深圳高新區南山園區（科技園）",
    "hk-science-park": "香港科學園",
    "dongguan-university-of-technology": "東莞理工學院",
    "asiaworld-expo": "亞洲國際博覽館",
    "qianhai": "前海",
    "hengqin": "橫琴",
    "shenzhen-zhongshan-link": "深中通道",
    # Added in 2026.2: the operators' own Traditional names where they publish one (CityUHK,
    # HKUST, the Hong Kong government's Hetao pages), otherwise converted as above.
    "cityu-dongguan": "香港城市大學（東莞）",
    "great-bay-university": "大灣區大學（松山湖校區）",
    "attosecond-laser-dongguan": "先進阿秒激光設施（東莞部分）",
    "saps-test-platform": "南方光源研究測試平台",
    "southern-advanced-photon-source": "南方先進光源（規劃）",
    "shenzhen-bay-lab-guangming": "深圳灣實驗室（光明）",
    "suat-shenzhen": "深圳理工大學",
    "smart-szbl-campus": "深圳醫學科學院及深圳灣實驗室永久場地",
    "hkust-guangzhou": "香港科技大學（廣州）",
    "cold-seep-facility": "冷泉生態系統研究裝置",
    "xiwan-instrument-park": "西灣國家重大儀器科學園",
    "hetao-hong-kong-park": "河套深港科技創新合作區香港園區",
    "hetao-shenzhen-park": "河套深港科技創新合作區深圳園區",
}

# The position review of issue #28 (item 4), data 2026.2: every reference found for a
# site's position, with what it locates and its distance from the point drawn, is in
# data/positions.csv. A checkpoint is drawn at its mainland-side facility unless it is the
# Hong Kong side. Confidence is high only on two independent references (different
# publishers) of the site itself within 150 m (none was found), medium on one reference of
# the site itself, else low; the radius covers every reference of the site itself.
# site_id: (lon, lat, uncertainty_m, confidence, location note)
REVIEWED = {
    "futian-port": (
        114.0650,
        22.5182,
        500,
        "med",
        "the Shenzhen side: Futian Checkpoint station, at ground level of the port building (English "
        "Wikipedia); the 'Futian Port' article's point by the river, 472 m away, is inside the radius. Two "
        "articles of one publisher, so medium confidence",
    ),
    "huanggang-port": (
        114.075,
        22.5207,
        200,
        "med",
        "the Shenzhen (Huanggang) side: English Wikipedia's Huanggang Port coordinate; Hong Kong's Lok Ma Chau "
        "control point is 1.26 km south. One reference of the Shenzhen building, so medium confidence",
    ),
    "luohu-port": (
        114.113365,
        22.531083,
        150,
        "med",
        "the Shenzhen (Luohu) side: Chinese Wikipedia's 羅湖口岸 coordinate; English Wikipedia's, 126 m away, is "
        "Hong Kong's Lo Wu control point. One reference of the Shenzhen building, so medium confidence",
    ),
    "wenjindu-port": (
        114.1294,
        22.537,
        800,
        "low",
        "estimate of the Shenzhen building, about 0.5 km north of the point drawn, Hong Kong's Man Kam To "
        "control point (English Wikipedia; Spanish Wikipedia's Man Kam To is 313 m away): no public coordinate "
        "of the Shenzhen building was found, and the radius covers it",
    ),
    "liantang-port": (
        114.1524,
        22.5543,
        200,
        "med",
        "the joint building on the boundary (English Wikipedia, Heung Yuen Wai Control Point); one coordinate "
        "reference, so medium confidence",
    ),
    "shatoujiao-port": (
        114.2233,
        22.5491,
        500,
        "low",
        "estimate of the Shenzhen port building near the point drawn, Hong Kong's Sha Tau Kok control point "
        "(English Wikipedia): no public coordinate of the Shenzhen building was found; the radius covers the "
        "State Council's boundary point 4, the Shatoujiao River bridge, 390 m east. The Shenzhen port office "
        "(2024-08-29) reports the port closed for rebuilding",
    ),
    "gongbei-port": (
        113.5489,
        22.2186,
        150,
        "med",
        "the Zhuhai (Gongbei) side (English Wikipedia); Macao's Border Gate is 359 m south-south-west "
        "(weltgereist.de). One reference of the Zhuhai building, so medium confidence",
    ),
    "hengqin-port": (
        113.54389,
        22.14056,
        350,
        "med",
        "the port on Hengqin (Japanese Wikipedia's 横琴口岸); the Lotus Bridge midpoint (English Wikipedia), "
        "302 m away, is inside the radius. One reference of the port, so medium confidence",
    ),
    "hzmb-hong-kong-port": (
        113.95,
        22.313,
        800,
        "low",
        "estimate: the Hong Kong side, the port's reclaimed island of about 130 ha north-east of the airport "
        "(hzmb.gov.hk); no published coordinate was found",
    ),
    "hzmb-zhuhai-macao-port": (
        113.583,
        22.211,
        900,
        "low",
        "estimate: the shared island east of Gongbei that holds the Zhuhai and the Macao ports (gcs.gov.mo); no "
        "published coordinate was found",
    ),
    "csns": (
        113.955,
        22.913,
        1500,
        "low",
        "estimate: Dalang town (IHEP) and Shuiping village (Science and Technology Daily, 2014-10-20); no "
        "published coordinate was found",
    ),
    "nanshan-hi-tech-park": (
        113.95,
        22.54,
        1000,
        "low",
        "estimate near Hi-Tech Park metro station (English Wikipedia's station coordinate is 408 m away); no "
        "reference locates the park itself",
    ),
    "hk-science-park": (
        114.2095,
        22.4275,
        350,
        "med",
        "English Wikipedia's approximate coordinate; a travel guide (hongkongfreetours.com) gives one 292 m "
        "away, inside the radius. One reference re-read, so medium confidence",
    ),
    "dongguan-university-of-technology": (
        113.877,
        22.903,
        1500,
        "low",
        "estimate: the Songshan Lake campus, No. 1 Daxue Road (college-cn.com), not geocoded; English "
        "Wikipedia's coordinate is the university's other campus, 19.9 km away, and is not used",
    ),
    "asiaworld-expo": (
        113.94188,
        22.32027,
        300,
        "med",
        "midpoint of Chinese Wikipedia's and German Wikipedia's coordinates, 314 m apart; two editions of one "
        "publisher, so medium confidence",
    ),
    "qianhai": (
        113.895,
        22.527,
        1500,
        "low",
        "estimate: centroid of the original zone; Chinese Wikipedia's coordinate of the zone is 998 m away",
    ),
    "hengqin": (
        113.515,
        22.115,
        2000,
        "low",
        "estimate: island centroid; English Wikipedia's coordinate of Hengqin is 751 m away",
    ),
    "hkust-guangzhou": (
        113.473544,
        22.888183,
        6000,
        "low",
        "estimate: the university puts the campus beside Qingsheng station, Dongchong town (hkust-gz.edu.cn); "
        "drawn at the neighbouring Dongchong metro station (Chinese Wikipedia's coordinate), the radius "
        "covering Qingsheng",
    ),
    "attosecond-laser-dongguan": (
        113.955,
        22.913,
        3000,
        "low",
        "estimate: Guangzhou Daily (2024-12-23) puts it near CSNS; drawn at this dataset's CSNS estimate, "
        "widened by 1.5 km",
    ),
}


def _props(site_id, name_en, name_zh, category, city, parent_id, geometry_kind, unc, conf, note, added_in="2019.1"):
    return {
        "site_id": site_id,
        "name_en": name_en,
        "name_zh": name_zh,
        "name_zh_hant": NAME_ZH_HANT[site_id],
        "category": category,
        "city": city,
        "parent_id": parent_id,
        "geometry_kind": geometry_kind,
        "location_uncertainty_m": unc,
        "location_confidence": conf,
        "location_source": note,
        # The data version that added the site, and whether it was opened or begun after the
        # 2019 archive (then it is absent from the "2019 archive" view).
        "added_in": added_in,
        "since_2019": added_in != "2019.1",
    }


def build() -> dict:
    areas = _areas()
    features = []
    for site_id, en, zh, cat, city, parent, lon, lat, unc, conf, note in PLACES:
        lon, lat, unc, conf, note = REVIEWED.get(site_id, (lon, lat, unc, conf, note))
        if cat in ("science_city", "ai_park"):
            area = areas[site_id]
            geom = round_coords(area_true_circle(lon, lat, area), 5)
            kind = "indicative_extent"
            note = (
                f"{note}. Indicative extent, not an official boundary: a circle of the reported "
                f"{area:g} km² around the estimated centre"
            )
        else:
            geom, kind = Point(lon, lat), "point"
        features.append(
            {
                "type": "Feature",
                "properties": _props(site_id, en, zh, cat, city, parent, kind, unc, conf, note),
                "geometry": mapping(geom),
            }
        )
    site_id, en, zh, cat, city, parent, coords, unc, conf, note = LINK
    features.append(
        {
            "type": "Feature",
            "properties": _props(site_id, en, zh, cat, city, parent, "line", unc, conf, note),
            "geometry": mapping(LineString(coords)),
        }
    )
    for site_id, en, zh, cat, city, parent, lon, lat, unc, conf, note in NEW_PLACES:
        lon, lat, unc, conf, note = REVIEWED.get(site_id, (lon, lat, unc, conf, note))
        features.append(
            {
                "type": "Feature",
                "properties": _props(site_id, en, zh, cat, city, parent, "point", unc, conf, note, NEW_IN),
                "geometry": mapping(Point(lon, lat)),
            }
        )
    return {"type": "FeatureCollection", "features": _plain(features)}


def _plain(obj):
    """Tuples to lists, so the dict equals its own JSON round trip."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    (ROOT / "data" / "sites.geojson").write_text(render(), encoding="utf-8")
    print(f"wrote {ROOT / 'data' / 'sites.geojson'}")
