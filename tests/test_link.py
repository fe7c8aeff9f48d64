"""Sharing a view: the public base, the link, its QR code, the embed snippet, file names."""

from __future__ import annotations

import re

import pytest

from gba_dash.publish import link
from gba_dash.view.share import view_slug


def test_public_base_is_read_from_the_environment_and_ends_in_a_slash():
    assert link.public_base({}) is None
    assert link.public_base({link.ENV: "  "}) is None
    assert link.public_base({link.ENV: "https://gba.example.org/dash"}) == "https://gba.example.org/dash/"
    assert link.public_base({link.ENV: "http://10.0.0.5:8501/"}) == "http://10.0.0.5:8501/"


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "ftp://example.org/",
        "example.org",
        "https://",
        "https://x.org/?a=1",
        "https://x.org/#top",
    ],
)
def test_a_bad_public_base_is_refused_naming_the_variable_and_value(raw):
    with pytest.raises(link.PublicURLError) as error:
        link.public_base({link.ENV: raw})
    assert link.ENV in str(error.value) and repr(raw) in str(error.value)


def test_the_public_base_wins_over_the_address_the_page_was_reached_at():
    shared = link.share_link({"city": "Dongguan", "site": "csns"}, seen="http://127.0.0.1:8501/?x=1", public=None)
    assert shared.url == "http://127.0.0.1:8501/?city=Dongguan&site=csns"
    assert shared.local and not shared.public
    shared = link.share_link({"city": "Dongguan"}, seen="http://127.0.0.1:8501/", public="https://gba.example.org/")
    assert shared.url == "https://gba.example.org/?city=Dongguan"
    assert shared.public and not shared.local


def test_a_page_under_a_base_path_keeps_it_and_values_are_quoted():
    shared = link.share_link({"q": "港口 & port"}, seen="https://host.example/gba?old=1#x", public=None)
    assert shared.url == "https://host.example/gba/?q=%E6%B8%AF%E5%8F%A3%20%26%20port"
    assert not shared.local


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://localhost:8501/", True),
        ("http://127.0.0.1:8501/", True),
        ("http://[::1]:8501/", True),
        ("http://192.168.1.20:8501/", True),
        ("http://0.0.0.0:8501/", True),
        ("http://laptop.local:8501/", True),
        ("https://gba.example.org/", False),
        ("http://8.8.8.8/", False),
    ],
)
def test_local_addresses(url, local):
    assert link.is_local(url) is local


def test_no_address_at_all_is_a_relative_link_and_local():
    shared = link.share_link({"city": "Zhuhai"}, seen=None, public=None)
    assert shared.url == "?city=Zhuhai" and shared.local
    assert link.share_link({}, seen="http://127.0.0.1:8501", public=None).url == "http://127.0.0.1:8501/"


def test_the_qr_code_is_a_scalable_svg_with_a_title_and_reads_back_as_the_link():
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pytest.importorskip("PIL.Image")
    import io

    import segno

    url = "https://gba.example.org/?city=Dongguan&site=csns"
    svg = link.qr_svg(url, title="QR <code> of a link")
    assert svg.startswith("<svg") and "viewBox" in svg and 'width="' not in svg.split(">")[0]
    assert "<title>QR &lt;code&gt; of a link</title>" in svg
    # The drawn modules are segno's matrix for the URL at level M; read that matrix back.
    modules = segno.make(url, error="m", micro=False)
    png = io.BytesIO()
    modules.save(png, kind="png", scale=4)
    assert [r.text for r in zxingcpp.read_barcodes(image.open(io.BytesIO(png.getvalue())))] == [url]
    assert modules.error == "M" and f"{modules.symbol_size(scale=1, border=4)[0]}" in svg


def test_the_embed_snippet_escapes_and_asks_for_streamlits_embed_mode():
    snippet = link.embed_snippet('https://x.org/?q=a"b&city=Zhuhai', title='GBA "science"')
    assert snippet.startswith("<iframe ") and snippet.endswith("</iframe>")
    assert 'src="https://x.org/?q=a&quot;b&amp;city=Zhuhai&amp;embed=true"' in snippet
    assert 'title="GBA &quot;science&quot;"' in snippet and 'loading="lazy"' in snippet
    assert 'src="https://x.org/?embed=true"' in link.embed_snippet("https://x.org/", title="t")


def test_view_slugs_name_the_view_in_safe_file_names():
    assert view_slug({}) == "all"
    assert view_slug({"city": "Dongguan", "site": "csns"}) == "city-dongguan_site-csns"
    assert view_slug({"category": "science_city,ai_park"}) == "category-science-city-ai-park"
    long = {"category": "science_city,ai_park,checkpoint,facility", "area": "10.5,60", "q": "x" * 80}
    for query in ({"q": "港口"}, {"q": "口岸"}, long):
        slug = view_slug(query)
        assert re.fullmatch(r"[a-z0-9_-]{1,60}", slug), slug
        assert re.search(r"-[0-9a-f]{8}$", slug), slug
    # Two Chinese searches lose their words alike: the hash keeps their names apart.
    assert view_slug({"q": "港口"}) != view_slug({"q": "口岸"})
    assert view_slug(long) != view_slug({**long, "q": "x" * 81})
