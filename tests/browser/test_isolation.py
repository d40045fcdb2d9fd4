"""The ``context`` fixture hands each test an empty context, although it is the worker's one
context, emptied after each test (conftest.py). The first test leaves everything a learner's
visit leaves; the second, run after it on the same worker (the file stays on one worker under
``--dist loadfile``, in this order), finds none of it."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

LEFT: dict[str, str] = {}


def test_a_visit_leaves_data_behind(context: BrowserContext, page: Page, base_url: str) -> None:
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
    context.new_page()  # a second tab, left open
    LEFT["worker"] = str(id(context))


def test_the_next_test_finds_none_of_it(context: BrowserContext, page: Page, base_url: str) -> None:
    assert LEFT.get("worker") == str(id(context)), "not after the first test in the same context"
    assert len(context.pages) == 2 and page in context.pages, "the keeper and this test's page only"
    assert context.cookies() == []
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
