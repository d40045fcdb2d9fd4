// Unit tests of the self-assessment's pure logic (docs/assets/assessment.js): `node --test tests/js/`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import as from "../../docs/assets/assessment.js";

// Three statements per level, as in content/assessment.yaml.
const STRUCTURE = [1, 2, 3, 4, 5].map((level) => ({
  level,
  statements: ["a", "b", "c"].map((x) => `s${level}-${x}`),
}));
const IDS = STRUCTURE.flatMap((lv) => lv.statements);

/** Ratings with `points(level, index)` for every statement. */
function rate(points) {
  const out = {};
  STRUCTURE.forEach((lv) => lv.statements.forEach((id, i) => { out[id] = points(lv.level, i); }));
  return out;
}

const lowest = rate(() => 0);
const highest = rate(() => as.MAX_POINTS);

function customer(over = {}) {
  return {
    id: "c1",
    name: "Acme",
    created: "2026-01-02T10:00:00.000Z",
    updated: "2026-01-03T10:00:00.000Z",
    level: 2,
    low: 2,
    high: 2,
    people: [{ id: "p1", name: "Buyer", updated: "2026-01-03T10:00:00.000Z", ratings: { ...highest } }],
    ...over,
  };
}

function file(over = {}) {
  return JSON.stringify({ format: "bsh-assessment", version: 1, exported: "2026-01-04T00:00:00Z", customers: [customer()], ...over });
}

describe("scoring", () => {
  test("the lowest answer everywhere gives level 1", () => {
    assert.equal(as.personLevel(STRUCTURE, lowest), 1);
  });

  test("the highest answer everywhere gives level 5", () => {
    assert.equal(as.personLevel(STRUCTURE, highest), 5);
  });

  test("a level is reached at an average of exactly 2 points, not below", () => {
    // level 2 averages (2 + 2 + 2) / 3 = 2: reached; level 3 averages (2 + 2 + 1) / 3 < 2: not.
    const r = rate((level, i) => (level === 1 ? 3 : level === 2 ? 2 : level === 3 ? (i < 2 ? 2 : 1) : 3));
    assert.equal(as.personLevel(STRUCTURE, r), 2);
  });

  test("levels build on each other: a gap below caps the level however high the levels above score", () => {
    const r = rate((level) => (level === 2 ? 0 : 3));
    assert.equal(as.personLevel(STRUCTURE, r), 1);
  });

  test("level 1 is the floor even when its own statements are not met", () => {
    const r = rate((level) => (level === 1 ? 0 : 3));
    assert.equal(as.personLevel(STRUCTURE, r), 1);
  });

  test("an unanswered statement counts as 0 points", () => {
    const r = { ...highest };
    delete r["s4-a"];
    delete r["s4-b"];
    assert.equal(as.personLevel(STRUCTURE, r), 3);
    assert.deepEqual(as.unanswered(STRUCTURE, r), ["s4-a", "s4-b"]);
  });

  test("levelScores gives each level's average and whether it is reached", () => {
    const r = rate((level, i) => (level === 3 ? i : 3));
    const scores = as.levelScores(STRUCTURE, r);
    assert.deepEqual(scores.map((s) => s.average), [3, 3, 1, 3, 3]);
    assert.deepEqual(scores.map((s) => s.reached), [true, true, false, true, true]);
  });

  test("the group level is the median, the lower middle one for an even count", () => {
    assert.equal(as.groupLevel([]), null);
    assert.equal(as.groupLevel([4]), 4);
    assert.equal(as.groupLevel([5, 1, 3]), 3);
    assert.equal(as.groupLevel([2, 4]), 2);
    assert.equal(as.groupLevel([5, 4, 1, 2]), 2);
  });

  test("summarize: every person's level, the spread and the gap to the next level with who", () => {
    const people = [
      { id: "p1", name: "Ann", ratings: rate((level) => (level <= 2 ? 3 : 1)) }, // level 2
      { id: "p2", name: "Bo", ratings: rate((level) => (level <= 4 ? 3 : 0)) }, // level 4
      { id: "p3", name: "Cy", ratings: rate((level, i) => (level <= 2 ? 3 : level === 3 && i === 0 ? 1 : level === 3 ? 3 : 0)) }, // level 3
    ];
    const s = as.summarize(STRUCTURE, people);
    assert.deepEqual(s.people.map((p) => p.level), [2, 4, 3]);
    assert.equal(s.level, 3);
    assert.equal(s.low, 2);
    assert.equal(s.high, 4);
    // Next level is 4: every level-4 statement is below 2 points for Ann and Cy, not for Bo.
    assert.deepEqual(s.gaps, [
      { id: "s4-a", level: 4, who: ["Ann", "Cy"] },
      { id: "s4-b", level: 4, who: ["Ann", "Cy"] },
      { id: "s4-c", level: 4, who: ["Ann", "Cy"] },
    ]);
  });

  test("summarize at level 1 lists the gaps of levels 1 and 2; at level 5 none", () => {
    const low = as.summarize(STRUCTURE, [{ id: "p", name: "A", ratings: lowest }]);
    assert.equal(low.level, 1);
    assert.deepEqual(low.gaps.map((g) => g.id), ["s1-a", "s1-b", "s1-c", "s2-a", "s2-b", "s2-c"]);
    const high = as.summarize(STRUCTURE, [{ id: "p", name: "A", ratings: highest }]);
    assert.equal(high.level, 5);
    assert.deepEqual(high.gaps, []);
  });

  test("summarize with nobody rated has no level", () => {
    assert.deepEqual(as.summarize(STRUCTURE, []), { level: null, low: null, high: null, people: [], gaps: [] });
  });

  test("the real content has five levels of statements and the scale the rule describes", () => {
    const yaml = readFileSync(new URL("../../content/assessment.yaml", import.meta.url), "utf8");
    const levels = [...yaml.matchAll(/^  - level: (\d)$/gm)].map((m) => Number(m[1]));
    assert.deepEqual(levels, [1, 2, 3, 4, 5]);
    assert.equal(as.THRESHOLD, 2);
    assert.equal(as.MAX_POINTS, 3);
  });
});

