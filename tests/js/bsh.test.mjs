// Unit tests of what the widgets share (docs/assets/bsh.js): `node --test tests/js/`.
// The quiz state's parser is tested with the quiz (quiz.test.mjs, "saved state").
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import bsh from "../../docs/assets/bsh.js";

const customer = (over = {}) => ({
  id: "c1", name: "Acme", created: "2026-01-02T10:00:00.000Z", updated: "2026-01-03T10:00:00.000Z",
  level: 2, low: 2, high: 2, people: [{ id: "p1", name: "Buyer", updated: "2026-01-03T10:00:00.000Z", ratings: { "s1-a": 3 } }],
  ...over,
});

describe("storage keys and storage that fails", () => {
  test("the keys are the public ones", () => {
    assert.equal(bsh.quizKey("level-1"), "bsh-quiz:v1:level-1");
    assert.equal(bsh.ASSESSMENT_KEY, "bsh-assessment:v1");
  });

  test("read and write never throw: no storage, or one that refuses, is nothing saved", () => {
    const throwing = { getItem() { throw new Error("SecurityError"); }, setItem() { throw new Error("QuotaExceededError"); } };
    assert.equal(bsh.read(throwing, "k"), null);
    assert.equal(bsh.write(throwing, "k", "v"), false);
    assert.equal(bsh.read(null, "k"), null);
    assert.equal(bsh.write(null, "k", "v"), false);
    assert.equal(bsh.storage(), null); // no window here, as with storage blocked
  });
});

describe("text in the page's language", () => {
  test("fill replaces known placeholders only", () => {
    assert.equal(bsh.fill("{a} and {b}", { a: 1 }), "1 and {b}");
    assert.equal(bsh.fill("Level {n}"), "Level {n}");
  });

  test("a score, with numbers and percent written the language's way", () => {
    const ui = { quiz_result: "{score} of {total} ({percent})" };
    assert.equal(bsh.result(ui, "en", 2.5, 3), "2.5 of 3 (83%)");
    assert.equal(bsh.result({ quiz_result: "{score} из {total} ({percent})" }, "ru", 2.5, 3), "2,5 из 3 (83\u00a0%)");
    assert.equal(bsh.result(ui, "id", 12, 15), "12 of 15 (80%)");
  });

  test("numbers with fixed decimals, and dates", () => {
    assert.equal(bsh.number("ru", 2, 1, 1), "2,0");
    assert.equal(bsh.number("en", 1234.5, 0), "1,235");
    assert.equal(bsh.date("en", "2026-01-03T10:00:00.000Z"), "January 3, 2026");
  });
});

describe("the quiz state as the dashboard reads it (question ids only)", () => {
  const quiz = { mode: "practice", sample: 0, questions: [{ id: "q1" }, { id: "q2" }] };

  test("any non-empty list of ids answers a question whose options are unknown", () => {
    const raw = JSON.stringify({ ...bsh.newQuizState(7), answers: { q1: ["a"], q2: [], gone: ["a"] }, judged: ["q1", "q2"] });
    const state = bsh.parseQuizState(raw, quiz);
    assert.deepEqual(state.answers, { q1: ["a"] });
    assert.deepEqual(state.judged, ["q1"]);
  });
});

describe("the saved self-assessments", () => {
  test("what cannot be read is reported as damaged, valid customers are kept", () => {
    assert.deepEqual(bsh.parseAssessments(null), { customers: [], damaged: false });
    assert.deepEqual(bsh.parseAssessments("{oops"), { customers: [], damaged: true });
    assert.deepEqual(bsh.parseAssessments(JSON.stringify({ v: 2, customers: [] })), { customers: [], damaged: true });
    const mixed = bsh.parseAssessments(JSON.stringify({ v: 1, customers: [customer(), { id: "x" }, customer()] }));
    assert.equal(mixed.damaged, true);
    assert.deepEqual(mixed.customers.map((c) => c.id), ["c1"]);
  });

  test("a customer is cleaned: names trimmed, unknown fields dropped", () => {
    const clean = bsh.checkCustomer({ ...customer({ name: " Acme " }), secret: 1 });
    assert.equal(clean.name, "Acme");
    assert.equal("secret" in clean, false);
  });
});
