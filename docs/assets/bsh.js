/* What the widgets share (quiz.js, assessment.js, progress.js): loaded before them on every page
 * that has one, as window.bsh (a classic script, not a module: the offline bundle runs from
 * file://). In Node (tests/js) it is a CommonJS module.
 *
 *   storage   localStorage that never throws: storage(), read(), write()
 *   DOM       all(), make(), fill(), enhance(), start()
 *   format    number(), result(), date(), in the page's language
 *   formats   the storage keys, and the one reader of each saved format:
 *             localStorage["bsh-quiz:v1:<quiz id>"] (parseQuizState, see quiz.js),
 *             localStorage["bsh-assessment:v1"] (parseAssessments, see assessment.js) and
 *             localStorage["bsh-assessment-drafts:v1"] (parseDrafts: forms not saved yet)
 *   dates     today(), isDay(): calendar days "YYYY-MM-DD" in the learner's own time zone
 *   course    quizStatus() (a quiz's status on the progress page), and the readers of
 *             localStorage["bsh-read:v1"] (parseRead: pages read to their end) and
 *             localStorage["bsh-checklist:v1"] (parseChecklists: the ticks of each checklist)
 */
(function () {
  "use strict";

  var SITE_PREFIX = "bsh-"; // every key of this site's own starts with it
  var QUIZ_VERSION = 1;
  var ASSESSMENT_VERSION = 1;
  var ASSESSMENT_KEY = "bsh-assessment:v" + ASSESSMENT_VERSION;
  var DRAFTS_KEY = "bsh-assessment-drafts:v1";
  var OPEN_KEY = "bsh-assessment-open"; // sessionStorage: the form this tab shows (a draft slot)

  function quizKey(quizId) {
    return "bsh-quiz:v" + QUIZ_VERSION + ":" + quizId;
  }

  // --- storage: blocked, full or broken storage is no error, only no saving ----------------------

  /** window[kind] ("localStorage" by default) if it can be written to, else null. */
  function storage(kind) {
    try {
      var s = window[kind || "localStorage"];
      s.setItem(SITE_PREFIX + "test", "");
      s.removeItem(SITE_PREFIX + "test");
      return s;
    } catch (e) {
      return null;
    }
  }

  function read(store, key) {
    try {
      return store ? store.getItem(key) : null;
    } catch (e) {
      return null;
    }
  }

  /** Whether the value was saved. */
  function write(store, key, value) {
    try {
      store.setItem(key, value);
      return true;
    } catch (e) {
      return false; // no storage, full or forbidden
    }
  }

  // --- DOM -----------------------------------------------------------------------------------------

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function make(tag, text, className) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  /** The template's {placeholders} replaced by values; unknown ones stay as they are. */
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return values && k in values ? String(values[k]) : m;
    });
  }

  /** Shows what needs JavaScript ([data-<name>-js]) and hides what replaces it ([data-<name>-nojs]). */
  function enhance(scope, name) {
    all(scope, "[data-" + name + "-js]").forEach(function (el) { el.hidden = false; });
    all(scope, "[data-" + name + "-nojs]").forEach(function (el) { el.hidden = true; });
  }

  /** Once the document is parsed (at once if it is), create(root, data) for every element matching
   *  selector, data being the JSON of its <script dataSelector> (null when missing or unreadable).
   *  Once per page: navigation.instant is off. */
  function start(selector, dataSelector, create) {
    function run() {
      all(document, selector).forEach(function (root) {
        var data = null;
        try {
          data = JSON.parse(root.querySelector(dataSelector).textContent);
        } catch (e) {
          data = null;
        }
        create(root, data);
      });
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  // --- formatting ----------------------------------------------------------------------------------

  var formats = {};

  // One formatter per language and kind: making one costs more than the rest of a quiz's start.
  function formatter(lang, options) {
    var key = lang + JSON.stringify(options);
    return formats[key] || (formats[key] = new Intl.NumberFormat(lang, options));
  }

  /** x with at most max (and at least min) decimals, written the language's way. */
  function number(lang, x, max, min) {
    try {
      return formatter(lang, { minimumFractionDigits: min || 0, maximumFractionDigits: max }).format(x);
    } catch (e) {
      return min ? x.toFixed(min) : String(x);
    }
  }

  /** A score the way ui.quiz_result says it: "2.5 of 3 (83%)". */
  function result(ui, lang, score, total) {
    var share = total ? score / total : 0;
    var percent;
    try {
      percent = formatter(lang, { style: "percent", maximumFractionDigits: 0 }).format(share);
    } catch (e) {
      percent = Math.round(100 * share) + "%";
    }
    return fill(ui.quiz_result, { score: number(lang, score, 2), total: number(lang, total, 2), percent: percent });
  }

  /** An ISO 8601 date as a day: "3 January 2026". */
  function date(lang, iso) {
    try {
      return new Date(iso).toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
    } catch (e) {
      return String(iso).slice(0, 10);
    }
  }

  /** Today in the learner's time zone, "YYYY-MM-DD" (the form of a due date). */
  function today(now) {
    var d = now || new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /** Whether x is a calendar day "YYYY-MM-DD" that exists. */
  function isDay(x) {
    if (typeof x !== "string" || !/^\d{4}-\d\d-\d\d$/.test(x)) return false;
    var d = new Date(x + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === x;
  }

  /** A calendar day "YYYY-MM-DD" written the language's way, without a time-zone shift. */
  function day(lang, x) {
    try {
      return new Date(x + "T12:00:00Z").toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    } catch (e) {
      return String(x);
    }
  }

  // --- a quiz's saved state ------------------------------------------------------------------------
  // {v: 1, seed, answers: {questionId: [optionIds]}, judged: [questionIds] (practice),
  //  tries: {questionId: 1 (wrong at the first try, held) | 2 (trying again)} (practice; optional),
  //  submitted (test), sample: [questionIds] | null, last: Result | null, best: Result | null},
  // Result = {score, total, at: epoch ms, passed?: boolean (the final test)}. Anything else is
  // ignored, never an error; tries and passed came later and are optional, so the version stays 1.

  function newQuizState(seed) {
    return { v: QUIZ_VERSION, seed: seed >>> 0, answers: {}, judged: [], tries: {}, submitted: false, sample: null, last: null, best: null };
  }

  function isIds(x) {
    return Array.isArray(x) && x.every(function (id) { return typeof id === "string"; }) &&
      new Set(x).size === x.length;
  }

  function isResult(x) {
    return !!x && typeof x.score === "number" && typeof x.total === "number" && typeof x.at === "number" &&
      x.total > 0 && x.score >= 0 && x.score <= x.total;
  }

  // A question without options (the dashboard knows only the ids) takes any list of ids.
  function validAnswer(q, a) {
    if (!isIds(a) || !a.length) return false;
    if (!q.options) return true;
    if (a.some(function (id) { return q.options.indexOf(id) < 0; })) return false;
    if (q.type === "ordering") return a.length === q.options.length;
    return q.type === "multiple" || a.length === 1;
  }

  /**
   * A saved state checked against the quiz (quiz: {mode, sample, questions: [{id, type, options}]}):
   * whatever no longer fits is dropped, and anything unreadable gives null.
   */
  function parseQuizState(raw, quiz) {
    var s;
    try {
      s = JSON.parse(raw);
    } catch (e) {
      return null;
    }
    if (!s || s.v !== QUIZ_VERSION || typeof s.seed !== "number" || s.seed !== s.seed >>> 0) return null;
    var state = newQuizState(s.seed);
    var byId = {};
    quiz.questions.forEach(function (q) { byId[q.id] = q; });
    if (isResult(s.last)) state.last = s.last;
    if (isResult(s.best)) state.best = s.best;
    ["last", "best"].forEach(function (k) {
      if (state[k] && typeof state[k].passed !== "boolean") delete state[k].passed;
    });
    if (state.last && !state.best) state.best = state.last;
    if (quiz.sample) {
      var ok = isIds(s.sample) && s.sample.length === quiz.sample && s.sample.every(function (id) { return byId[id]; });
      if (!ok) return state; // the bank changed under this attempt: start a new one, keep the scores
      state.sample = s.sample;
    }
    var answers = s.answers && typeof s.answers === "object" ? s.answers : {};
    Object.keys(answers).forEach(function (id) {
      if (byId[id] && validAnswer(byId[id], answers[id])) state.answers[id] = answers[id];
    });
    if (isIds(s.judged)) {
      state.judged = s.judged.filter(function (id) { return state.answers[id]; });
    }
    var tries = s.tries && typeof s.tries === "object" ? s.tries : {};
    Object.keys(tries).forEach(function (id) {
      if (byId[id] && (tries[id] === 1 || tries[id] === 2) && state.judged.indexOf(id) < 0 && quiz.mode !== "test") {
        state.tries[id] = tries[id];
      }
    });
    state.submitted = s.submitted === true && quiz.mode === "test";
    return state;
  }

  // --- the saved self-assessments ------------------------------------------------------------------
  // {v: 1, customers: [Customer]}, Customer = {id, name, created, updated, level, low, high,
  // people: [Person]}, Person = {id, name, updated, ratings: {statementId: 0-3},
  // unknown: [statementIds] ("don't know"; optional), plan: Plan (optional)},
  // Plan = {role, influence: "high"|"medium"|"low"|"", target: 1-5|null, evidence, action, tool
  // (a toolbox id or ""), owner, due ("YYYY-MM-DD" or "")}. unknown and plan came after version 1
  // was first written; they are optional, so every earlier file still reads, and none is needed.

  var MAX_POINTS = 3;
  var MAX_NAME = 200;
  var MAX_ITEMS = 500;
  var ID = /^[A-Za-z0-9_-]{1,64}$/;
  var STATEMENT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function isPoints(x) {
    return typeof x === "number" && x % 1 === 0 && x >= 0 && x <= MAX_POINTS;
  }

  function isObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  function isName(x) {
    return typeof x === "string" && x.trim().length > 0 && x.length <= MAX_NAME;
  }

  function isDate(x) {
    return typeof x === "string" && x.length <= 40 && /^\d{4}-\d\d-\d\d/.test(x) && !isNaN(Date.parse(x));
  }

  function isLevel(x) {
    return x === null || (typeof x === "number" && x % 1 === 0 && x >= 1 && x <= 5);
  }

  var MAX_TEXT = 2000;
  var INFLUENCE = ["high", "medium", "low"];
  var PLAN_TEXTS = ["role", "evidence", "action", "owner"];

  function isText(x) {
    return typeof x === "string" && x.length <= MAX_TEXT;
  }

  /** An empty plan: what a person has before anything is planned. */
  function newPlan() {
    return { role: "", influence: "", target: null, evidence: "", action: "", tool: "", owner: "", due: "" };
  }

  /** A clean copy of a plan (missing fields empty), or null when a field is wrong. */
  function checkPlan(x) {
    var plan = newPlan();
    if (x === undefined || x === null) return plan;
    if (!isObject(x)) return null;
    for (var i = 0; i < PLAN_TEXTS.length; i++) {
      var k = PLAN_TEXTS[i];
      if (x[k] === undefined) continue;
      if (!isText(x[k])) return null;
      plan[k] = x[k];
    }
    if (x.influence !== undefined && x.influence !== "" && INFLUENCE.indexOf(x.influence) < 0) return null;
    plan.influence = x.influence || "";
    if (x.target !== undefined && !isLevel(x.target)) return null;
    plan.target = typeof x.target === "number" ? x.target : null;
    if (x.tool !== undefined && x.tool !== "" && !(typeof x.tool === "string" && STATEMENT.test(x.tool) && x.tool.length <= 64)) return null;
    plan.tool = x.tool || "";
    if (x.due !== undefined && x.due !== "" && !isDay(x.due)) return null;
    plan.due = x.due || "";
    return plan;
  }

  /** Whether a plan holds anything at all. */
  function hasPlan(plan) {
    if (!plan) return false;
    return Object.keys(plan).some(function (k) { return plan[k] !== "" && plan[k] !== null; });
  }

  /** {ratings, unknown} checked: statement ids, points 0-3, no statement both rated and unknown. */
  function checkAnswers(ratingsIn, unknownIn) {
    if (!isObject(ratingsIn)) return null;
    var ratings = {};
    var keys = Object.keys(ratingsIn);
    if (keys.length > MAX_ITEMS) return null;
    for (var i = 0; i < keys.length; i++) {
      if (!STATEMENT.test(keys[i]) || !isPoints(ratingsIn[keys[i]])) return null;
      ratings[keys[i]] = ratingsIn[keys[i]];
    }
    var unknown = [];
    if (unknownIn !== undefined) {
      if (!Array.isArray(unknownIn) || unknownIn.length > MAX_ITEMS) return null;
      for (var j = 0; j < unknownIn.length; j++) {
        var id = unknownIn[j];
        if (typeof id !== "string" || !STATEMENT.test(id) || id in ratings || unknown.indexOf(id) >= 0) return null;
        unknown.push(id);
      }
    }
    return { ratings: ratings, unknown: unknown };
  }

  /** A clean copy of one person, or null when anything is wrong. */
  function checkPerson(p) {
    if (!isObject(p) || typeof p.id !== "string" || !ID.test(p.id) || !isName(p.name)) return null;
    if (p.updated !== undefined && !isDate(p.updated)) return null;
    var answers = checkAnswers(p.ratings, p.unknown);
    var plan = checkPlan(p.plan);
    if (!answers || !plan) return null;
    return { id: p.id, name: p.name.trim(), updated: p.updated || null, ratings: answers.ratings, unknown: answers.unknown, plan: plan };
  }

  /** A clean copy of one customer, or null when anything is wrong. */
  function checkCustomer(c) {
    if (!isObject(c) || typeof c.id !== "string" || !ID.test(c.id) || !isName(c.name) || !isDate(c.updated)) {
      return null;
    }
    if (c.created !== undefined && !isDate(c.created)) return null;
    if (!Array.isArray(c.people) || c.people.length > MAX_ITEMS) return null;
    if (!isLevel(c.level === undefined ? null : c.level)) return null;
    var people = [];
    var seen = {};
    for (var i = 0; i < c.people.length; i++) {
      var p = checkPerson(c.people[i]);
      if (!p || seen[p.id]) return null;
      seen[p.id] = true;
      people.push(p);
    }
    return {
      id: c.id,
      name: c.name.trim(),
      created: c.created || c.updated,
      updated: c.updated,
      level: typeof c.level === "number" ? c.level : null,
      low: isLevel(c.low) && typeof c.low === "number" ? c.low : null,
      high: isLevel(c.high) && typeof c.high === "number" ? c.high : null,
      people: people
    };
  }

  /**
   * The saved self-assessments (the raw text, or null): {customers, damaged}, the valid
   * customers and whether anything had to be dropped (then the caller keeps a copy of the raw
   * text before overwriting it).
   */
  function parseAssessments(raw) {
    if (raw === null || raw === undefined) return { customers: [], damaged: false };
    var data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      return { customers: [], damaged: true };
    }
    if (!isObject(data) || data.v !== ASSESSMENT_VERSION || !Array.isArray(data.customers)) {
      return { customers: [], damaged: true };
    }
    var out = [];
    var seen = {};
    var damaged = false;
    data.customers.forEach(function (c) {
      var clean = checkCustomer(c);
      if (clean && !seen[clean.id]) {
        seen[clean.id] = true;
        out.push(clean);
      } else {
        damaged = true;
      }
    });
    return { customers: out, damaged: damaged };
  }

  /**
   * What a customer's account plan says at a glance (today: "YYYY-MM-DD"): {target, next, overdue},
   * target the highest level aimed for with any of its people (null: none), next the earliest
   * dated action ({person, action, due}; an undated one only when none is dated; null: none),
   * overdue whether next.due is before today.
   */
  function planSummary(customer, today) {
    var target = null;
    var next = null;
    customer.people.forEach(function (p) {
      var plan = p.plan || newPlan();
      if (plan.target && (!target || plan.target > target)) target = plan.target;
      if (!plan.action.trim()) return;
      var item = { person: p.name, action: plan.action.trim(), due: plan.due };
      if (!next || (item.due && (!next.due || item.due < next.due))) next = item;
    });
    return { target: target, next: next, overdue: !!(next && next.due && next.due < today) };
  }

  // --- drafts: forms typed but not saved yet --------------------------------------------------------
  // {v: 1, drafts: {slot: Draft}}; slot = "<customer id or n-…>/<person id or n-…>" (a new customer
  // or person gets a slot of its own per tab, so two tabs never type into the same draft unless
  // they edit the same saved person). Draft = {customerId: id|null, customer: name typed,
  // personId: id|null, person: name typed, ratings, unknown, plan, updated: ISO date}.

  var SLOT = /^[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/;

  function checkDraft(d) {
    if (!isObject(d) || !isDate(d.updated)) return null;
    if (d.customerId !== null && !(typeof d.customerId === "string" && ID.test(d.customerId))) return null;
    if (d.personId !== null && !(typeof d.personId === "string" && ID.test(d.personId))) return null;
    if (typeof d.customer !== "string" || d.customer.length > MAX_NAME) return null;
    if (typeof d.person !== "string" || d.person.length > MAX_NAME) return null;
    var answers = checkAnswers(d.ratings, d.unknown);
    var plan = checkPlan(d.plan);
    if (!answers || !plan) return null;
    return {
      customerId: d.customerId, customer: d.customer, personId: d.personId, person: d.person,
      ratings: answers.ratings, unknown: answers.unknown, plan: plan, updated: d.updated
    };
  }

  /** The saved drafts (the raw text, or null): {drafts: {slot: Draft}, damaged}. */
  function parseDrafts(raw) {
    var out = {};
    if (raw === null || raw === undefined) return { drafts: out, damaged: false };
    var data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      return { drafts: out, damaged: true };
    }
    if (!isObject(data) || data.v !== 1 || !isObject(data.drafts)) return { drafts: out, damaged: true };
    var damaged = false;
    Object.keys(data.drafts).slice(0, MAX_ITEMS).forEach(function (slot) {
      var d = SLOT.test(slot) ? checkDraft(data.drafts[slot]) : null;
      if (d) out[slot] = d;
      else damaged = true;
    });
    return { drafts: out, damaged: damaged };
  }

  // --- the course: how far the learner is (course.js, progress.js) ----------------------------------
  // localStorage["bsh-read:v1"] = {v: 1, pages: {pageId: epoch ms}}: the pages whose end has been
  // on the screen (course.js), the rule of a step without a quiz.
  // localStorage["bsh-checklist:v1"] = {v: 1, lists: {"<page>:<section>:<block>": {n, on: [i]}}}:
  // the ticked items (by position) of each checklist, n its number of items; the ticks of a list
  // whose length changed since are dropped. Anything else is ignored, never an error.

  var READ_KEY = "bsh-read:v1";
  var CHECKLIST_KEY = "bsh-checklist:v1";
  var MAX_KEYS = 1000;

  function parseCourseFile(raw, field) {
    var data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      return {};
    }
    return isObject(data) && data.v === 1 && isObject(data[field]) ? data[field] : {};
  }

  /** The pages read to their end: {pageId: epoch ms}, only the well-formed entries. */
  function parseRead(raw) {
    var pages = parseCourseFile(raw, "pages");
    var out = {};
    Object.keys(pages).slice(0, MAX_KEYS).forEach(function (id) {
      if (STATEMENT.test(id) && typeof pages[id] === "number" && pages[id] > 0) out[id] = pages[id];
    });
    return out;
  }

  /** The checklists' ticks: {key: {n, on: [indices]}}, only the well-formed entries. */
  function parseChecklists(raw) {
    var lists = parseCourseFile(raw, "lists");
    var out = {};
    Object.keys(lists).slice(0, MAX_KEYS).forEach(function (key) {
      var x = lists[key];
      if (!isObject(x) || typeof x.n !== "number" || x.n % 1 || x.n < 1 || x.n > MAX_ITEMS || !Array.isArray(x.on)) return;
      var on = x.on.filter(function (i, at) {
        return typeof i === "number" && i % 1 === 0 && i >= 0 && i < x.n && x.on.indexOf(i) === at;
      });
      out[key] = { n: x.n, on: on };
    });
    return out;
  }

  /**
   * A quiz's status from its saved state (the raw text or null), read as quiz.js reads it:
   * {state: "not-started" | "in-progress" | "done", answered, total, last, best}
   * (quiz: {questions: [ids], sample: questions per attempt, 0 for a practice quiz}). Done: every
   * question checked, the test submitted, or a score kept from an earlier round with nothing
   * answered since. Anything unreadable counts as not started.
   */
  function quizStatus(quiz, raw) {
    var ids = quiz.questions || [];
    // What quiz.js is given for this quiz (quizdata.py): the final test's attempt size.
    var sample = quiz.sample > 0 ? quiz.sample : 0;
    var total = sample || ids.length;
    var s = raw === null || raw === undefined ? null : parseQuizState(raw, {
      mode: quiz.sample ? "test" : "practice",
      sample: sample,
      questions: ids.map(function (id) { return { id: id }; })
    });
    if (!s) return { state: "not-started", answered: 0, total: total, last: null, best: null };
    var attempt = s.sample || ids;
    var answered = attempt.filter(function (id) { return s.answers[id]; }).length;
    var judged = attempt.filter(function (id) { return s.judged.indexOf(id) >= 0; }).length;
    var finished = quiz.sample ? s.submitted : ids.length > 0 && judged === ids.length;
    var state = "not-started";
    if (finished) state = "done";
    else if (answered) state = "in-progress";
    else if (s.last) state = "done"; // a score from an earlier round, the questions reset since
    return { state: state, answered: answered, total: total, last: s.last, best: s.best };
  }

  /** Whether a score passes: at least passMark per cent of the questions (no pass mark: null).
   *  The final test judges an attempt with it; the dashboard, an attempt kept without its flag. */
  function passes(score, total, passMark) {
    if (typeof passMark !== "number") return null;
    return total > 0 && score * 100 >= passMark * total - 1e-9;
  }

  var bsh = {
    READ_KEY: READ_KEY, CHECKLIST_KEY: CHECKLIST_KEY, parseRead: parseRead, parseChecklists: parseChecklists, quizStatus: quizStatus,
    SITE_PREFIX: SITE_PREFIX, quizKey: quizKey, ASSESSMENT_VERSION: ASSESSMENT_VERSION, ASSESSMENT_KEY: ASSESSMENT_KEY,
    DRAFTS_KEY: DRAFTS_KEY, OPEN_KEY: OPEN_KEY,
    storage: storage, read: read, write: write,
    all: all, make: make, fill: fill, enhance: enhance, start: start,
    number: number, result: result, date: date, day: day, today: today, isDay: isDay,
    newQuizState: newQuizState, parseQuizState: parseQuizState, passes: passes,
    MAX_POINTS: MAX_POINTS, MAX_ITEMS: MAX_ITEMS, MAX_NAME: MAX_NAME, isPoints: isPoints, isObject: isObject,
    INFLUENCE: INFLUENCE, newPlan: newPlan, checkPlan: checkPlan, hasPlan: hasPlan,
    checkCustomer: checkCustomer, parseAssessments: parseAssessments, planSummary: planSummary, SLOT: SLOT, parseDrafts: parseDrafts
  };
  if (typeof module === "object" && module.exports) module.exports = bsh;
  else window.bsh = bsh;
})();
