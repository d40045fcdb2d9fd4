// Unit tests of the quiz's pure logic (docs/assets/quiz.js): `node --test tests/js/`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import bsh from "../../docs/assets/bsh.js";
import quiz from "../../docs/assets/quiz.js";

const single = { id: "s1", type: "single", topic: "level-1", options: ["a", "b", "c"], answer: ["b"] };
const multiple = { id: "m1", type: "multiple", topic: "level-1", options: ["a", "b", "c", "d"], answer: ["a", "b", "d"] };
const trueFalse = { id: "t1", type: "true-false", topic: "level-2", options: ["true", "false"], answer: ["false"] };
const ordering = { id: "o1", type: "ordering", topic: "level-2", options: ["c", "a", "d", "b"], answer: ["a", "b", "c", "d"] };

const UI = {
  quiz_correct: "Correct.",
  quiz_partly: "Partly right.",
  quiz_incorrect: "Not right.",
  quiz_partial_multiple: "Right answers chosen: {hits} of {total}. Wrong answers chosen: {wrong}.",
  quiz_partial_ordering: "Items in the right place: {hits} of {total}.",
};
const UI_RU = { ...UI, quiz_partial_ordering: "На своём месте: {hits} из {total}." };

function data(overrides = {}) {
  return { id: "level-1", mode: "practice", lang: "en", sample: 0, questions: [single, multiple, trueFalse, ordering], ...overrides };
}

function memoryStorage(initial = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    items,
  };
}

describe("shuffle", () => {
  test("the same seed gives the same order", () => {
    const items = ["a", "b", "c", "d", "e", "f", "g"];
    assert.deepEqual(quiz.shuffle(items, 42), quiz.shuffle(items, 42));
  });

  test("is a permutation and leaves its input alone", () => {
    const items = ["a", "b", "c", "d", "e", "f", "g"];
    const out = quiz.shuffle(items, 7);
    assert.deepEqual([...out].sort(), items);
    assert.deepEqual(items, ["a", "b", "c", "d", "e", "f", "g"]);
  });

  test("different seeds give different orders", () => {
    const items = ["a", "b", "c", "d", "e", "f", "g"];
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => quiz.shuffle(items, seed).join("")));
    assert.ok(orders.size > 40, `only ${orders.size} distinct orders from 50 seeds`);
  });

  test("every position is reachable by every item", () => {
    const seen = new Set();
    for (let seed = 0; seed < 400; seed++) {
      quiz.shuffle(["a", "b", "c", "d"], seed).forEach((id, i) => seen.add(id + i));
    }
    assert.equal(seen.size, 16);
  });
});

describe("optionOrder", () => {
  test("is deterministic for an attempt's seed", () => {
    assert.deepEqual(quiz.optionOrder(multiple, 123), quiz.optionOrder(multiple, 123));
  });

  test("depends on the question id, not on the question's position", () => {
    const renamed = { ...multiple, id: "m2" };
    const differs = [1, 2, 3, 4, 5, 6, 7, 8].some(
      (seed) => quiz.optionOrder(multiple, seed).join("") !== quiz.optionOrder(renamed, seed).join(""),
    );
    assert.ok(differs);
  });

  test("never shuffles true/false", () => {
    for (let seed = 0; seed < 50; seed++) assert.deepEqual(quiz.optionOrder(trueFalse, seed), ["true", "false"]);
  });

  test("never starts an ordering question in the right order", () => {
    const two = { ...ordering, options: ["a", "b"], answer: ["a", "b"] };
    for (let seed = 0; seed < 500; seed++) {
      assert.notDeepEqual(quiz.optionOrder(ordering, seed), ordering.answer);
      assert.deepEqual(quiz.optionOrder(two, seed), ["b", "a"]);
    }
  });
});

