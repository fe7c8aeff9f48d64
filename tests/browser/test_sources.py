"""A researcher checks a figure's source from the details (issue #27, item 1): the source
is a link that opens in a new tab, without handing the page to it."""

from __future__ import annotations

import pytest

from ..devserver import wait_first_view

pytestmark = pytest.mark.browser


# Shenzhen Bay Port's figures rest on the archive (no URL): its link is to what its position was read from.
@pytest.mark.parametrize("site", ["csns", "shenzhen-zhongshan-link", "shenzhen-bay-port"])
def test_the_details_link_each_figure_to_its_source(server, watched, site):
    page = watched.page
    page.goto(f"{server.url}/?site={site}")
    wait_first_view(page)
    links = page.locator("[data-testid='stMarkdownContainer'] a[href^='http']")
    links.first.wait_for(timeout=30_000)
    found = page.evaluate(
        """() => [...document.querySelectorAll("[data-testid='stMarkdownContainer'] a[href^='http']")]
                 .map(a => ({href: a.href, target: a.target, rel: a.rel, text: a.textContent}))"""
    )
    outbound = [a for a in found if "localhost" not in a["href"] and "127.0.0.1" not in a["href"]]
    assert len(outbound) >= 1, found
    for a in outbound:
        assert a["target"] == "_blank" and {"noopener", "noreferrer"} <= set(a["rel"].split()), a
        assert a["text"].strip(), a


def test_a_source_without_a_url_says_so(server, watched):
    """Shenzhen Bay Port's figures all rest on the 2019 news archive, which has no URL."""
    page = watched.page
    page.goto(f"{server.url}/?site=shenzhen-bay-port")
    wait_first_view(page)
    page.get_by_text("the 2019 news archive; no public URL", exact=False).first.wait_for(timeout=30_000)
