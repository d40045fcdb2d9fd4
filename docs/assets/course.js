/* The course frame, on every page: what the learner has completed, from what this browser stores.
 *
 *   - marks the completed steps (✓ and a hidden "completed") in the navigation and on the
 *     overview's path; the overview's Start button leads to the next step; the overview and the
 *     progress page say how much is done and link the next step ([data-course-*], _course.html.j2);
 *   - records a page without a quiz as read once the end of its article has been on the screen;
 *   - keeps the ticks of the checklists ([data-checklist], _blocks.md.j2);
 *   - marks the glossary entry a link leads to (data-target, beside course.css's :target rule);
 *   - shows a glossary term's definition in place: a link to a term (the page's
 *     <script type="application/json" data-glossary>, render.Renderer.glossary) becomes a button
 *     that opens a small panel (Escape or a click elsewhere closes it), linking on to the entry.
 *
 * Steps: window.bshCourse (assets/course-data.js, render.Renderer.course_script) =
 *   {lang, steps: [{id, url, title, rule: "quiz"|"assessment"|"read"}], ui}
 * A step is completed when (rule) its quiz has been finished once (a last score in
 * localStorage["bsh-quiz:v1:<page id>"]), a customer is saved in the self-assessment, or the page
 * was read to its end (localStorage["bsh-read:v1"], bsh.parseRead).
 * Without storage nothing is marked or claimed: the page stays as rendered.
 * Needs bsh.js, loaded before it.
 */