describe("pickSample", () => {
  const ids = Array.from({ length: 40 }, (_, i) => `q${i}`);

  test("draws the sample size of distinct questions, the same for the same seed", () => {
    const sample = quiz.pickSample(ids, 15, 99);
    assert.equal(sample.length, 15);
    assert.equal(new Set(sample).size, 15);
    assert.ok(sample.every((id) => ids.includes(id)));
    assert.deepEqual(quiz.pickSample(ids, 15, 99), sample);
    assert.notDeepEqual(quiz.pickSample(ids, 15, 100), sample);
  });

  test("keeps every question in order without a sample size or with a small bank", () => {
    assert.deepEqual(quiz.pickSample(ids, 0, 5), ids);
    assert.deepEqual(quiz.pickSample(ids.slice(0, 10), 15, 5), ids.slice(0, 10));
  });
});

describe("judge", () => {
  test("single choice: right, wrong, unanswered", () => {
    assert.deepEqual(quiz.judge(single, ["b"]), { credit: 1, correct: true, hits: 1, wrong: 0, total: 1, answered: true });
    assert.deepEqual(quiz.judge(single, ["a"]), { credit: 0, correct: false, hits: 0, wrong: 1, total: 1, answered: true });
    assert.deepEqual(quiz.judge(single, undefined), { credit: 0, correct: false, hits: 0, wrong: 0, total: 1, answered: false });
  });

  test("true/false", () => {
    assert.equal(quiz.judge(trueFalse, ["false"]).correct, true);
    assert.equal(quiz.judge(trueFalse, ["true"]).credit, 0);
  });

  test("multiple choice: exact answer in any order", () => {
    assert.equal(quiz.judge(multiple, ["d", "a", "b"]).credit, 1);
    assert.equal(quiz.judge(multiple, ["d", "a", "b"]).correct, true);
  });

  test("multiple choice: partial credit is right picks minus wrong picks", () => {
    const r = quiz.judge(multiple, ["a", "b", "c"]);
    assert.deepEqual(r, { credit: 1 / 3, correct: false, hits: 2, wrong: 1, total: 3, answered: true });
    assert.equal(quiz.judge(multiple, ["a", "b"]).credit, 2 / 3);
  });

  test("multiple choice: credit never goes below zero", () => {
    assert.equal(quiz.judge({ ...multiple, answer: ["a"] }, ["a", "b", "c"]).credit, 0);
  });

  test("ordering: credit per item in its place", () => {
    assert.equal(quiz.judge(ordering, ["a", "b", "c", "d"]).correct, true);
    const r = quiz.judge(ordering, ["a", "c", "b", "d"]);
    assert.deepEqual(r, { credit: 0.5, correct: false, hits: 2, wrong: 2, total: 4, answered: true });
  });
});

describe("summarize", () => {
  const reviewed = (q, url) => ({ ...q, review: { title: url, url } });
  const questions = [reviewed(single, "#a"), reviewed(multiple, "#a"), reviewed(trueFalse, "../l2.html#b"), ordering];

  test("adds up credit overall and per topic, in order of first appearance", () => {
    const s = quiz.summarize(questions, { s1: ["b"], m1: ["a", "b"], t1: ["true"], o1: ["a", "c", "b", "d"] });
    assert.equal(s.score, 2.17);
    assert.equal(s.total, 4);
    assert.deepEqual(s.topics.map((t) => [t.id, t.score, t.total]), [["level-1", 1.67, 2], ["level-2", 0.5, 2]]);
  });

  test("lists each section to review once, only for answers not fully right", () => {
    const s = quiz.summarize(questions, { s1: ["a"], m1: ["a"], t1: ["false"], o1: ["a", "b", "c", "d"] });
    assert.deepEqual(s.topics[0].review, [{ title: "#a", url: "#a" }]);
    assert.deepEqual(s.topics[1].review, []);
  });

  test("an unanswered question scores zero", () => {
    assert.equal(quiz.summarize([single, multiple], {}).score, 0);
  });
});

