/* What the widgets share (quiz.js, assessment.js, progress.js): loaded before them on every page
 * that has one, as window.bsh (a classic script, not a module: the offline bundle runs from
 * file://). In Node (tests/js) it is a CommonJS module.
 *
 *   storage   localStorage that never throws: storage(), read(), write()
 *   DOM       all(), make(), fill(), enhance(), start()
 *   format    number(), result(), date(), in the page's language
 *   formats   the storage keys, and the one reader of each saved format:
 *             localStorage["bsh-quiz:v1:<quiz id>"] (parseQuizState, see quiz.js) and
 *             localStorage["bsh-assessment:v1"] (parseAssessments, see assessment.js)
 */
(function () {
  "use strict";

  var SITE_PREFIX = "bsh-"; // every key of this site's own starts with it
  var QUIZ_VERSION = 1;
  var ASSESSMENT_VERSION = 1;
  var ASSESSMENT_KEY = "bsh-assessment:v" + ASSESSMENT_VERSION;

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

  // --- a quiz's saved state ------------------------------------------------------------------------
  // {v: 1, seed, answers: {questionId: [optionIds]}, judged: [questionIds] (practice),
  //  submitted (test), sample: [questionIds] | null, last: Result | null, best: Result | null},
  // Result = {score, total, at: epoch ms}. Anything else is ignored, never an error.

  function newQuizState(seed) {
    return { v: QUIZ_VERSION, seed: seed >>> 0, answers: {}, judged: [], submitted: false, sample: null, last: null, best: null };
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
    state.submitted = s.submitted === true && quiz.mode === "test";
    return state;
  }

  // --- the saved self-assessments ------------------------------------------------------------------
  // {v: 1, customers: [Customer]}, Customer = {id, name, created, updated, level, low, high,
  // people: [Person]}, Person = {id, name, updated, ratings: {statementId: 0-3}}.

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

  /** A clean copy of one person, or null when anything is wrong. */
  function checkPerson(p) {
    if (!isObject(p) || typeof p.id !== "string" || !ID.test(p.id) || !isName(p.name) || !isObject(p.ratings)) {
      return null;
    }
    if (p.updated !== undefined && !isDate(p.updated)) return null;
    var ratings = {};
    var keys = Object.keys(p.ratings);
    if (keys.length > MAX_ITEMS) return null;
    for (var i = 0; i < keys.length; i++) {
      if (!STATEMENT.test(keys[i]) || !isPoints(p.ratings[keys[i]])) return null;
      ratings[keys[i]] = p.ratings[keys[i]];
    }
    return { id: p.id, name: p.name.trim(), updated: p.updated || null, ratings: ratings };
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

  var bsh = {
    SITE_PREFIX: SITE_PREFIX, quizKey: quizKey, ASSESSMENT_VERSION: ASSESSMENT_VERSION, ASSESSMENT_KEY: ASSESSMENT_KEY,
    storage: storage, read: read, write: write,
    all: all, make: make, fill: fill, enhance: enhance, start: start,
    number: number, result: result, date: date,
    newQuizState: newQuizState, parseQuizState: parseQuizState,
    MAX_POINTS: MAX_POINTS, MAX_ITEMS: MAX_ITEMS, isPoints: isPoints, isObject: isObject,
    checkCustomer: checkCustomer, parseAssessments: parseAssessments
  };
  if (typeof module === "object" && module.exports) module.exports = bsh;
  else window.bsh = bsh;
})();
