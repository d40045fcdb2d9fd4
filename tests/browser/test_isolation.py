"""The ``context`` fixture hands each test the worker's one warm context, emptied after the test
before (conftest.py, ``emptied_after``): one visit leaves everything a learner's visit leaves,
and a second, after it, finds none of it."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

from .conftest import emptied_after


def test_what_one_test_leaves_the_next_does_not_find(_warm_context: tuple[BrowserContext, Page], base_url: str) -> None:
    ctx, keeper = _warm_context
    with emptied_after(ctx, keeper, base_url):
        page = ctx.new_page()
        page.goto(f"{base_url}en/levels/level-1.html")
        page.evaluate(
            """async () => {
                localStorage.setItem('bsh-left', '1');
                document.cookie = 'bsh-left=1; path=/';
                await new Promise((done, fail) => {
                    const open = indexedDB.open('bsh-left', 1);
                    open.onupgradeneeded = () => open.result.createObjectStore('s');
                    open.onsuccess = () => { open.result.close(); done(); };
                    open.onerror = fail;
                });
                await (await caches.open('bsh-left')).put('/x', new Response('x'));
            }"""
        )
        ctx.new_page()  # a second tab, left open
        assert ctx.cookies() != []
    assert ctx.pages == [keeper] and ctx.cookies() == []
    with emptied_after(ctx, keeper, base_url):
        page = ctx.new_page()
        page.goto(f"{base_url}en/levels/level-1.html")
        left = page.evaluate(
            """async () => ({
                storage: localStorage.getItem('bsh-left'),
                cookie: document.cookie,
                databases: (await indexedDB.databases()).map(d => d.name),
                caches: await caches.keys(),
            })"""
        )
    assert left == {"storage": None, "cookie": "", "databases": [], "caches": []}