describe("display", () => {
  test("partial credit of a multiple-choice answer", () => {
    const r = quiz.judge(multiple, ["a", "b", "c"]);
    assert.equal(quiz.verdict(UI, r), "Partly right.");
    assert.equal(quiz.partialText(UI, "en", multiple, r), "Right answers chosen: 2 of 3. Wrong answers chosen: 1.");
  });

  test("partial credit of an ordering answer", () => {
    const r = quiz.judge(ordering, ["a", "c", "b", "d"]);
    assert.equal(quiz.partialText(UI_RU, "ru", ordering, r), "На своём месте: 2 из 4.");
  });

  test("a multiple-choice answer with no credit still says what was right", () => {
    const r = quiz.judge({ ...multiple, answer: ["a"] }, ["a", "b", "c"]);
    assert.equal(quiz.verdict(UI, r), "Not right.");
    assert.equal(quiz.partialText(UI, "en", { ...multiple, answer: ["a"] }, r), "Right answers chosen: 1 of 1. Wrong answers chosen: 2.");
  });

  test("nothing partial to say for a right, unanswered or single-choice answer", () => {
    assert.equal(quiz.partialText(UI, "en", multiple, quiz.judge(multiple, ["a", "b", "d"])), "");
    assert.equal(quiz.partialText(UI, "en", multiple, quiz.judge(multiple, [])), "");
    assert.equal(quiz.partialText(UI, "en", single, quiz.judge(single, ["a"])), "");
    assert.equal(quiz.verdict(UI, quiz.judge(single, ["b"])), "Correct.");
    assert.equal(quiz.verdict(UI, quiz.judge(single, ["a"])), "Not right.");
  });
});

describe("saved state", () => {
  const saved = (state) => JSON.stringify({ ...bsh.newQuizState(7), ...state });

  test("round trip through storage", () => {
    const storage = memoryStorage();
    const state = bsh.newQuizState(1234);
    state.answers = { s1: ["b"], m1: ["a", "d"], o1: ["b", "a", "c", "d"] };
    state.judged = ["s1"];
    quiz.record(state, { score: 1, total: 4 }, 1000);
    assert.equal(quiz.save(storage, data(), state), true);
    assert.deepEqual([...storage.items.keys()], ["bsh-quiz:v1:level-1"]);
    assert.deepEqual(quiz.load(storage, data()), state);
  });

  test("nothing saved yet", () => {
    assert.equal(quiz.load(memoryStorage(), data()), null);
  });

  test("corrupt JSON is ignored", () => {
    const storage = memoryStorage({ "bsh-quiz:v1:level-1": "{not json" });
    assert.equal(quiz.load(storage, data()), null);
  });

  test("a value of another version or shape is ignored", () => {
    for (const raw of [
      saved({ v: 2 }),
      JSON.stringify({ seed: 7, answers: {} }),
      saved({ seed: -1 }),
      saved({ seed: 1.5 }),
      saved({ seed: "7" }),
      "null",
      "42",
      "[]",
    ]) {
      assert.equal(bsh.parseQuizState(raw, data()), null, raw);
    }
  });

  test("an older version's key is never read", () => {
    const storage = memoryStorage({ "bsh-quiz:v0:level-1": saved({}) });
    assert.equal(quiz.load(storage, data()), null);
  });

  test("answers that no longer fit the questions are dropped, the rest kept", () => {
    const state = bsh.parseQuizState(
      saved({
        answers: {
          s1: ["a", "b"], // two answers to a single-choice question
          m1: ["a", "x"], // an option that does not exist
          t1: ["false"],
          o1: ["a", "b"], // not every item
          gone: ["a"], // a question no longer in the quiz
        },
        judged: ["t1", "gone", "s1"],
      }),
      data(),
    );
    assert.deepEqual(state.answers, { t1: ["false"] });
    assert.deepEqual(state.judged, ["t1"]);
  });

  test("duplicate ids, wrong types and broken results are dropped", () => {
    const state = bsh.parseQuizState(
      saved({
        answers: { m1: ["a", "a"], t1: "false", s1: [1] },
        judged: "s1",
        last: { score: 5, total: 4, at: 1 },
        best: { score: "3", total: 4, at: 1 },
      }),
      data(),
    );
    assert.deepEqual(state.answers, {});
    assert.deepEqual(state.judged, []);
    assert.equal(state.last, null);
    assert.equal(state.best, null);
  });

  test("a test is submitted only in test mode", () => {
    assert.equal(bsh.parseQuizState(saved({ submitted: true }), data()).submitted, false);
    assert.equal(bsh.parseQuizState(saved({ submitted: true }), data({ mode: "test" })).submitted, true);
  });

  test("a sample that no longer fits the bank starts a new attempt and keeps the scores", () => {
    const final = data({ id: "final-quiz", mode: "test", sample: 2 });
    const result = { score: 1, total: 2, at: 5 };
    const kept = bsh.parseQuizState(saved({ sample: ["s1", "t1"], answers: { s1: ["b"] }, last: result, best: result }), final);
    assert.deepEqual(kept.sample, ["s1", "t1"]);
    assert.deepEqual(kept.answers, { s1: ["b"] });
    const dropped = bsh.parseQuizState(
      saved({ sample: ["s1", "removed"], answers: { s1: ["b"] }, submitted: true, last: result, best: result }),
      final,
    );
    assert.equal(dropped.sample, null);
    assert.deepEqual(dropped.answers, {});
    assert.equal(dropped.submitted, false);
    assert.deepEqual(dropped.last, result);
    assert.deepEqual(dropped.best, result);
  });

  test("a last score without a best one counts as the best", () => {
    const result = { score: 1, total: 2, at: 5 };
    assert.deepEqual(bsh.parseQuizState(saved({ last: result }), data()).best, result);
  });

  test("unavailable storage: load gives nothing and save says it failed, without throwing", () => {
    const throwing = {
      getItem() { throw new Error("SecurityError"); },
      setItem() { throw new Error("QuotaExceededError"); },
    };
    assert.equal(quiz.load(throwing, data()), null);
    assert.equal(quiz.save(throwing, data(), bsh.newQuizState(1)), false);
    assert.equal(quiz.load(null, data()), null);
    assert.equal(quiz.save(null, data(), bsh.newQuizState(1)), false);
  });

  test("record keeps the last result, and the best one by percentage", () => {
    const state = bsh.newQuizState(1);
    quiz.record(state, { score: 3, total: 4 }, 1);
    quiz.record(state, { score: 2, total: 4 }, 2);
    assert.deepEqual(state.last, { score: 2, total: 4, at: 2 });
    assert.deepEqual(state.best, { score: 3, total: 4, at: 1 });
    quiz.record(state, { score: 14, total: 15 }, 3);
    assert.deepEqual(state.best, { score: 14, total: 15, at: 3 });
  });
});

