// Unit tests of the progress dashboard's pure logic (docs/assets/progress.js): `node --test tests/js/`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import bsh from "../../docs/assets/bsh.js";
import progress from "../../docs/assets/progress.js";

const practice = { id: "level-2", questions: ["q1", "q2", "q3"], sample: 0 };
const finalQuiz = { id: "final-quiz", questions: ["q1", "q2", "q3", "q4", "q5"], sample: 3 };

function saved(over) {
  return JSON.stringify({ ...bsh.newQuizState(7), ...over });
}

describe("quiz status, read from the quiz's own saved state", () => {
  test("nothing saved, or something unreadable, is not started", () => {
    for (const raw of [null, "", "{", "[]", JSON.stringify({ v: 9 })]) {
      const s = progress.quizStatus(practice, raw);
      assert.equal(s.state, "not-started", String(raw));
      assert.equal(s.total, 3);
      assert.equal(s.last, null);
    }
  });

  test("a fresh state from quiz.js is not started", () => {
    assert.equal(progress.quizStatus(practice, saved({})).state, "not-started");
  });

  test("a practice quiz with some answers is in progress, with the count", () => {
    const s = progress.quizStatus(practice, saved({ answers: { q1: ["a"], q3: ["b"] }, judged: ["q1"] }));
    assert.deepEqual([s.state, s.answered, s.total], ["in-progress", 2, 3]);
  });

  test("a practice quiz with every question checked is done, with last and best", () => {
    const last = { score: 2, total: 3, at: 1 };
    const best = { score: 3, total: 3, at: 0 };
    const s = progress.quizStatus(practice, saved({
      answers: { q1: ["a"], q2: ["a"], q3: ["a"] }, judged: ["q1", "q2", "q3"], last, best,
    }));
    assert.deepEqual([s.state, s.last, s.best], ["done", last, best]);
  });

  test("a score from an earlier round, with the questions reset, still counts as done", () => {
    const last = { score: 1, total: 3, at: 1 };
    const s = progress.quizStatus(practice, saved({ last }));
    assert.deepEqual([s.state, s.best], ["done", last]);
  });

  test("the final quiz counts answers within its sample and is done once submitted", () => {
    const open = progress.quizStatus(finalQuiz, saved({ sample: ["q2", "q4", "q5"], answers: { q2: ["a"], q1: ["a"] } }));
    assert.deepEqual([open.state, open.answered, open.total], ["in-progress", 1, 3]);
    const done = progress.quizStatus(finalQuiz, saved({ sample: ["q2", "q4", "q5"], submitted: true, last: { score: 2.5, total: 3, at: 5 } }));
    assert.equal(done.state, "done");
  });

  test("a broken score is ignored", () => {
    const s = progress.quizStatus(practice, saved({ last: { score: 5, total: 3, at: 1 } }));
    assert.equal(s.last, null);
  });
});

describe("saved self-assessments", () => {
  test("newest first; unreadable entries and data are left out", () => {
    const list = progress.customers(JSON.stringify({
      v: 1,
      customers: [
        { id: "a", name: "Old", updated: "2026-01-01T00:00:00Z", people: [] },
        { id: "b", name: "New", updated: "2026-02-01T00:00:00Z", people: [] },
        { id: "c", name: "Broken", updated: "never", people: [] },
        "junk",
      ],
    }));
    assert.deepEqual(list.map((c) => c.id), ["b", "a"]);
    assert.deepEqual(progress.customers(null), []);
    assert.deepEqual(progress.customers("{"), []);
  });
});

describe("which keys clear all removes", () => {
  test("this site's keys and Material's settings under the site's path; nothing else", () => {
    const site = "/training/buy-sell/";
    assert.equal(progress.isSiteKey("bsh-quiz:v1:level-2", site), true);
    assert.equal(progress.isSiteKey("bsh-assessment:v1", site), true);
    assert.equal(progress.isSiteKey("/training/buy-sell/ru/.__palette", site), true);
    assert.equal(progress.isSiteKey("/training/buy-sell/.__palette", site), true); // the toggle's, site-wide
    assert.equal(progress.isSiteKey("/training/other/en/.__palette", site), false);
    assert.equal(progress.isSiteKey("/training/buy-sell/en/some-other-app", site), false);
    assert.equal(progress.isSiteKey("theme", site), false);
  });
});

describe("the final test on the dashboard", () => {
  test("passed: the result's own flag, or its score against the pass mark for an older one", () => {
    assert.equal(progress.passed(null, 80), null);
    assert.equal(progress.passed({ score: 1, total: 16, at: 1, passed: true }, 80), true);
    assert.equal(progress.passed({ score: 16, total: 20, at: 1 }, 80), true);
    assert.equal(progress.passed({ score: 15.5, total: 20, at: 1 }, 80), false);
  });

  test("the final test's attempt counts as a sample even when it takes the whole bank", () => {
    const raw = JSON.stringify({ v: 1, seed: 1, answers: { a: ["x"] }, judged: [], submitted: true, sample: ["b", "a"], last: { score: 1, total: 2, at: 5, passed: false }, best: null });
    const st = progress.quizStatus({ questions: ["a", "b"], sample: 2 }, raw);
    assert.equal(st.state, "done");
    assert.equal(st.total, 2);
  });
});
