"""The offline bundle: unzipped and opened from disk (file://), with no server and no network."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.build import bundle


@pytest.fixture(scope="module")
def unzipped(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = bundle(project)
    assert archive.name == "buy-sell-hierarchy-0.1.0.zip"
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as z:
        z.extractall(target)
    (root,) = target.iterdir()
    return root


@pytest.fixture
def offline_page(browser: Browser) -> Page:
    ctx = browser.new_context(locale="vi-VN")
    ctx.route("http*://**", lambda route: route.abort())  # no network at all
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page  # type: ignore[misc]
    ctx.close()
    assert errors == []


def test_opens_from_disk_in_the_visitors_language(offline_page: Page, unzipped: Path) -> None:
    offline_page.goto((unzipped / "index.html").as_uri())
    expect(offline_page.locator("html")).to_have_attribute("lang", "vi")
    expect(offline_page).to_have_url((unzipped / "vi" / "index.html").as_uri())


def test_navigation_and_switcher_from_disk(offline_page: Page, unzipped: Path) -> None:
    offline_page.goto((unzipped / "en" / "levels" / "level-3.html").as_uri())
    offline_page.locator(".md-nav__link[href$='level-4.html']").first.click()
    expect(offline_page).to_have_url((unzipped / "en" / "levels" / "level-4.html").as_uri())
    offline_page.locator(".md-header .md-select").hover()
    offline_page.locator('.md-select__link[hreflang="ru"]').click()
    expect(offline_page).to_have_url((unzipped / "ru" / "levels" / "level-4.html").as_uri())
    expect(offline_page.locator("html")).to_have_attribute("lang", "ru")


def test_search_from_disk(offline_page: Page, unzipped: Path) -> None:
    offline_page.goto((unzipped / "ru" / "index.html").as_uri())
    box = offline_page.locator("input.md-search__input")
    box.click()
    box.fill("поставщик")
    box.press("End")
    first = offline_page.locator(".md-search-result__item a").first
    expect(first).to_be_visible(timeout=10_000)
    assert "/ru/" in (first.evaluate("a => a.href"))