describe("import validation", () => {
  test("a valid export is accepted and cleaned", () => {
    const r = as.parseExport(file());
    assert.equal(r.ok, true);
    assert.equal(r.customers.length, 1);
    assert.equal(r.customers[0].name, "Acme");
    assert.deepEqual(r.customers[0].people[0].ratings, highest);
  });

  test("an export written by makeExport reads back the same", () => {
    const text = as.makeExport([customer(), customer({ id: "c2", name: "Beta" })], "2026-01-05T00:00:00.000Z");
    const r = as.parseExport(text);
    assert.equal(r.ok, true);
    assert.deepEqual(r.customers.map((c) => c.id), ["c1", "c2"]);
  });

  test("a byte-order mark at the start is allowed", () => {
    assert.equal(as.parseExport("\uFEFF" + file()).ok, true);
  });

  test("text that is not JSON", () => {
    for (const text of ["", "hello", "{", "<html></html>", "\u0000\u0001\u0002"]) {
      assert.deepEqual(as.parseExport(text), { ok: false, error: "not-json" }, JSON.stringify(text));
    }
  });

  test("a file cut short is not JSON", () => {
    const text = file();
    assert.deepEqual(as.parseExport(text.slice(0, Math.floor(text.length / 2))), { ok: false, error: "not-json" });
  });

  test("JSON that is not an export of the self-assessment", () => {
    for (const text of ["null", "42", '"text"', "[]", "{}", '{"format":"bsh-quiz","version":1}',
      JSON.stringify({ v: 1, customers: [] })]) {
      assert.deepEqual(as.parseExport(text), { ok: false, error: "wrong-file" }, text);
    }
  });

  test("an older or a newer version", () => {
    assert.deepEqual(as.parseExport(file({ version: 0 })), { ok: false, error: "old-version" });
    assert.deepEqual(as.parseExport(file({ version: 2 })), { ok: false, error: "new-version" });
  });

  test("a missing or broken version or customer list is damage to the file itself", () => {
    assert.deepEqual(as.parseExport(file({ version: "1" })), { ok: false, error: "damaged", n: 0 });
    assert.deepEqual(as.parseExport(file({ version: 1.5 })), { ok: false, error: "damaged", n: 0 });
    assert.deepEqual(as.parseExport(file({ customers: {} })), { ok: false, error: "damaged", n: 0 });
  });

  test("an export without customers", () => {
    assert.deepEqual(as.parseExport(file({ customers: [] })), { ok: false, error: "empty" });
  });

  test("one damaged customer rejects the whole file and names it", () => {
    const person = customer().people[0];
    const damaged = [
      ["not an object", "Acme"],
      ["no id", customer({ id: undefined })],
      ["bad id", customer({ id: "a b" })],
      ["empty name", customer({ name: "  " })],
      ["name not text", customer({ name: 7 })],
      ["name too long", customer({ name: "x".repeat(201) })],
      ["bad date", customer({ updated: "yesterday" })],
      ["impossible date", customer({ updated: "2026-13-45T00:00:00Z" })],
      ["bad level", customer({ level: 7 })],
      ["people not a list", customer({ people: {} })],
      ["person without name", customer({ people: [{ ...person, name: "" }] })],
      ["person without ratings", customer({ people: [{ ...person, ratings: null }] })],
      ["rating too high", customer({ people: [{ ...person, ratings: { ...highest, "s1-a": 4 } }] })],
      ["negative rating", customer({ people: [{ ...person, ratings: { ...highest, "s1-a": -1 } }] })],
      ["fractional rating", customer({ people: [{ ...person, ratings: { ...highest, "s1-a": 1.5 } }] })],
      ["rating as text", customer({ people: [{ ...person, ratings: { ...highest, "s1-a": "3" } }] })],
      ["bad statement id", customer({ people: [{ ...person, ratings: { "S1 A": 3 } }] })],
      ["duplicate person", customer({ people: [person, person] })],
    ];
    for (const [why, bad] of damaged) {
      const text = file({ customers: [customer({ id: "ok1" }), bad] });
      assert.deepEqual(as.parseExport(text), { ok: false, error: "damaged", n: 2 }, why);
    }
  });

  test("two customers with the same id are damage", () => {
    assert.deepEqual(as.parseExport(file({ customers: [customer(), customer()] })), { ok: false, error: "damaged", n: 2 });
  });

  test("ratings of statements the site no longer has are kept, not an error", () => {
    const r = as.parseExport(file({ customers: [customer({ people: [{ ...customer().people[0], ratings: { "old-one": 2 } }] })] }));
    assert.equal(r.ok, true);
    assert.deepEqual(r.customers[0].people[0].ratings, { "old-one": 2 });
  });

  test("unknown fields are dropped", () => {
    const r = as.parseExport(file({ customers: [{ ...customer(), secret: "<script>" }] }));
    assert.equal(r.ok, true);
    assert.equal("secret" in r.customers[0], false);
  });
});

describe("merging", () => {
  test("merge adds new customers, replaces older copies and keeps newer ones", () => {
    const mine = [customer({ id: "a" }), customer({ id: "b", updated: "2026-03-01T00:00:00Z" })];
    const theirs = [
      customer({ id: "a", name: "Newer", updated: "2026-02-01T00:00:00Z" }),
      customer({ id: "b", name: "Older", updated: "2026-01-01T00:00:00Z" }),
      customer({ id: "c" }),
    ];
    const m = as.merge(mine, theirs);
    assert.deepEqual([m.added, m.updated, m.kept], [1, 1, 1]);
    assert.deepEqual(m.customers.map((c) => [c.id, c.name]), [["a", "Newer"], ["b", "Acme"], ["c", "Acme"]]);
    assert.equal(mine[0].name, "Acme", "the input is not changed");
  });
});