(function (bsh) {
  "use strict";

  if (!bsh) return;

  // --- pure logic -------------------------------------------------------------------------------

  /** Whether a quiz (its stored state) has been finished: it has a last score, kept when every
   *  question was checked or the test submitted. Trying questions again leaves it finished; only
   *  the quiz's reset (or clearing the progress) forgets it. */
  function finished(raw) {
    if (raw === null || raw === undefined) return false;
    var state = bsh.parseQuizState(raw, { mode: "practice", sample: 0, questions: [] });
    return !!(state && state.last);
  }

  /** The ids of the completed steps; get(key) gives the stored text of a key, or null. */
  function completed(steps, get) {
    var read = bsh.parseRead(get(bsh.READ_KEY));
    var customers = null;
    return steps.filter(function (s) {
      if (s.rule === "quiz") return finished(get(bsh.quizKey(s.id)));
      if (s.rule === "assessment") {
        if (customers === null) customers = bsh.parseAssessments(get(bsh.ASSESSMENT_KEY)).customers;
        return customers.length > 0;
      }
      return Object.prototype.hasOwnProperty.call(read, s.id);
    }).map(function (s) { return s.id; });
  }

  /** {done, total, share, next}: next is the first step not completed, in the path's order. */
  function summary(steps, doneIds) {
    var next = null;
    for (var i = 0; i < steps.length && !next; i++) if (doneIds.indexOf(steps[i].id) < 0) next = steps[i];
    var done = steps.filter(function (s) { return doneIds.indexOf(s.id) >= 0; }).length;
    return { done: done, total: steps.length, share: steps.length ? done / steps.length : 0, next: next };
  }

  /** The stored "read" file with pageId added at time now. */
  function withRead(raw, pageId, now) {
    var pages = bsh.parseRead(raw);
    pages[pageId] = now;
    return JSON.stringify({ v: 1, pages: pages });
  }

  /** The stored checklists file with the ticks of one list (n items, on: ticked indices). */
  function withTicks(raw, key, n, on) {
    var lists = bsh.parseChecklists(raw);
    lists[key] = { n: n, on: on };
    return JSON.stringify({ v: 1, lists: lists });
  }

  var logic = { finished: finished, completed: completed, summary: summary, withRead: withRead, withTicks: withTicks };
  if (typeof module === "object" && module.exports) module.exports = logic;
  if (typeof document === "undefined") return;

  // --- the page -----------------------------------------------------------------------------------

  var script = document.currentScript;
  var course = window.bshCourse;
  var store = bsh.storage();
  var make = bsh.make;

  function get(key) {
    return bsh.read(store, key);
  }

  function percent(lang, share) {
    try {
      return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(share);
    } catch (e) {
      return Math.round(share * 100) + "%";
    }
  }

  function samePage(a, b) {
    return a.origin === b.origin && a.pathname === b.pathname;
  }

  // A ✓ with "completed" for screen readers: not colour alone.
  function mark(ui) {
    var m = make("span", "", "bsh-done");
    m.appendChild(make("span", "✓")).setAttribute("aria-hidden", "true");
    m.appendChild(make("span", " " + ui.course_done_mark, "bsh-sr"));
    return m;
  }

  function Course(data, root) {
    this.data = data;
    this.ui = data.ui;
    this.root = root;
    this.urls = {};
    data.steps.forEach(function (s) { this.urls[s.id] = new URL(s.url, root); }, this);
    this.here = data.steps.filter(function (s) { return samePage(this.urls[s.id], window.location); }, this)[0] || null;
  }

  Course.prototype = {
    render: function () {
      var self = this;
      var ui = this.ui;
      var done = completed(this.data.steps, get);
      var s = summary(this.data.steps, done);
      var doneUrls = done.map(function (id) { return self.urls[id]; });
      var hereDone = !!this.here && done.indexOf(this.here.id) >= 0;
      // The links, and the current page's label that opens its contents on a phone.
      bsh.all(document, '.md-nav--primary a.md-nav__link[href], .md-nav--primary label.md-nav__link[for="__toc"]').forEach(function (a) {
        var url = a.href ? new URL(a.href) : null;
        var on = url ? !url.hash && doneUrls.some(function (u) { return samePage(u, url); }) : hereDone;
        var old = a.querySelector(".bsh-done");
        if (on && !old) a.appendChild(mark(ui));
        if (!on && old) old.parentNode.removeChild(old);
      });
      bsh.all(document, "[data-course-step]").forEach(function (li) {
        var on = done.indexOf(li.getAttribute("data-course-step")) >= 0;
        var a = li.querySelector("a");
        var old = a.querySelector(".bsh-done");
        if (on) li.setAttribute("data-done", "");
        else li.removeAttribute("data-done");
        if (on && !old) a.appendChild(mark(ui));
        if (!on && old) old.parentNode.removeChild(old);
      });
      bsh.all(document, "[data-course-status]").forEach(function (p) {
        p.textContent = "";
        p.hidden = !s.done && p.getAttribute("data-course-status") === "started";
        if (!s.next) {
          p.appendChild(make("strong", ui.course_all_done));
          return;
        }
        p.appendChild(make("strong", bsh.fill(ui.course_status, {
          percent: percent(self.data.lang, s.share), done: s.done, total: s.total
        })));
        p.appendChild(document.createTextNode(" " + ui.course_next + " "));
        p.appendChild(make("a", s.next.title)).href = self.urls[s.next.id].href;
      });
      bsh.all(document, "[data-course-start]").forEach(function (a) {
        if (!s.next) {
          a.textContent = ui.course_again;
          a.href = self.urls[self.data.steps[0].id].href;
        } else if (s.done) {
          a.textContent = bsh.fill(ui.course_continue, { step: s.next.title });
          a.href = self.urls[s.next.id].href;
        }
      });
    },

    // A page without a quiz is read once the end of its article has been on the screen.
    watchEnd: function () {
      var self = this;
      var step = this.here;
      var article = document.querySelector(".md-content article");
      if (!step || step.rule !== "read" || !article || !("IntersectionObserver" in window)) return;
      if (Object.prototype.hasOwnProperty.call(bsh.parseRead(get(bsh.READ_KEY)), step.id)) return;
      var end = article.appendChild(make("div", "", "bsh-course__end"));
      end.setAttribute("aria-hidden", "true");
      var seen = new IntersectionObserver(function (entries) {
        if (!entries.some(function (e) { return e.isIntersecting; })) return;
        seen.disconnect();
        bsh.write(store, bsh.READ_KEY, withRead(get(bsh.READ_KEY), step.id, Date.now()));
        self.render();
      });
      seen.observe(end);
    }
  };

  // --- checklists ---------------------------------------------------------------------------------

  function checklists() {
    var lists = store ? bsh.parseChecklists(get(bsh.CHECKLIST_KEY)) : {};
    bsh.all(document, "[data-checklist]").forEach(function (box) {
      var key = box.getAttribute("data-checklist");
      var inputs = bsh.all(box, 'input[type="checkbox"]');
      var saved = lists[key];
      if (saved && saved.n === inputs.length) {
        inputs.forEach(function (input, i) { input.checked = saved.on.indexOf(i) >= 0; });
      }
      if (!store || !key) return; // the boxes still tick; nothing says they are kept
      box.querySelector("[data-checklist-saved]").hidden = false;
      box.addEventListener("change", function () {
        var on = [];
        inputs.forEach(function (input, i) { if (input.checked) on.push(i); });
        bsh.write(store, bsh.CHECKLIST_KEY, withTicks(get(bsh.CHECKLIST_KEY), key, inputs.length, on));
      });
    });
  }

  // --- glossary terms in place --------------------------------------------------------------------

  var open = null; // the open term: {button, panel}

  function close(focus) {
    if (!open) return;
    open.button.setAttribute("aria-expanded", "false");
    open.panel.hidden = true;
    if (focus) open.button.focus();
    open = null;
  }

  function show(term) {
    close(false);
    term.button.setAttribute("aria-expanded", "true");
    term.panel.hidden = false;
    term.panel.style.left = "";
    // Kept inside the screen: a term near the right edge opens leftwards.
    var box = term.panel.getBoundingClientRect();
    var room = document.documentElement.clientWidth - 8;
    var shift = Math.min(0, room - box.right);
    if (box.left + shift < 8) shift = 8 - box.left;
    if (shift) term.panel.style.left = shift + "px";
    open = term;
  }

  function terms(ui) {
    var node = document.querySelector("script[data-glossary]");
    var defs;
    try {
      defs = JSON.parse(node.textContent);
    } catch (e) {
      return;
    }
    var count = 0;
    bsh.all(document, ".md-content article a[href]").forEach(function (a) {
      // Not inside a quiz (its explanations are copied into the feedback), a label, a heading
      if (a.closest(".bsh-quiz, label, legend, summary, h1, h2, h3, h4, .bsh-figure, .bsh-course")) return;
      var id = decodeURIComponent(new URL(a.href).hash.slice(1));
      var def = Object.prototype.hasOwnProperty.call(defs, id) ? defs[id] : null;
      if (!def || !samePage(new URL(def.url, window.location.href), new URL(a.href))) return;
      var wrap = make("span", "", "bsh-term");
      var button = wrap.appendChild(make("button", a.textContent, "bsh-term__button"));
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      var panel = wrap.appendChild(make("span", "", "bsh-term__panel"));
      panel.id = "bsh-term-" + ++count;
      panel.hidden = true;
      button.setAttribute("aria-controls", panel.id);
      panel.appendChild(make("strong", def.term));
      panel.appendChild(make("span", def.definition, "bsh-term__definition"));
      var more = panel.appendChild(make("a", ui.term_more));
      more.setAttribute("href", a.getAttribute("href"));
      var term = { button: button, panel: panel };
      button.addEventListener("click", function () {
        if (open === term) close(false);
        else show(term);
      });
      a.parentNode.replaceChild(wrap, a);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && open) close(true);
    });
    document.addEventListener("click", function (e) {
      if (open && !open.button.parentNode.contains(e.target)) close(false);
    });
    document.addEventListener("focusin", function (e) {
      if (open && !open.button.parentNode.contains(e.target)) close(false);
    });
  }

  // --- the glossary entry a link leads to ----------------------------------------------------------

  // course.css highlights it with :has(:target); the attribute does the same where :has() is not
  // supported, and follows the links between terms on the glossary page (hashchange).
  function markTarget() {
    bsh.all(document, ".bsh-glossary__term[data-target]").forEach(function (el) {
      el.removeAttribute("data-target");
    });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var entry = target && target.closest && target.closest(".bsh-glossary__term");
    if (entry) entry.setAttribute("data-target", "");
  }

  // --- start ---------------------------------------------------------------------------------------

  function start() {
    var data = course && course.steps ? course : null;
    if (data) terms(data.ui);
    checklists();
    if (document.querySelector(".bsh-glossary")) {
      markTarget();
      window.addEventListener("hashchange", markTarget);
    }
    if (!data || !store || !script) return; // nothing stored can be known: nothing is claimed
    var c = new Course(data, new URL("../", script.src));
    c.render();
    c.watchEnd();
    window.addEventListener("storage", function () { c.render(); });
    // A quiz checked or a customer saved on this page completes its step: marks follow at once.
    document.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("[data-quiz-action], [data-assessment-action]")) {
        setTimeout(function () { c.render(); }, 0);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof module === "object" && module.exports ? require("./bsh.js") : window.bsh);
