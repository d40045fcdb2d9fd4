// The search scripts (build_tools/theme/search-*.js) in Material's own search worker and
// lunr-languages files, as installed: `node --test tests/js/` (`make js-test` passes
// MATERIAL_DIR; without it, Python finds the installed Material).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const THEME = path.join(REPO, "build_tools/theme");

function findMaterial() {
  if (process.env.MATERIAL_DIR) {
    assert.ok(existsSync(process.env.MATERIAL_DIR), `MATERIAL_DIR=${process.env.MATERIAL_DIR} does not exist`);
    return process.env.MATERIAL_DIR;
  }
  for (const python of [path.join(REPO, ".venv/bin/python"), "python3"]) {
    try {
      const code = "import material, os; print(os.path.dirname(material.__file__))";
      return execFileSync(python, ["-c", code], { encoding: "utf-8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      // not this interpreter
    }
  }
  return null;
}

const MATERIAL = findMaterial();
const SKIP = MATERIAL ? false : "Material for MkDocs is not installed (set MATERIAL_DIR, or run `make js-test`)";
const JS = MATERIAL && path.join(MATERIAL, "templates/assets/javascripts");

// Material's worker messages (integrations/search/worker/message).
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

// The worker as the site serves it (build_tools/theme/lunr.py): Material's, then the config line,
// then the scripts.
function patchedWorker(language) {
  const workers = path.join(JS, "workers");
  const [name] = readdirSync(workers).filter((f) => /^search\.[0-9a-f]{8}\.min\.js$/.test(f));
  return (
    readFileSync(path.join(workers, name), "utf-8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n") +
    `;self.bshSearch=${JSON.stringify({ language })};\n` +
    ["search-variants.js", "search-query.js"].map((f) => readFileSync(path.join(THEME, f), "utf-8")).join("")
  );
}

// Material's search worker, in a context of its own, set up with `docs` for a page in `language`
// (configured as the site's search is: lunr's language with its stop words for en, ru and vi,
// English without stop words for Indonesian). Returns search(query) → Material's result items.
async function worker(language, docs) {
  const warnings = [];
  let listener;
  let reply;
  const context = {
    console: { log() {}, info() {}, warn: (...a) => warnings.push(a.join(" ")), error: (...a) => warnings.push(a.join(" ")) },
    addEventListener: (type, fn) => (listener = fn),
    postMessage: (message) => reply(message),
    importScripts: (...urls) => {
      for (const url of urls) {
        const file = path.resolve(JS, "workers", url);
        vm.runInContext(readFileSync(file, "utf-8"), context, { filename: file });
      }
    },
  };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(patchedWorker(language), context, { filename: "search-worker.js" });
  const send = (message) =>
    new Promise((resolve) => {
      reply = resolve;
      listener({ data: message });
    });
  const config = {
    lang: [language === "id" ? "en" : language],
    separator: String.raw`(?:[\s\-,;:!?=/|()\[\]{}<>"«»“”„‘’…–—]|\.(?!\d))+`,  // render.SEARCH_SEPARATOR
    pipeline: language === "id" ? ["trimmer"] : ["stopWordFilter"],
    fields: { title: { boost: 1000 }, text: { boost: 1 }, tags: { boost: 10000 } },
  };
  assert.equal((await send({ type: SETUP, data: { config, docs, options: { suggest: false } } })).type, READY);
  const search = async (query) => {
    const message = await send({ type: QUERY, data: query });
    assert.equal(message.type, RESULT);
    return message.data.items.flat();
  };
  return { search, warnings };
}

const doc = (location, title, text, tags) => ({ location, title, text: `<p>${text}</p>`, ...(tags && { tags }) });
const locations = (items) => [...new Set(items.map((item) => item.location))];
const plain = (object) => JSON.parse(JSON.stringify(object)); // an object of the worker's context, comparable

describe("search", { skip: SKIP }, () => {
  test("Vietnamese without diacritics finds the words, marked as written; no warning", async () => {
    const { search, warnings } = await worker("vi", [
      doc("a.html", "Khách hàng", "Chăm sóc khách hàng là cái gốc."),
      doc("b.html", "Nhà cung cấp", "Đàm phán với nhà cung cấp."),
    ]);
    const items = await search("khach hang");
    assert.deepEqual(locations(items), ["a.html"]);
    assert.match(items[0].title, /<mark[^>]*>Khách<\/mark>/);
    assert.deepEqual(locations(await search("dam phan")), ["b.html"]);
    assert.deepEqual(warnings, []);  // lunr.vi's stop-word filter registered, its trimmer replaced quietly
  });

  test("Russian «е» finds «ё»", async () => {
    const { search } = await worker("ru", [doc("a.html", "Партнёр", "Стратегический партнёр."), doc("b.html", "Поставщик", "Другое.")]);
    const items = await search("партнер");
    assert.deepEqual(locations(items), ["a.html"]);
    assert.match(items[0].title, /<mark[^>]*>Партнёр<\/mark>/);
  });

  test("English: another form of a word is found through its stem, and not listed as missing", async () => {
    const { search } = await worker("en", [doc("a.html", "Strategy", "One strategy."), doc("b.html", "Price", "Prices.")]);
    const items = await search("strategies");
    assert.deepEqual(locations(items), ["a.html"]);
    assert.equal(items[0].terms.strategies, true);
  });

  test("Russian: a stop word is no prefix query and is not missing; other forms are found", async () => {
    const { search } = await worker("ru", [
      doc("a.html", "Клиент", "Доверие клиента."),
      doc("b.html", "Игра", "Игра идёт."),
      doc("c.html", "Стратегия", "Стратегического партнёрства."),
    ]);
    const items = await search("клиент и");
    assert.deepEqual(locations(items), ["a.html"]);
    assert.notEqual(items[0].terms["и"], false);
    assert.deepEqual(locations(await search("стратегическому")), ["c.html"]);
  });

  test("Russian words typed letter by letter: every prefix is answered, without a warning", async () => {
    const { search, warnings } = await worker("ru", [
      doc("a.html", "Доверие", "Доверие клиента."),
      doc("b.html", "Клиент", "Клиент и поставщик."),
    ]);
    for (const [word, location] of [["доверие", "a.html"], ["клиент", "b.html"]]) {
      for (let i = 1; i <= word.length; i++) {
        const items = await search(word.slice(0, i));
        if (i >= 3) assert.ok(locations(items).includes(location), `${word.slice(0, i)}: ${locations(items)}`);
      }
    }
    assert.deepEqual(warnings, []);
  });

  test("Vietnamese: the syllables of a query together rank first; a complete syllable is no prefix", async () => {
    const { search } = await worker("vi", [
      doc("apart.html", "Tin", "Tin tức mới. Ý tưởng hay."),  // both, apart (and "tin" in the title)
      doc("together.html", "Khách hàng", "Sự tin tưởng của khách hàng."),
      doc("alone.html", "Thông tin", "Thông tin khác."),
      doc("count.html", "Cách tính", "Cách tính điểm."),
    ]);
    const items = await search("tin tưởng");
    assert.deepEqual(locations(items), ["together.html", "apart.html", "alone.html"]);
    assert.deepEqual(plain(items[0].terms), { tin: true, "tưởng": true });
    assert.equal(items.find((item) => item.location === "alone.html").terms["tưởng"], false);
    // The last word is still being typed: a prefix ("tin" of "tính", indexed "tinh").
    assert.ok(locations(await search("tin")).includes("count.html"));
    assert.ok(!locations(await search("tin tu")).includes("count.html"));
  });

  test("English and Russian: words together rank above more frequent words apart", async () => {
    const en = await worker("en", [
      doc("apart.html", "Value", "Value for the customer and value for you: customer first."),
      doc("together.html", "Basics", "What customer value means."),
    ]);
    assert.deepEqual(locations(await en.search("customer value")), ["together.html", "apart.html"]);
    const ru = await worker("ru", [
      doc("apart.html", "Доверие", "Доверие растёт. Клиента надо слушать."),
      doc("together.html", "Основа", "Доверие клиента важно."),
    ]);
    assert.deepEqual(locations(await ru.search("доверие клиента")), ["together.html", "apart.html"]);
  });

  test("a stop word is neither missing nor marked on the page opened", async () => {
    const { search } = await worker("vi", [doc("a.html", "Lòng tin", "Đó là lòng tin."), doc("b.html", "Khác", "Khác.")]);
    const items = await search("tin là");
    assert.deepEqual(locations(items), ["a.html"]);
    assert.deepEqual(plain(items[0].terms), { tin: true });
  });

  test("the page opened is told the words matched, as written (?h= is made of the found terms)", async () => {
    const vi = await worker("vi", [doc("a.html", "Khách hàng", "Chăm sóc khách hàng."), doc("b.html", "Khác", "Khác.")]);
    const [khach] = await vi.search("khach hang");
    assert.equal(khach.location, "a.html");
    assert.equal(khach.terms["khách"], true);
    assert.equal(khach.terms["hàng"], true);
    assert.ok(!("khác" in khach.terms), "only the forms this result matched");
    const en = await worker("en", [doc("a.html", "Strategy", "One strategy."), doc("b.html", "Price", "Prices.")]);
    const [strategy] = await en.search("strategies");
    assert.equal(strategy.terms.strategy, true);
    const ru = await worker("ru", [doc("a.html", "Партнёр", "Стратегический партнёр."), doc("b.html", "Игра", "Игра.")]);
    const [partner] = await ru.search("партнер");
    assert.equal(partner.terms["партнёр"], true);
    // A form that holds the word typed is marked by Material itself: not repeated.
    const [typed] = await vi.search("khách");
    assert.deepEqual(plain(typed.terms), { "khách": true });
  });

  test("a page found through its sections only is told the words they matched", async () => {
    const { search } = await worker("en", [
      doc("a.html", "Prices", "Nothing here."),
      doc("a.html#plan", "Plan", "One strategy."),
      doc("b.html", "Other", "Other."),
    ]);
    const items = await search("strategies");
    const page = items.find((item) => item.location === "a.html");
    assert.equal(page.score, 0);  // Material's own entry for the page, which matched nothing itself
    assert.deepEqual(plain(page.terms), { strategies: true, strategy: true });
  });

  test("Indonesian: the query is left as Material makes it", async () => {
    const { search } = await worker("id", [doc("a.html", "Strategi", "Strategi harga."), doc("b.html", "Harga", "Diskon.")]);
    assert.deepEqual(locations(await search("strategi")), ["a.html"]);
    assert.deepEqual(locations(await search("harg")).sort(), ["a.html", "b.html"]);
  });
});