describe("the final test's draw", () => {
  // Three topics; each group holds one to three items; a group stays in its topic.
  const bank = [];
  const groups = { home: [2, 1, 3], "level-1": [1, 2, 2, 1], "level-2": [3, 3] };
  for (const [topic, sizes] of Object.entries(groups)) {
    sizes.forEach((n, g) => {
      for (let k = 0; k < n; k++) bank.push({ id: `${topic}-${g}-${k}`, topic, group: `${topic}-g${g}` });
    });
  }
  const blueprint = [["level-1", 3], ["home", 2], ["level-2", 2]];
  const byId = Object.fromEntries(bank.map((q) => [q.id, q]));

  test("every attempt holds the blueprint's count per topic, in its order, never two of a group", () => {
    const seen = new Set();
    for (let seed = 0; seed < 2000; seed++) {
      const ids = quiz.draw(bank, blueprint, seed);
      assert.equal(ids.length, 7);
      assert.deepEqual(ids.map((id) => byId[id].topic), ["level-1", "level-1", "level-1", "home", "home", "level-2", "level-2"]);
      const drawnGroups = ids.map((id) => byId[id].group);
      assert.equal(new Set(drawnGroups).size, drawnGroups.length, `seed ${seed}: two items of a group`);
      ids.forEach((id) => seen.add(id));
    }
    assert.equal(seen.size, bank.length, "every item of the bank is drawn in some attempt");
  });

  test("the same seed draws the same attempt; another seed, mostly another one", () => {
    assert.deepEqual(quiz.draw(bank, blueprint, 7), quiz.draw(bank, blueprint, 7));
    const attempts = new Set(Array.from({ length: 50 }, (_, s) => quiz.draw(bank, blueprint, s).join()));
    assert.ok(attempts.size > 40);
  });

  test("an empty blueprint takes every question, shuffled", () => {
    const ids = quiz.draw(bank, [], 3);
    assert.deepEqual([...ids].sort(), bank.map((q) => q.id).sort());
    assert.notDeepEqual(ids, bank.map((q) => q.id));
  });
});

