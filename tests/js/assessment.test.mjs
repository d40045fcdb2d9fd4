// Unit tests of the self-assessment's pure logic (docs/assets/assessment.js): `node --test tests/js/`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import as from "../../docs/assets/assessment.js";
import bsh from "../../docs/assets/bsh.js";

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
    const r = rate((level, i) => (level === 1 ? 3 : level === 2 ? 2 : level === 3 ? (i < 2 ? 2 : 1) : 0));
    assert.equal(as.personLevel(STRUCTURE, r), 2);
  });

  test("the issue's edge profile: level 2 rated 3/2/0, levels 3 to 5 fully true, is not level 1", () => {
    const r = rate((level, i) => (level === 2 ? [3, 2, 0][i] : 3));
    const p = as.profile(STRUCTURE, r);
    assert.ok(p.level >= 3, `level ${p.level}`);
    assert.equal(p.level, 5);
    assert.equal(p.inconsistent, true);
    assert.deepEqual(p.below, [2]);
    assert.deepEqual(p.above, []);
    assert.deepEqual(p.disagree, ["s2-c"], "only the answer below 2 points disagrees");
  });

  test("one level missing below is allowed and flagged; the answers of that level are named", () => {
    const r = rate((level) => (level === 2 ? 0 : 3));
    const p = as.profile(STRUCTURE, r);
    assert.equal(p.level, 5);
    assert.deepEqual(p.below, [2]);
    assert.deepEqual(p.disagree, ["s2-a", "s2-b", "s2-c"]);
  });

  test("level 1 missing counts as the one allowed gap", () => {
    const r = rate((level) => (level === 1 ? 0 : 3));
    const p = as.profile(STRUCTURE, r);
    assert.equal(p.level, 5);
    assert.deepEqual(p.below, [1]);
  });

  test("two levels missing below stop the climb; the level reached above is flagged", () => {
    // 1 reached, 2 and 3 not, 4 and 5 reached: 5 and 4 have two gaps below, so level 1.
    const r = rate((level) => (level === 2 || level === 3 ? 1 : 3));
    const p = as.profile(STRUCTURE, r);
    assert.equal(p.level, 1);
    assert.deepEqual(p.below, []);
    assert.deepEqual(p.above, [4, 5]);
    assert.equal(p.inconsistent, true);
    assert.deepEqual(p.disagree, ["s4-a", "s4-b", "s4-c", "s5-a", "s5-b", "s5-c"]);
  });

  test("a gap and a reached level above can both be flagged", () => {
    // 1 and 3 reached, 2, 4 and 5 missing but 5 reached: 5 has gaps 2 and 4; 3 has gap 2.
    const r = rate((level) => (level === 2 || level === 4 ? 0 : 3));
    const p = as.profile(STRUCTURE, r);
    assert.equal(p.level, 3);
    assert.deepEqual(p.below, [2]);
    assert.deepEqual(p.above, [5]);
  });

  test("a steady profile is consistent", () => {
    for (let n = 1; n <= 5; n++) {
      const p = as.profile(STRUCTURE, rate((level) => (level <= n ? 3 : 0)));
      assert.equal(p.level, n);
      assert.equal(p.inconsistent, false);
      assert.deepEqual(p.disagree, []);
    }
  });

  test("nothing met anywhere is level 1 and consistent (level 1 is the floor)", () => {
    const p = as.profile(STRUCTURE, lowest);
    assert.equal(p.level, 1);
    assert.equal(p.inconsistent, false);
  });

  test("an unanswered statement counts as 0 points", () => {
    const r = rate((level) => (level <= 4 ? 3 : 0));
    delete r["s4-a"];
    delete r["s4-b"];
    assert.equal(as.personLevel(STRUCTURE, r), 3);
    assert.deepEqual(as.unanswered(STRUCTURE, r), ["s4-a", "s4-b"]);
  });

  test("don't know counts as neither yes nor no: it leaves the average", () => {
    const r = rate(() => 3);
    r["s4-a"] = 0;
    delete r["s4-b"];
    delete r["s4-c"];
    // Level 4: one known answer, 0 points: not reached. With s4-a unknown too, no known answer.
    assert.equal(as.levelScores(STRUCTURE, r, ["s4-b", "s4-c"])[3].average, 0);
    const allUnknown = { ...r };
    delete allUnknown["s4-a"];
    const scores = as.levelScores(STRUCTURE, allUnknown, ["s4-a", "s4-b", "s4-c"]);
    assert.equal(scores[3].average, null);
    assert.equal(scores[3].reached, false, "a level nobody could answer is not reached");
    // 3 + unknown + unknown: the average of what is known, 3.
    const partly = { ...allUnknown, "s4-a": 3 };
    assert.equal(as.levelScores(STRUCTURE, partly, ["s4-b", "s4-c"])[3].average, 3);
    assert.equal(as.personLevel(STRUCTURE, partly, ["s4-b", "s4-c"]), 5);
  });

  test("an unknown statement is answered, not missing; it becomes a question, not a gap", () => {
    const r = rate((level) => (level <= 2 ? 3 : 0));
    delete r["s3-b"];
    assert.deepEqual(as.unanswered(STRUCTURE, r, ["s3-b"]), []);
    assert.deepEqual(as.unanswered(STRUCTURE, r, []), ["s3-b"]);
    const s = as.summarize(STRUCTURE, [{ id: "p", name: "Ann", ratings: r, unknown: ["s3-b"] }]);
    assert.equal(s.level, 2);
    assert.deepEqual(s.people[0].questions, ["s3-b"]);
    assert.deepEqual(s.gaps.map((g) => g.id), ["s3-a", "s3-c"]);
  });

  test("questions keep the order of the levels, whatever order they were answered in", () => {
    const s = as.summarize(STRUCTURE, [{ id: "p", name: "Ann", ratings: {}, unknown: ["s5-a", "s1-c", "s3-b"] }]);
    assert.deepEqual(s.people[0].questions, ["s1-c", "s3-b", "s5-a"]);
  });

  test("the tools offered are those the course names for the gap", () => {
    const tools = [1, 1, 2, 3, 3, 4].map((serves, i) => ({ id: `t${i}`, serves }));
    assert.deepEqual(as.toolsFor(tools, 2, 4).map((t) => t.id), ["t2", "t3", "t4"]);
    assert.deepEqual(as.toolsFor(tools, 1, null).map((t) => t.id), ["t0", "t1"], "no target: the next step");
    assert.deepEqual(as.toolsFor(tools, 3, 2).map((t) => t.id), ["t3", "t4"], "a target below: the next step");
    assert.deepEqual(as.toolsFor(tools, 5, 5).map((t) => t.id), ["t5"], "at level 5: how to keep it");
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

  test("the content's rule says what is computed here", () => {
    const yaml = readFileSync(new URL("../../content/assessment.yaml", import.meta.url), "utf8");
    assert.match(yaml, /at most one level below it missing/);
    assert.match(yaml, /“Don't know” neither adds nor takes away/);
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

describe("version 1 with answers and plans", () => {
  const plan = { role: "CFO", influence: "high", target: 4, evidence: "Said so", action: "Call", tool: "simplex", owner: "Me", due: "2026-02-01" };

  test("a person's \"don't know\" answers and plan read back", () => {
    const person = { ...customer().people[0], unknown: ["s9-x"], plan };
    const r = as.parseExport(file({ customers: [customer({ people: [person] })] }));
    assert.equal(r.ok, true);
    assert.deepEqual(r.customers[0].people[0].unknown, ["s9-x"]);
    assert.deepEqual(r.customers[0].people[0].plan, plan);
  });

  test("an earlier version-1 file without them still reads, with an empty plan", () => {
    const r = as.parseExport(file());
    assert.equal(r.ok, true);
    assert.deepEqual(r.customers[0].people[0].unknown, []);
    assert.equal(r.customers[0].people[0].plan.target, null);
  });

  test("a wrong answer or plan rejects the whole file", () => {
    const person = customer().people[0];
    const damaged = [
      ["unknown not a list", { ...person, unknown: "s1-a" }],
      ["unknown and rated", { ...person, unknown: ["s1-a"] }],
      ["unknown twice", { ...person, ratings: {}, unknown: ["s1-a", "s1-a"] }],
      ["bad influence", { ...person, plan: { ...plan, influence: "huge" } }],
      ["bad target", { ...person, plan: { ...plan, target: 6 } }],
      ["bad due date", { ...person, plan: { ...plan, due: "2026-02-30" } }],
      ["due date with a time", { ...person, plan: { ...plan, due: "2026-02-01T10:00" } }],
      ["bad tool", { ...person, plan: { ...plan, tool: "<b>" } }],
      ["text too long", { ...person, plan: { ...plan, evidence: "x".repeat(2001) } }],
      ["plan not an object", { ...person, plan: "soon" }],
    ];
    for (const [why, bad] of damaged) {
      assert.deepEqual(as.parseExport(file({ customers: [customer({ people: [bad] })] })), { ok: false, error: "damaged", n: 1 }, why);
    }
  });

  test("the plan at a glance: highest target, the earliest dated action, overdue before today", () => {
    const c = customer({
      people: [
        { ...customer().people[0], id: "a", name: "Ann", plan: { ...plan, target: 3, action: "Later", due: "2026-03-01" } },
        { ...customer().people[0], id: "b", name: "Bo", plan: { ...plan, target: 5, action: "Sooner", due: "2026-02-01" } },
        { ...customer().people[0], id: "c", name: "Cy", plan: { ...plan, target: null, action: "Undated", due: "" } },
      ],
    });
    const clean = as.parseExport(file({ customers: [c] })).customers[0];
    assert.deepEqual(bsh.planSummary(clean, "2026-01-15"), { target: 5, next: { person: "Bo", action: "Sooner", due: "2026-02-01" }, overdue: false });
    assert.equal(bsh.planSummary(clean, "2026-02-02").overdue, true);
    assert.equal(bsh.planSummary(clean, "2026-02-01").overdue, false, "due today is not overdue");
    assert.deepEqual(bsh.planSummary(customer(), "2026-01-01"), { target: null, next: null, overdue: false });
  });
});

describe("drafts", () => {
  const draft = { customerId: null, customer: "Acme", personId: null, person: "CFO", ratings: { "s1-a": 2 }, unknown: ["s1-b"], plan: {}, updated: "2026-01-01T00:00:00Z" };

  test("drafts read back; a damaged one is dropped and reported", () => {
    const raw = JSON.stringify({ v: 1, drafts: { "n-1/n-2": draft, "c1/p1": { ...draft, customerId: "c1", personId: "p1" }, "bad slot": draft, "n-3/n-4": { ...draft, ratings: { "s1-a": 9 } } } });
    const r = bsh.parseDrafts(raw);
    assert.deepEqual(Object.keys(r.drafts).sort(), ["c1/p1", "n-1/n-2"]);
    assert.equal(r.damaged, true);
    assert.equal(r.drafts["n-1/n-2"].plan.role, "");
  });

  test("no drafts, or unreadable ones, never throw", () => {
    assert.deepEqual(bsh.parseDrafts(null), { drafts: {}, damaged: false });
    for (const raw of ["{", "[]", '{"v":2,"drafts":{}}', "null"]) assert.equal(bsh.parseDrafts(raw).damaged, true, raw);
  });
});

describe("CSV", () => {
  // A reader by the book (RFC 4180), to read back what makeCsv wrote.
  function readCsv(text) {
    assert.equal(text[0], "\uFEFF", "a byte-order mark first");
    const rows = [];
    let row = [];
    let field = "";
    let quoted = false;
    for (let i = 1; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") { row.push(field); field = ""; } else if (ch === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; } else field += ch;
    }
    return rows;
  }

  test("every script, quotes, commas and line breaks survive", () => {
    const rows = [
      ["Customer", "Note"],
      ["PT Sumber Makmur", 'He said "soon", then left'],
      ["ООО «Ромашка»", "Строка 1\nСтрока 2"],
      ["Công ty Cổ phần Việt", "Giám đốc; tài chính"],
      ["", "plain"],
    ];
    const text = as.makeCsv(rows);
    assert.ok(text.endsWith("\r\n"));
    assert.deepEqual(readCsv(text), rows);
  });

  test("a text a spreadsheet would run as a formula is kept as text", () => {
    assert.equal(as.csvField("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    assert.equal(as.csvField("+1"), "'+1");
    assert.equal(as.csvField("@x"), "'@x");
    assert.equal(as.csvField("a=b"), "a=b");
    assert.equal(as.csvField(null), "");
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
