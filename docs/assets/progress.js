/* The progress dashboard: enhances [data-progress] rendered by build_tools/templates/progress.html.j2.
 *
 * Reads, never writes, what the other widgets saved in localStorage:
 *   "bsh-quiz:v1:<quiz id>"  the quizzes (docs/assets/quiz.js: {v, answers, judged, submitted,
 *                            sample, last: {score, total, at}, best})
 *   "bsh-assessment:v1"      the self-assessments (docs/assets/assessment.js)
 * and deletes all of this site's data on request: every key starting with "bsh-", and Material's
 * own settings for this site (keys "<site path>….__<name>", e.g. the colour scheme).
 *
 * Data (<script type="application/json" data-progress-data>):
 *   {lang, quizzes: [{id, title, url, questions: [ids], sample}], levels: {n: short name},
 *    assessment: url | null, ui: {key: text with {placeholders}}}
 */
(function () {
  "use strict";

  var QUIZ_PREFIX = "bsh-quiz:v1:";
  var ASSESSMENT_KEY = "bsh-assessment:v1";
  var SITE_PREFIX = "bsh-";

  // --- pure logic -------------------------------------------------------------------------------

  function isResult(x) {
    return !!x && typeof x === "object" && typeof x.score === "number" && typeof x.total === "number" &&
      x.total > 0 && x.score >= 0 && x.score <= x.total;
  }

  /**
   * A quiz's status from its saved state (the raw localStorage text or null):
   * {state: "not-started" | "in-progress" | "done", answered, total, last, best}.
   * Anything unreadable counts as not started.
   */
  function quizStatus(quiz, raw) {
    var out = { state: "not-started", answered: 0, total: 0, last: null, best: null };
    var bank = quiz.questions || [];
    var s = null;
    try {
      s = raw === null || raw === undefined ? null : JSON.parse(raw);
    } catch (e) {
      s = null;
    }
    var inAttempt = bank;
    if (s && typeof s === "object" && quiz.sample && Array.isArray(s.sample)) {
      inAttempt = s.sample.filter(function (id) { return bank.indexOf(id) >= 0; });
    }
    out.total = quiz.sample ? Math.min(quiz.sample, bank.length) : bank.length;
    if (!s || typeof s !== "object" || s.v !== 1) return out;
    if (isResult(s.last)) out.last = s.last;
    if (isResult(s.best)) out.best = s.best;
    if (out.last && !out.best) out.best = out.last;
    var answers = s.answers && typeof s.answers === "object" ? s.answers : {};
    out.answered = inAttempt.filter(function (id) { return Object.prototype.hasOwnProperty.call(answers, id); }).length;
    var judged = Array.isArray(s.judged) ? s.judged.filter(function (id) { return bank.indexOf(id) >= 0; }) : [];
    var finished = quiz.sample ? s.submitted === true : judged.length >= bank.length && bank.length > 0;
    if (finished) out.state = "done";
    else if (out.answered > 0 || judged.length > 0) out.state = "in-progress";
    else if (out.last) out.state = "done";
    return out;
  }

  /** The saved self-assessments, newest first; anything unreadable is left out. */
  function customers(raw) {
    var data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      return [];
    }
    if (!data || typeof data !== "object" || !Array.isArray(data.customers)) return [];
    return data.customers.filter(function (c) {
      return c && typeof c === "object" && typeof c.id === "string" && typeof c.name === "string" &&
        typeof c.updated === "string" && !isNaN(Date.parse(c.updated)) && Array.isArray(c.people);
    }).sort(function (a, b) { return Date.parse(b.updated) - Date.parse(a.updated); });
  }

  /** Whether a storage key belongs to this site (sitePath: the path of the site's root, with "/"). */
  function isSiteKey(key, sitePath) {
    if (key.indexOf(SITE_PREFIX) === 0) return true;
    return !!sitePath && key.indexOf(sitePath) === 0 && /\.__\w+$/.test(key);
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return values && k in values ? String(values[k]) : m;
    });
  }

  var logic = { quizStatus: quizStatus, customers: customers, isSiteKey: isSiteKey, fill: fill };
  if (typeof module === "object" && module.exports) module.exports = logic;
  if (typeof document === "undefined") return;

  // --- the widget ---------------------------------------------------------------------------------

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function make(tag, text) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    return el;
  }

  function openStorage(kind) {
    try {
      var s = window[kind];
      s.setItem(SITE_PREFIX + "test", "");
      s.removeItem(SITE_PREFIX + "test");
      return s;
    } catch (e) {
      return null;
    }
  }

  function Progress(root, data) {
    this.root = root;
    this.data = data;
    this.ui = data.ui;
    this.lang = data.lang || document.documentElement.lang || "en";
    this.storage = openStorage("localStorage");
    var self = this;
    this.onClick = function (e) {
      var b = e.target.closest('[data-progress-action="clear"]');
      if (b && root.contains(b)) self.clear();
    };
    this.onStorage = function () { self.render(); };
    root.addEventListener("click", this.onClick);
    window.addEventListener("storage", this.onStorage);
    all(root, "[data-progress-nojs]").forEach(function (el) { el.hidden = true; });
    root.querySelector("[data-progress-nosave]").hidden = !!this.storage;
    // Without storage there is nothing of this site's to delete.
    root.querySelector("[data-progress-clear-section]").hidden = !this.storage;
    this.render();
  }

  Progress.prototype = {
    destroy: function () {
      this.root.removeEventListener("click", this.onClick);
      window.removeEventListener("storage", this.onStorage);
    },

    get: function (key) {
      try {
        return this.storage ? this.storage.getItem(key) : null;
      } catch (e) {
        return null;
      }
    },

    number: function (x, max) {
      try {
        return new Intl.NumberFormat(this.lang, { maximumFractionDigits: max }).format(x);
      } catch (e) {
        return String(x);
      }
    },

    score: function (r) {
      if (!r) return this.ui.pr_no_score;
      var percent;
      try {
        percent = new Intl.NumberFormat(this.lang, { style: "percent" }).format(r.score / r.total);
      } catch (e) {
        percent = Math.round((100 * r.score) / r.total) + "%";
      }
      return fill(this.ui.quiz_result, { score: this.number(r.score, 2), total: this.number(r.total, 0), percent: percent });
    },

    date: function (iso) {
      try {
        return new Date(iso).toLocaleDateString(this.lang, { year: "numeric", month: "long", day: "numeric" });
      } catch (e) {
        return iso.slice(0, 10);
      }
    },

    render: function () {
      var self = this;
      var ui = this.ui;
      this.data.quizzes.forEach(function (quiz) {
        var row = self.root.querySelector('[data-progress-quiz="' + quiz.id + '"]');
        if (!row || !self.storage) return; // without storage, unknown: the page's dashes stay
        var st = quizStatus(quiz, self.get(QUIZ_PREFIX + quiz.id));
        row.setAttribute("data-state", st.state);
        row.querySelector("[data-progress-status]").textContent =
          st.state === "done" ? ui.pr_done
            : st.state === "in-progress" ? fill(ui.pr_in_progress, { answered: self.number(st.answered, 0), total: self.number(st.total, 0) })
              : ui.pr_not_started;
        row.querySelector("[data-progress-last]").textContent = self.score(st.last);
        row.querySelector("[data-progress-best]").textContent = self.score(st.best);
      });

      var list = customers(this.get(ASSESSMENT_KEY));
      var rows = this.root.querySelector("[data-progress-customer-rows]");
      rows.textContent = "";
      this.root.querySelector("[data-progress-empty]").hidden = list.length > 0;
      this.root.querySelector("[data-progress-customers]").hidden = !list.length;
      list.forEach(function (c) {
        var tr = make("tr");
        tr.setAttribute("data-progress-customer", c.id);
        var th = tr.appendChild(make("th"));
        th.scope = "row";
        if (self.data.assessment) {
          var a = th.appendChild(make("a", c.name));
          a.href = self.data.assessment + "#customer=" + encodeURIComponent(c.id);
        } else {
          th.textContent = c.name;
        }
        var level = typeof c.level === "number" && c.level >= 1 && c.level <= 5 ? c.level : null;
        var text = ui.pr_no_score;
        if (level) {
          text = fill(ui.level_n, { n: level }) + (self.data.levels[level] ? ": " + self.data.levels[level] : "");
          if (typeof c.low === "number" && typeof c.high === "number" && c.low !== c.high) {
            text += " (" + fill(ui.level_n, { n: c.low }) + "–" + c.high + ")";
          }
        }
        tr.appendChild(make("td", text));
        tr.appendChild(make("td", self.number(c.people.length, 0)));
        tr.appendChild(make("td", self.date(c.updated)));
        rows.appendChild(tr);
      });
    },

    clear: function () {
      if (!window.confirm(this.ui.pr_clear_confirm)) return;
      var sitePath = new URL(this.data.root || "../", window.location.href).pathname;
      ["localStorage", "sessionStorage"].forEach(function (kind) {
        var s = openStorage(kind);
        if (!s) return;
        var keys = [];
        for (var i = 0; i < s.length; i++) keys.push(s.key(i));
        keys.forEach(function (k) { if (k !== null && isSiteKey(k, sitePath)) s.removeItem(k); });
      });
      this.render();
      this.root.querySelector("[data-progress-message]").textContent = this.ui.pr_cleared;
    }
  };

  // --- start: once per page, again after each instant navigation --------------------------------

  var running = [];

  function start() {
    running.forEach(function (p) { p.destroy(); });
    running = [];
    all(document, "[data-progress]").forEach(function (root) {
      var data;
      try {
        data = JSON.parse(root.querySelector("script[data-progress-data]").textContent);
      } catch (e) {
        return;
      }
      running.push(new Progress(root, data));
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
