// Unit tests of the course frame's pure logic (docs/assets/course.js) and of the readers of its
// stored files in bsh.js: `node --test tests/js/`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import bsh from "../../docs/assets/bsh.js";
import course from "../../docs/assets/course.js";

const steps = [
  { id: "level-1", rule: "quiz" },
  { id: "toolbox", rule: "read" },
  { id: "final-quiz", rule: "quiz" },
  { id: "assessment", rule: "assessment" },
];

function store(entries) {
  return (key) => (key in entries ? entries[key] : null);
}

function quiz(over) {
  return JSON.stringify({ ...bsh.newQuizState(7), ...over });
}

describe("completed steps, from what the browser stores", () => {
  test("nothing stored: nothing completed, the first step next", () => {
    const done = course.completed(steps, store({}));
    assert.deepEqual(done, []);
    const s = course.summary(steps, done);
    assert.deepEqual([s.done, s.total, s.share, s.next.id], [0, 4, 0, "level-1"]);
  });

  test("a quiz with every question checked, a page read, a submitted test, a saved customer", () => {
    const last = { score: 1, total: 2, at: 3 };
    const entries = {
      "bsh-quiz:v1:level-1": quiz({ answers: { q1: ["a"], q2: ["b"] }, judged: ["q1", "q2"], last }),
      "bsh-read:v1": JSON.stringify({ v: 1, pages: { toolbox: 5 } }),
      "bsh-quiz:v1:final-quiz": quiz({ sample: ["q3", "q1"], submitted: true, last }),
      "bsh-assessment:v1": JSON.stringify({
        v: 1, customers: [{ id: "c1", name: "Acme", updated: "2026-01-02T00:00:00Z", people: [] }],
      }),
    };
    const done = course.completed(steps, store(entries));
    assert.deepEqual(done, ["level-1", "toolbox", "final-quiz", "assessment"]);
    const s = course.summary(steps, done);
    assert.deepEqual([s.done, s.share, s.next], [4, 1, null]);
  });

  test("a quiz half checked is not completed; the next step is the first one not completed", () => {
    const entries = {
      "bsh-quiz:v1:level-1": quiz({ answers: { q1: ["a"] }, judged: ["q1"] }),
      "bsh-read:v1": JSON.stringify({ v: 1, pages: { toolbox: 5 } }),
    };
    const done = course.completed(steps, store(entries));
    assert.deepEqual(done, ["toolbox"]);
    assert.equal(course.summary(steps, done).next.id, "level-1");
  });

  test("a quiz finished once stays completed while its questions are tried again; a reset forgets it", () => {
    const last = { score: 2, total: 2, at: 3 };
    const retried = quiz({ answers: { q2: ["b"] }, judged: [], last, best: last });
    assert.deepEqual(course.completed(steps, store({ "bsh-quiz:v1:level-1": retried })), ["level-1"]);
    assert.deepEqual(course.completed(steps, store({ "bsh-quiz:v1:level-1": quiz({}) })), []);
  });

  test("unreadable files complete nothing and throw nothing", () => {
    for (const raw of ["", "{", "[]", "null", JSON.stringify({ v: 2, pages: { toolbox: 1 } })]) {
      const entries = { "bsh-read:v1": raw, "bsh-quiz:v1:level-1": raw, "bsh-assessment:v1": raw };
      assert.deepEqual(course.completed(steps, store(entries)), [], raw);
    }
  });
});

describe("the stored files", () => {
  test("a page read is added to what was read before; foreign entries are dropped", () => {
    const raw = JSON.stringify({ v: 1, pages: { toolbox: 3, "Bad id": 4, glossary: "x" } });
    assert.deepEqual(JSON.parse(course.withRead(raw, "key-points", 9)), { v: 1, pages: { toolbox: 3, "key-points": 9 } });
    assert.deepEqual(JSON.parse(course.withRead(null, "toolbox", 1)), { v: 1, pages: { toolbox: 1 } });
  });

  test("a checklist's ticks replace that list's only; bad ticks are dropped", () => {
    const raw = JSON.stringify({ v: 1, lists: { "level-1:signs:0": { n: 3, on: [0, 0, 2, 7, -1, "1"] }, x: { n: 0, on: [] } } });
    assert.deepEqual(bsh.parseChecklists(raw), { "level-1:signs:0": { n: 3, on: [0, 2] } });
    const next = JSON.parse(course.withTicks(raw, "level-2:signs:0", 4, [1]));
    assert.deepEqual(next.lists, { "level-1:signs:0": { n: 3, on: [0, 2] }, "level-2:signs:0": { n: 4, on: [1] } });
  });

  test("the keys are the site's own", () => {
    for (const key of [bsh.READ_KEY, bsh.CHECKLIST_KEY]) assert.ok(key.startsWith(bsh.SITE_PREFIX), key);
  });
});