describe("the pass mark", () => {
  test("passes at the mark, not below it; the count is rounded up", () => {
    assert.equal(quiz.passes(16, 20, 80), true);
    assert.equal(quiz.passes(15.99, 20, 80), false);
    assert.equal(quiz.passes(13.6, 17, 80), true); // exactly 80 %, despite floating point
    assert.equal(quiz.passes(3, 4, undefined), null);
    assert.equal(quiz.passCount(20, 80), 16);
    assert.equal(quiz.passCount(16, 80), 13);
    assert.equal(quiz.passCount(15, 80), 12);
  });

  test("a finished attempt keeps whether it passed, in the last and the best result", () => {
    const state = bsh.newQuizState(1);
    quiz.record(state, { score: 10, total: 16 }, 1, 80);
    assert.deepEqual(state.last, { score: 10, total: 16, at: 1, passed: false });
    quiz.record(state, { score: 14, total: 16 }, 2, 80);
    assert.deepEqual(state.best, { score: 14, total: 16, at: 2, passed: true });
    const final = data({ id: "final-quiz", mode: "test", sample: 2 });
    const back = bsh.parseQuizState(JSON.stringify(state), final);
    assert.equal(back.best.passed, true);
    assert.equal(back.last.passed, true);
    const odd = bsh.parseQuizState(JSON.stringify({ ...state, last: { score: 1, total: 2, at: 3, passed: "yes" } }), final);
    assert.equal("passed" in odd.last, false);
  });
});

describe("results", () => {
  test("topics from the weakest to the strongest, ties in their order", () => {
    const topics = [
      { id: "a", score: 2, total: 2 }, { id: "b", score: 0.5, total: 2 }, { id: "c", score: 1, total: 5 }, { id: "d", score: 1, total: 2 }, { id: "e", score: 0.5, total: 2 }
    ];
    assert.deepEqual(quiz.weakestFirst(topics).map((t) => t.id), ["c", "b", "e", "d", "a"]);
  });

  test("a prompt is shortened at a word for a link", () => {
    assert.equal(quiz.shorten("Short one?", 70), "Short one?");
    assert.equal(quiz.shorten("Which of these tools helps most, when you want to reach level 3?", 40), "Which of these tools helps most, when…");
  });
});

describe("practice tries", () => {
  test("a held first try and a second try survive a reload; judged questions and tests hold none", () => {
    const state = bsh.newQuizState(5);
    state.answers = { s1: ["a"], m1: ["a"], t1: ["true"] };
    state.judged = ["t1"];
    state.tries = { s1: 1, m1: 2, t1: 1, gone: 1 };
    const back = bsh.parseQuizState(JSON.stringify(state), data());
    assert.deepEqual(back.tries, { s1: 1, m1: 2 });
    assert.deepEqual(bsh.parseQuizState(JSON.stringify({ ...state, tries: { s1: 3 } }), data()).tries, {});
    assert.deepEqual(bsh.parseQuizState(JSON.stringify(state), data({ mode: "test" })).tries, {});
  });

  test("an ordering question never starts in the right order, whatever the seed", () => {
    const two = { ...ordering, id: "o2", options: ["b", "a"], answer: ["a", "b"] };
    for (let seed = 0; seed < 500; seed++) {
      assert.notDeepEqual(quiz.optionOrder(ordering, seed), ordering.answer);
      assert.deepEqual(quiz.optionOrder(two, seed), ["b", "a"]);
    }
  });
});
