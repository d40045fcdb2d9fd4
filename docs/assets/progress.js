/* The progress dashboard: enhances [data-progress] rendered by build_tools/templates/progress.html.j2.
 *
 * Reads, never writes, what the other widgets saved in localStorage:
 *   "bsh-quiz:v1:<quiz id>"  the quizzes (docs/assets/quiz.js: {v, answers, judged, submitted,
 *                            sample, last: {score, total, at}, best})
 *   "bsh-assessment:v1"      the self-assessments (docs/assets/assessment.js)
 * through the readers in bsh.js (loaded before this file), the same ones the widgets use,
 * and deletes all of this site's data on request: every key starting with "bsh-", and Material's
 * own settings for this site (keys "<site path>….__<name>", e.g. the colour scheme).
 *
 * Data (<script type="application/json" data-progress-data>):
 *   {lang, quizzes: [{id, title, url, questions: [ids], sample, passMark?}], levels: {n: short name},
 *    assessment: url | null, ui: {key: text with {placeholders}}}
 */
(function (bsh) {
  "use strict";

  if (!bsh) return; // bsh.js did not load: the dashboard's cells keep their dashes
  var make = bsh.make;
  var fill = bsh.fill;

  // --- pure logic -------------------------------------------------------------------------------

  /** A quiz's status from its saved state: bsh.js says how (the course's marks read it too). */
  var quizStatus = bsh.quizStatus;

  /** The saved self-assessments, newest first; anything unreadable is left out. */
  function customers(raw) {
    return bsh.parseAssessments(raw).customers.sort(function (a, b) { return Date.parse(b.updated) - Date.parse(a.updated); });
  }

  /** Whether a storage key belongs to this site (sitePath: the path of the site's root, with "/"). */
  function isSiteKey(key, sitePath) {
    if (key.indexOf(bsh.SITE_PREFIX) === 0) return true;
    return !!sitePath && key.indexOf(sitePath) === 0 && /\.__\w+$/.test(key);
  }

  /** Whether a kept result passed the pass mark (its own flag, or its score for an older one). */
  function passed(result, passMark) {
    if (!result) return null;
    if (typeof result.passed === "boolean") return result.passed;
    return bsh.passes(result.score, result.total, passMark);
  }

  var logic = { quizStatus: quizStatus, customers: customers, isSiteKey: isSiteKey, passed: passed };
  if (typeof module === "object" && module.exports) module.exports = logic;
  if (typeof document === "undefined") return;

  // --- the widget ---------------------------------------------------------------------------------

  function Progress(root, data) {
    this.root = root;
    this.data = data;
    this.ui = data.ui;
    this.lang = data.lang || document.documentElement.lang || "en";
    this.storage = bsh.storage();
    var self = this;
    root.addEventListener("click", function (e) {
      var b = e.target.closest('[data-progress-action="clear"]');
      if (b && root.contains(b)) self.clear();
    });
    window.addEventListener("storage", function () { self.render(); });
    bsh.enhance(root, "progress");
    root.querySelector("[data-progress-nosave]").hidden = !!this.storage;
    // Without storage there is nothing of this site's to delete.
    root.querySelector("[data-progress-clear-section]").hidden = !this.storage;
    this.render();
  }

  Progress.prototype = {
    number: function (x) {
      return bsh.number(this.lang, x, 0);
    },

    levelName: function (n) {
      return fill(this.ui.level_n, { n: n }) + (this.data.levels[n] ? ": " + this.data.levels[n] : "");
    },

    score: function (r) {
      return r ? bsh.result(this.ui, this.lang, r.score, r.total) : this.ui.pr_no_score;
    },

    render: function () {
      var self = this;
      var ui = this.ui;
      this.data.quizzes.forEach(function (quiz) {
        var row = self.root.querySelector('[data-progress-quiz="' + quiz.id + '"]');
        if (!row || !self.storage) return; // without storage, unknown: the page's dashes stay
        var st = quizStatus(quiz, bsh.read(self.storage, bsh.quizKey(quiz.id)));
        row.setAttribute("data-state", st.state);
        var status = st.state === "done" ? ui.pr_done
          : st.state === "in-progress" ? fill(ui.pr_in_progress, { answered: self.number(st.answered), total: self.number(st.total) })
            : ui.pr_not_started;
        // The final test: passed (the best attempt did, and when) or not yet, once submitted.
        var ok = typeof quiz.passMark === "number" ? passed(st.best, quiz.passMark) : null;
        if (ok === null) row.removeAttribute("data-passed");
        else {
          row.setAttribute("data-passed", String(ok));
          var verdict = ok ? fill(ui.pr_passed, { date: bsh.date(self.lang, st.best.at) }) : ui.pr_not_passed;
          status = st.state === "done" ? verdict : status + " · " + verdict;
        }
        row.querySelector("[data-progress-status]").textContent = status;
        row.querySelector("[data-progress-last]").textContent = self.score(st.last);
        row.querySelector("[data-progress-best]").textContent = self.score(st.best);
      });

      var list = customers(bsh.read(this.storage, bsh.ASSESSMENT_KEY));
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
        var plan = bsh.planSummary(c, bsh.today());
        tr.appendChild(make("td", level ? self.levelName(level) : ui.pr_no_score));
        tr.appendChild(make("td", plan.target ? self.levelName(plan.target) : "—"));
        var spread = typeof c.low === "number" && typeof c.high === "number" && c.low !== c.high;
        tr.appendChild(make("td", spread ? self.number(c.low) + "–" + self.number(c.high) : "—"));
        var next = tr.appendChild(make("td", "—"));
        next.setAttribute("data-progress-next", plan.overdue ? "overdue" : plan.next ? "due" : "none");
        if (plan.next) {
          var what = plan.next.person + ": " + plan.next.action;
          next.textContent = !plan.next.due ? what
            : fill(plan.overdue ? ui.pr_overdue : ui.pr_next, { action: what, date: bsh.day(self.lang, plan.next.due) });
          if (plan.overdue) next.className = "bsh-assessment__overdue";
        }
        tr.appendChild(make("td", self.number(c.people.length)));
        tr.appendChild(make("td", bsh.date(self.lang, c.updated)));
        rows.appendChild(tr);
      });
    },

    clear: function () {
      if (!window.confirm(this.ui.pr_clear_confirm)) return;
      var sitePath = new URL(this.data.root || "../", window.location.href).pathname;
      ["localStorage", "sessionStorage"].forEach(function (kind) {
        var s = bsh.storage(kind);
        if (!s) return;
        var keys = [];
        for (var i = 0; i < s.length; i++) keys.push(s.key(i));
        keys.forEach(function (k) { if (k !== null && isSiteKey(k, sitePath)) s.removeItem(k); });
      });
      this.render();
      this.root.querySelector("[data-progress-message]").textContent = this.ui.pr_cleared;
    }
  };

  // --- start ---------------------------------------------------------------------------------------

  bsh.start("[data-progress]", "script[data-progress-data]", function (root, data) {
    if (data) new Progress(root, data);
  });
})(typeof module === "object" && module.exports ? require("./bsh.js") : window.bsh);
