"""The map figure (issue #27, item 3): PDF with embedded outline fonts, a 300 dpi PNG at
least 3,000 px wide, an SVG that parses and holds the figure's words, drawn in the bounded
worker for the page, refused without Noto Sans CJK, and ``gba-dash figure``."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from gba_dash.cli import main
from gba_dash.own import bounded
from gba_dash.publish import figure
from gba_dash.read.history import view
from gba_dash.view.filters import FilterState
from gba_dash.view.share import ViewState

LINK = "http://127.0.0.1:8501/?city=Dongguan"


@pytest.fixture(scope="module")
def latest(dataset):
    return view(dataset, "latest")


@pytest.fixture(scope="module")
def spec(latest):
    return figure.figure_spec(latest, ViewState(filters=FilterState(cities=("Dongguan",))), link=LINK)


@pytest.fixture(scope="module")
def drawn(spec) -> dict[str, bytes]:
    return {fmt: figure.render(spec, fmt) for fmt in figure.FORMATS}


def test_the_pdf_is_a_page_with_its_fonts_embedded_as_outlines(drawn):
    pypdf = pytest.importorskip("pypdf")
    pdf = drawn["pdf"]
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "9 of 44 sites: all sites in Dongguan" in text and "Greater Bay Area science build-out" in text
    # TrueType (Type 42) fonts embedded whole as vectors, not Type 3 bitmaps or a system's font.
    assert b"/FontFile2" in pdf and b"/Subtype /Type3" not in pdf and b"NotoSansCJK" in pdf


def test_the_png_is_300_dpi_and_at_least_3000_px_wide(drawn):
    png = drawn["png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width >= 3000, width
    phys = png.index(b"pHYs")
    per_metre = int.from_bytes(png[phys + 4 : phys + 8], "big")
    assert round(per_metre * 0.0254) == 300


def test_the_svg_parses_and_holds_title_subtitle_source_and_link(drawn, spec):
    svg = drawn["svg"].decode("utf-8")
    ET.fromstring(svg)  # well-formed
    # Text is drawn as paths (it looks the same without the font); each string is kept as a comment.
    # (the metadata's title holds title and subtitle too: the drawn lines are looked for)
    for words in (spec.title, spec.subtitle, "Legend", "This view online"):
        assert f"<!-- {words} -->" in svg, words
    assert "<!-- Data: data version 2026.2, figures as of" in svg and "Natural Earth" in svg
    assert LINK in svg


def test_a_chinese_view_is_drawn_in_chinese(latest):
    spec = figure.figure_spec(latest, ViewState(lang="zh-Hant"), link="http://127.0.0.1:8501/?lang=zh-Hant")
    assert spec.title == "粵港澳大灣區科學城建設" and spec.subtitle.startswith("顯示 44 / 44")
    svg = figure.render(spec, "svg").decode("utf-8")
    assert "粵港澳大灣區科學城建設" in svg and "圖例" in svg and "資料版本 2026.2" in svg


def test_the_figure_is_refused_without_noto_cjk(monkeypatch, spec, tmp_path):
    monkeypatch.setattr(figure, "FONT_PATHS", (tmp_path / "NotoSansCJK-Regular.ttc",))
    with pytest.raises(figure.FontMissing, match=r"Noto Sans CJK.*fonts-noto-cjk"):
        figure.render(spec, "png")
    with pytest.raises(figure.FontMissing):
        figure.render_bounded(spec, "png", name="gba-map.png")


def test_the_page_renders_it_in_a_bounded_worker_not_in_its_own_process(spec):
    pool = bounded.Pool(max_workers=1)
    try:
        png = pool.run(figure.render, spec, "png", name="gba-map.png", limits=figure.LIMITS)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") >= 3000
        assert len(pool.pids()) == 1  # the worker stays warm for the next figure
    finally:
        pool.close()


def test_the_frame_is_the_one_the_page_fits(latest, spec):
    from gba_dash.map.sites import bounds_of, default_bounds

    assert spec.bounds == bounds_of(latest.sites[latest.sites["city"] == "Dongguan"])
    whole = figure.figure_spec(latest, ViewState(), link="x")
    assert whole.bounds == default_bounds(latest.sites, latest.places)


def test_file_names_say_the_version_and_view(latest):
    assert figure.file_name(latest, ViewState(), "pdf") == "gba-map-2026.2-all.pdf"
    assert figure.file_name(latest, ViewState(filters=FilterState(cities=("Dongguan",))), "png") == (
        "gba-map-2026.2-city-dongguan.png"
    )


def test_cli_writes_the_figure_of_a_link(tmp_path, capsys):
    out = tmp_path / "map.pdf"
    assert main(["figure", "--out", str(out), "--link", "?city=Dongguan&lang=zh"]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "http://127.0.0.1:8501/?city=Dongguan&lang=zh" in capsys.readouterr().err


def test_cli_refuses_a_bad_link_parameter_naming_it(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["figure", "--out", str(out), "--link", "?city=Atlantis"]) == 2
    err = capsys.readouterr().err
    assert "'city'" in err and "Atlantis" in err and "nothing written" in err
    assert not out.exists()
    assert main(["figure", "--out", str(tmp_path / "map.gif")]) == 2
    assert ".pdf, .svg or .png" in capsys.readouterr().err


def test_cli_says_which_font_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(figure, "FONT_PATHS", (tmp_path / "none.ttc",))
    assert main(["figure", "--out", str(tmp_path / "map.pdf")]) == 1
    assert "Noto Sans CJK" in capsys.readouterr().err
