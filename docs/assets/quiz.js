/* The self-quiz: enhances every [data-quiz] rendered by build_tools/templates/quiz.html.j2.
 *
 * Pure logic first (scoring, seeded shuffling; imported by tests/js in Node), then one Quiz class
 * per quiz element, started once the document is parsed. Needs bsh.js, loaded before it.
 *
 * Data (the quiz's <script type="application/json" data-quiz-data>):
 *   {id, mode: "practice"|"test", lang, sample: questions per attempt (0: all, in order),
 *    topics: {pageId: {title, url}}, ui: {key: text with {placeholders}},
 *    questions: [{id, type, topic, options: [ids], answer: [ids], review?: {title, url}, group?}],
 *    and for the final test: blueprint: [[topic, count]], passMark: per cent}
 * The final test's questions (HTML) are in a bank script loaded when an attempt starts.
 *
 * Saved state: localStorage["bsh-quiz:v1:<quiz id>"], read by bsh.parseQuizState (bsh.js says
 * the format; the dashboard reads it there too).
 */
(function (bsh) {
  "use strict";

  if (!bsh) return; // bsh.js did not load: the page keeps its quiz without JavaScript
  var all = bsh.all;
  var make = bsh.make;
  var fill = bsh.fill;

  // --- pure logic -------------------------------------------------------------------------------

  /** FNV-1a: a 32-bit hash of a string. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  /** mulberry32: a small seeded generator of numbers in [0, 1). */
  function random(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(items, seed) {
    var out = items.slice();
    var next = random(seed);
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  function same(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  /** The options' order in an attempt. Seeded by the attempt and the question id, so that adding
   *  or moving a question never reorders another's options. True/false keeps its order; an
   *  ordering question never starts solved. */
  function optionOrder(q, seed) {
    if (q.type === "true-false") return q.options.slice();
    var s = (seed ^ hash(q.id)) >>> 0;
    var order = shuffle(q.options, s);
    if (q.type === "ordering" && order.length > 1) {
      for (var n = 1; n < 4 && same(order, q.answer); n++) order = shuffle(q.options, s + n);
      if (same(order, q.answer)) order.push(order.shift());
    }
    return order;
  }

  /** The questions of an attempt: a seeded sample, or all of them in their order. */
  function pickSample(ids, size, seed) {
    return size > 0 && size < ids.length ? shuffle(ids, seed).slice(0, size) : ids.slice();
  }

  /**
   * The final test's draw: for each topic of the blueprint ([[topic, count]], in its order),
   * `count` distinct concept groups at random and one random item of each, so an attempt never
   * holds two items of one group. An empty blueprint takes every question, shuffled.
   * questions: [{id, topic, group}]; returns the attempt's question ids in order.
   */
  function draw(questions, blueprint, seed) {
    var next = random(seed);
    var pick = function (list) { return list[Math.floor(next() * list.length)]; };
    var ids = questions.map(function (q) { return q.id; });
    if (!blueprint || !blueprint.length) return shuffle(ids, seed);
    var out = [];
    blueprint.forEach(function (entry) {
      var groups = {};
      var names = [];
      questions.forEach(function (q) {
        if (q.topic !== entry[0]) return;
        var g = q.group || q.id;
        if (!groups[g]) names.push(g);
        (groups[g] = groups[g] || []).push(q.id);
      });
      // A partial Fisher-Yates: the first `count` places get distinct random groups.
      for (var i = 0; i < entry[1] && i < names.length; i++) {
        var j = i + Math.floor(next() * (names.length - i));
        var t = names[i];
        names[i] = names[j];
        names[j] = t;
        out.push(pick(groups[names[i]]));
      }
    });
    return out;
  }

  /** Whether a score passes the pass mark: bsh.js holds the rule, which the dashboard shares. */
  var passes = bsh.passes;

  /** The score that passes, in questions: "16 of 20" for 80 %. */
  function passCount(total, passMark) {
    return Math.ceil((total * passMark) / 100 - 1e-9);
  }

  /** Topics from the weakest to the strongest (share of credit); ties keep their order. */
  function weakestFirst(topics) {
    return topics.map(function (t, i) { return { t: t, i: i }; }).sort(function (a, b) {
      return a.t.score / a.t.total - b.t.score / b.t.total || a.i - b.i;
    }).map(function (x) { return x.t; });
  }

  /** A question's prompt shortened for a link: whole words, at most `max` characters. */
  function shorten(text, max) {
    var s = String(text).replace(/\s+/g, " ").trim();
    if (s.length <= max) return s;
    var cut = s.slice(0, max);
    var space = cut.lastIndexOf(" ");
    return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?]+$/, "") + "…";
  }

  /** Judges a response (chosen option ids, or the order for an ordering question). Credit is
   *  partial for multiple choice (right picks minus wrong picks) and ordering (items in place). */
  function judge(q, response) {
    var r = response || [];
    var total = q.answer.length;
    var hits = 0;
    var wrong = 0;
    var credit;
    if (q.type === "ordering") {
      r.forEach(function (id, i) { if (id === q.answer[i]) hits++; });
      wrong = r.length ? total - hits : 0;
      credit = hits / total;
    } else {
      r.forEach(function (id) { if (q.answer.indexOf(id) < 0) wrong++; else hits++; });
      credit = q.type === "multiple" ? Math.max(0, hits - wrong) / total : hits === total && !wrong ? 1 : 0;
    }
    return { credit: credit, correct: credit === 1, hits: hits, wrong: wrong, total: total, answered: r.length > 0 };
  }

  /** An ordering question's items, in the order the page shows them. */
  function order(it) {
    return all(it.el, "[data-quiz-option]").map(function (li) { return li.getAttribute("data-quiz-option"); });
  }

  function round(x) {
    return Math.round(x * 100) / 100;
  }

  /** Score and per-topic breakdown; a topic lists the review links of its imperfect answers. */
  function summarize(questions, answers) {
    var topics = [];
    var byId = {};
    var score = 0;
    questions.forEach(function (q) {
      var r = judge(q, answers[q.id]);
      var t = byId[q.topic];
      if (!t) topics.push((t = byId[q.topic] = { id: q.topic, score: 0, total: 0, review: [] }));
      score += r.credit;
      t.score += r.credit;
      t.total++;
      if (!r.correct && q.review && !t.review.some(function (x) { return x.url === q.review.url; })) {
        t.review.push(q.review);
      }
    });
    topics.forEach(function (t) { t.score = round(t.score); });
    return { score: round(score), total: questions.length, topics: topics };
  }

  function verdict(ui, r) {
    return r.correct ? ui.quiz_correct : r.credit > 0 ? ui.quiz_partly : ui.quiz_incorrect;
  }

  /** What was partly right, or "" when there is nothing partial to say. */
  function partialText(ui, lang, q, r) {
    if (r.correct || !r.answered) return "";
    var n = function (x) { return bsh.number(lang, x, 2); };
    if (q.type === "multiple") {
      return fill(ui.quiz_partial_multiple, { hits: n(r.hits), total: n(r.total), wrong: n(r.wrong) });
    }
    if (q.type === "ordering") return fill(ui.quiz_partial_ordering, { hits: n(r.hits), total: n(r.total) });
    return "";
  }

  function load(storage, data) {
    var raw = bsh.read(storage, bsh.quizKey(data.id));
    return raw === null ? null : bsh.parseQuizState(raw, data);
  }

  /** Whether the state was saved (blocked or full storage: the quiz goes on without saving). */
  function save(storage, data, state) {
    return bsh.write(storage, bsh.quizKey(data.id), JSON.stringify(state));
  }

  /** Keeps a finished attempt's result as the last one, and as the best one when it is better;
   *  with a pass mark, each says whether it passed. */
  function record(state, result, now, passMark) {
    var r = { score: result.score, total: result.total, at: now };
    var ok = passes(result.score, result.total, passMark);
    if (ok !== null) r.passed = ok;
    state.last = r;
    if (!state.best || r.score / r.total > state.best.score / state.best.total) state.best = r;
  }

  var logic = {
    hash: hash, random: random, shuffle: shuffle, optionOrder: optionOrder, pickSample: pickSample,
    draw: draw, passes: passes, passCount: passCount, weakestFirst: weakestFirst, shorten: shorten,
    judge: judge, summarize: summarize, verdict: verdict, partialText: partialText, load: load,
    save: save, record: record
  };
  if (typeof module === "object" && module.exports) module.exports = logic;
  if (typeof document === "undefined") return;

  // --- the widget ---------------------------------------------------------------------------------

  function newSeed() {
    return crypto.getRandomValues(new Uint32Array(1))[0];
  }

  /**
   * The final test's questions come in a script of their own, loaded when an attempt starts (or
   * resumes): window.bshQuizBanks[quiz id] = {question id: HTML of its <li>} (see quiz.html.j2).
   * Each is parsed only when an attempt draws it. Returns {list, src, html} or null without a bank.
   */
  function findBank(root) {
    var list = root.querySelector("[data-quiz-bank]");
    return list ? { list: list, src: list.getAttribute("data-quiz-bank"), html: null } : null;
  }

  function bankOf(id) {
    var html = (window.bshQuizBanks || {})[id];
    return html && typeof html === "object" ? html : null;
  }

  /** Loads the bank's script once; done(html or null when it failed). */
  function loadBank(id, src, done) {
    if (bankOf(id)) return done(bankOf(id));
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () { done(bankOf(id)); };
    script.onerror = function () { done(null); };
    document.body.appendChild(script);
  }

  function Quiz(root, data, bank) {
    var self = this;
    this.root = root;
    this.data = data;
    this.ui = data.ui;
    this.bank = bank;
    this.items = data.questions.map(function (q) {
      return { q: q, el: bank ? null : root.querySelector('[data-quiz-question="' + q.id + '"]') };
    });
    this.live = root.querySelector("[data-quiz-live]");
    this.storage = bsh.storage();
    this.state = load(this.storage, data);
    bsh.enhance(root, "quiz");
    root.addEventListener("click", function (e) { self.click(e); });
    root.addEventListener("change", function (e) { self.change(e); });
    if (bank) {
      this.state = this.state || bsh.newQuizState(newSeed());
      this.active = [];
      // An attempt open (or submitted) before a reload resumes with its questions; otherwise the
      // start panel waits for "Start the test", and the bank is not loaded before.
      if (this.state.sample) this.open(false);
      else this.render();
      return;
    }
    // Save a new attempt at once, so that a reload shows the same order.
    var fresh = !this.state;
    this.state = this.state || bsh.newQuizState(newSeed());
    this.arrange();
    // Choices made before the script ran (a learner may answer while it loads) are kept, not wiped.
    var early = false;
    this.active.forEach(function (it) {
      if (it.q.type === "ordering" || this.judged(it) || this.state.answers[it.q.id]) return;
      var chosen = all(it.el, "input:checked").map(function (input) { return input.value; });
      if (chosen.length) {
        this.state.answers[it.q.id] = chosen;
        early = true;
      }
    }, this);
    if (fresh || early) this.save();
    this.render();
  }

  Quiz.prototype = {
    save: function () {
      this.root.querySelector("[data-quiz-nosave]").hidden = save(this.storage, this.data, this.state);
    },

    test: function () {
      return this.data.mode === "test";
    },

    started: function () {
      return !this.bank || !!(this.bank.html && this.state.sample);
    },

    // The final test: load the bank, then show the attempt (fresh: a new draw, saved at once).
    open: function (fresh) {
      var self = this;
      var pending = this.root.querySelector("[data-quiz-pending]");
      var start = this.root.querySelector('[data-quiz-action="start"]');
      if (start) start.disabled = true;
      loadBank(this.data.id, this.bank.src, function (html) {
        if (start) start.disabled = false;
        if (!html) {
          // The questions cannot come: say so, and offer the topics' practice quizzes instead.
          var fallback = self.root.querySelector("noscript");
          if (pending) {
            pending.textContent = "";
            pending.appendChild(make("p", self.ui.quiz_bank_failed, "bsh-quiz__note"));
            if (fallback) pending.insertAdjacentHTML("beforeend", fallback.textContent);
          }
          self.announce(self.ui.quiz_bank_failed);
          return;
        }
        if (pending) pending.textContent = "";
        self.bank.html = html;
        if (fresh) self.state.sample = null;
        self.arrange();
        if (fresh) self.save();
        self.render();
        if (fresh) self.focusFirst();
      });
    },

    // The attempt's questions in their order, and each question's options in theirs.
    arrange: function () {
      var st = this.state;
      var data = this.data;
      var ids = this.items.map(function (it) { return it.q.id; });
      if (data.blueprint && !st.sample) st.sample = draw(data.questions, data.blueprint, st.seed);
      else if (data.sample && !st.sample) st.sample = pickSample(ids, data.sample, st.seed);
      var active = st.sample || ids;
      this.active = [];
      var bank = this.bank;
      this.items.forEach(function (it) {
        it.active = active.indexOf(it.q.id) >= 0;
        if (!it.el) return;
        it.el.hidden = !it.active;
        // A bank's questions are in the page only while they are in the attempt.
        if (bank && !it.active && it.el.parentNode) it.el.parentNode.removeChild(it.el);
      });
      active.forEach(function (id) {
        var it = this.items[ids.indexOf(id)];
        if (!it.el) it.el = this.parse(it.q.id);
        (bank ? bank.list : it.el.parentNode).appendChild(it.el);
        var list = it.el.querySelector("[data-quiz-option]").parentNode;
        var order = (it.q.type === "ordering" && st.answers[id]) || optionOrder(it.q, st.seed);
        order.forEach(function (oid) { list.appendChild(list.querySelector('[data-quiz-option="' + oid + '"]')); });
        this.active.push(it);
      }, this);
    },

    // A question of the bank, as an element (enhanced like the rest of the quiz).
    parse: function (id) {
      var parsed = document.createElement("template");
      parsed.innerHTML = this.bank.html[id];
      var el = parsed.content.querySelector("[data-quiz-question]");
      bsh.enhance(el, "quiz");
      return el;
    },

    judged: function (it) {
      return it.active && (this.test() ? this.state.submitted : this.state.judged.indexOf(it.q.id) >= 0);
    },

    // A practice question after a first wrong try, until "Try again" or "Show the answer".
    held: function (it) {
      return !this.test() && !this.judged(it) && this.state.tries[it.q.id] === 1;
    },

    // An ordering question is judged in the order shown, moved or not.
    response: function (it) {
      var a = this.state.answers[it.q.id] || [];
      return it.q.type === "ordering" && it.el ? order(it) : a;
    },

    answers: function () {
      var out = {};
      this.active.forEach(function (it) { out[it.q.id] = this.response(it); }, this);
      return out;
    },

    // Answered: an option chosen, or an ordering question's items moved.
    isAnswered: function (it) {
      return !!(this.state.answers[it.q.id] || []).length;
    },

    answered: function () {
      return this.active.filter(this.isAnswered, this).length;
    },

    finished: function () {
      return this.active.length > 0 && this.active.every(this.judged, this);
    },

    render: function () {
      // Every question (those left out of a new sample forget the last attempt); a bank's
      // questions are in the page only while drawn.
      (this.bank ? this.active : this.items).forEach(this.renderQuestion, this);
      var ui = this.ui;
      var lang = this.data.lang;
      var st = this.state;
      var started = this.started();
      var history = this.root.querySelector("[data-quiz-history]");
      history.hidden = !st.last;
      if (st.last) {
        history.textContent = fill(ui.quiz_history, {
          last: bsh.result(ui, lang, st.last.score, st.last.total),
          best: bsh.result(ui, lang, st.best.score, st.best.total)
        });
      }
      var start = this.root.querySelector("[data-quiz-start]");
      if (start) start.hidden = started;
      var progress = this.root.querySelector("[data-quiz-progress]");
      if (progress) {
        progress.parentNode.hidden = st.submitted || !started;
        // Plain digits (the course's languages all write them): a first Intl formatter is slow.
        progress.textContent = fill(ui.quiz_answered, { answered: this.answered(), total: this.active.length });
      }
      var open = this.root.querySelector("[data-quiz-unanswered]");
      if (open && !open.hidden) this.listUnanswered(open);
      this.renderResults();
    },

    // The panel of questions left open (Submit pressed early): links to each; hidden when none is left.
    listUnanswered: function (panel) {
      var left = this.test() && !this.state.submitted ? this.active.filter(function (it) { return !this.isAnswered(it); }, this) : [];
      panel.hidden = !left.length;
      if (!left.length) return;
      panel.querySelector("[data-quiz-unanswered-count]").textContent =
        fill(this.ui.quiz_unanswered, { left: left.length, total: this.active.length });
      this.links(panel.querySelector("[data-quiz-unanswered-list]"), left);
    },

    // Links to questions ("Question 4: Who developed…"), numbered as the attempt shows them.
    links: function (list, items) {
      var ui = this.ui;
      list.textContent = "";
      items.forEach(function (it) {
        var n = this.active.indexOf(it) + 1;
        var a = list.appendChild(make("li")).appendChild(make("a", fill(ui.quiz_question_n, {
          n: n, prompt: shorten(it.el.querySelector("legend").textContent, 70)
        })));
        a.href = "#" + it.el.id;
        a.setAttribute("data-quiz-goto", it.q.id);
      }, this);
    },

    renderQuestion: function (it) {
      var judged = this.judged(it);
      var held = this.held(it);
      var locked = judged || held;
      var chosen = this.response(it);
      var el = it.el;
      var r = judge(it.q, chosen);
      all(el, "input").forEach(function (input) {
        input.checked = chosen.indexOf(input.value) >= 0;
        input.disabled = locked;
      });
      all(el, "[data-quiz-option]").forEach(function (li, i) {
        var id = li.getAttribute("data-quiz-option");
        var right = it.q.type === "ordering" ? it.q.answer[i] === id : it.q.answer.indexOf(id) >= 0;
        var mark = !judged ? "" : right ? "right" : it.q.type === "ordering" || chosen.indexOf(id) >= 0 ? "wrong" : "";
        if (mark) li.setAttribute("data-quiz-mark", mark);
        else li.removeAttribute("data-quiz-mark");
        if (chosen.indexOf(id) >= 0 && it.q.type !== "ordering") li.setAttribute("data-quiz-chosen", "");
        else li.removeAttribute("data-quiz-chosen");
      });
      var moves = all(el, "[data-quiz-move]");
      moves.forEach(function (b, i) {
        var edge = b.getAttribute("data-quiz-move") === "up" ? i === 0 : i === moves.length - 1;
        b.setAttribute("aria-disabled", String(edge));
        b.parentNode.hidden = locked;
      });
      var check = el.querySelector('[data-quiz-action="check"]');
      if (check) {
        // Right: nothing more to do. Wrong at the first try: try again, or see the answer.
        check.hidden = locked;
        el.querySelector('[data-quiz-action="try-again"]').hidden = !held;
        el.querySelector('[data-quiz-action="show-answer"]').hidden = !held;
      }
      var box = el.querySelector("[data-quiz-feedback]");
      box.textContent = "";
      box.hidden = !locked;
      if (!locked) {
        el.removeAttribute("data-quiz-state");
        return;
      }
      var ui = this.ui;
      var head = make("p", "", "bsh-quiz__verdict");
      head.appendChild(make("strong", held ? ui.quiz_first_wrong : verdict(ui, r)));
      var partial = partialText(ui, this.data.lang, it.q, r);
      if (partial) head.appendChild(document.createTextNode(" " + partial));
      box.appendChild(head);
      var explain = function (label, ids, tag) {
        if (label) box.appendChild(make("p")).appendChild(make("strong", label));
        var list = box.appendChild(make(tag, "", "bsh-quiz__explanations"));
        ids.forEach(function (id) {
          list.appendChild(el.querySelector('[data-quiz-explain="' + id + '"]').cloneNode(true));
        });
      };
      if (held) {
        // Teach before telling: why this pick is wrong, not yet what is right.
        el.setAttribute("data-quiz-state", "retry");
        if (it.q.type === "ordering") return;
        if (it.q.type === "multiple") {
          var wrong = chosen.filter(function (id) { return it.q.answer.indexOf(id) < 0; });
          if (wrong.length) explain(ui.quiz_wrong_picks, wrong, "ul");
          var missed = r.total - r.hits;
          if (missed) box.appendChild(make("p", fill(ui.quiz_missed_picks, { n: bsh.number(this.data.lang, missed, 0) })));
          return;
        }
        explain("", chosen, "ul");
        return;
      }
      el.setAttribute("data-quiz-state", r.correct ? "correct" : "incorrect");
      if (it.q.type === "ordering") {
        explain(ui.correct_answer, it.q.answer, "ol");
        return;
      }
      if (r.correct) {
        explain(ui.quiz_your_answer, chosen, "ul");
        return;
      }
      // Wrong: the key, then the wrong picks, then every other option's explanation.
      if (!r.answered) box.appendChild(make("p", ui.quiz_no_answer));
      explain(ui.correct_answer, it.q.answer, "ul");
      var others = it.q.options.filter(function (id) { return it.q.answer.indexOf(id) < 0; });
      var picked = others.filter(function (id) { return chosen.indexOf(id) >= 0; });
      var rest = others.filter(function (id) { return chosen.indexOf(id) < 0; });
      if (picked.length) explain(ui.quiz_your_answer, picked, "ul");
      if (rest.length) explain(ui.quiz_other_options, rest, "ul");
    },

    renderResults: function () {
      var box = this.root.querySelector("[data-quiz-results]");
      var score = box.querySelector("[data-quiz-score]");
      var done = this.finished();
      box.hidden = !done;
      if (!done) {
        score.removeAttribute("data-score");
        score.removeAttribute("data-total");
        return;
      }
      var ui = this.ui;
      var lang = this.data.lang;
      var topics = this.data.topics;
      var s = summarize(this.active.map(function (it) { return it.q; }), this.answers());
      var order = Object.keys(topics); // the course's order, not the sample's, for equal scores
      s.topics.sort(function (a, b) { return order.indexOf(a.id) - order.indexOf(b.id); });
      s.topics = weakestFirst(s.topics);
      score.setAttribute("data-score", String(s.score));
      score.setAttribute("data-total", String(s.total));
      score.textContent = fill(ui.quiz_score, { result: bsh.result(ui, lang, s.score, s.total) });
      var list = box.querySelector("[data-quiz-topics]");
      list.textContent = "";
      s.topics.forEach(function (t) {
        var li = list.appendChild(make("li"));
        li.setAttribute("data-quiz-topic", t.id);
        var a = li.appendChild(make("a", topics[t.id].title));
        a.href = topics[t.id].url;
        li.appendChild(document.createTextNode(": " + bsh.result(ui, lang, t.score, t.total)));
        if (!t.review.length) return;
        li.appendChild(document.createTextNode(" " + ui.quiz_review + " "));
        t.review.forEach(function (rv, i) {
          if (i) li.appendChild(document.createTextNode(", "));
          li.appendChild(make("a", rv.title)).href = rv.url;
        });
      });
      var pass = box.querySelector("[data-quiz-pass]");
      if (pass) {
        var ok = passes(s.score, s.total, this.data.passMark);
        var when = bsh.date(lang, (this.state.last && this.state.last.at) || Date.now());
        pass.setAttribute("data-passed", String(ok));
        pass.textContent = ok ? fill(ui.quiz_passed, { date: when })
          : fill(ui.quiz_not_passed, { date: when, count: passCount(s.total, this.data.passMark), total: s.total });
      }
      var missed = box.querySelector("[data-quiz-missed]");
      if (missed) {
        var answers = this.answers();
        var wrong = this.active.filter(function (it) { return !judge(it.q, answers[it.q.id]).correct; });
        box.querySelector("[data-quiz-missed-section]").hidden = !wrong.length;
        this.links(missed, wrong);
      }
      this.summary = s;
    },

    announce: function (text) {
      var live = this.live;
      live.textContent = "";
      clearTimeout(this.timer);
      // A fresh text after a pause, so that a repeated message is read again.
      this.timer = setTimeout(function () { live.textContent = text; }, 150);
    },

    // Focus on a panel taller than the screen scrolled to its middle: its top goes first.
    reveal: function (el) {
      el.scrollIntoView({ block: "start" });
      el.focus({ preventScroll: true });
    },

    focusFirst: function (it, stay) {
      it = it || this.active[0];
      if (!it) return;
      var target = it.el.querySelector('input:not([type="hidden"]):not(:disabled), [data-quiz-move][aria-disabled="false"]');
      if (target) target.focus({ preventScroll: !!stay });
    },

    itemOf: function (node) {
      var el = node.closest("[data-quiz-question]");
      for (var i = 0; el && i < this.active.length; i++) if (this.active[i].el === el) return this.active[i];
      return null;
    },

    byId: function (id) {
      for (var i = 0; i < this.active.length; i++) if (this.active[i].q.id === id) return this.active[i];
      return null;
    },

    change: function (e) {
      var it = this.itemOf(e.target);
      if (!it || this.judged(it) || this.held(it)) return;
      var chosen = all(it.el, "input:checked").map(function (input) { return input.value; });
      if (chosen.length) this.state.answers[it.q.id] = chosen;
      else delete this.state.answers[it.q.id];
      this.save();
      this.render();
    },

    click: function (e) {
      var goto = e.target.closest("[data-quiz-goto]");
      if (goto && this.root.contains(goto)) {
        // The link jumps to the question, and focus goes to its first answer, ready to choose (a
        // plain jump to the fragment would leave focus on the page).
        var target = this.byId(goto.getAttribute("data-quiz-goto"));
        if (!target) return;
        e.preventDefault();
        target.el.scrollIntoView({ block: "start" });
        if (!this.judged(target)) this.focusFirst(target, true);
        return;
      }
      var button = e.target.closest("button");
      if (!button || !this.root.contains(button)) return;
      var it = this.itemOf(button);
      var move = button.getAttribute("data-quiz-move");
      if (move && it) return this.move(it, button, move);
      var action = button.getAttribute("data-quiz-action");
      if (action === "check") this.check(it);
      else if (action === "try-again" && it) this.tryAgain(it);
      else if (action === "show-answer" && it) this.showAnswer(it);
      else if (action === "start") this.open(true);
      else if (action === "retry") this.restart(false);
      else if (action === "reset" && window.confirm(this.ui.quiz_reset_confirm)) this.restart(true);
      else if (action === "submit") this.submit(false);
      else if (action === "submit-anyway") this.submit(true);
    },

    move: function (it, button, dir) {
      if (this.judged(it) || this.held(it) || button.getAttribute("aria-disabled") === "true") return;
      var li = button.closest("[data-quiz-option]");
      var list = li.parentNode;
      // Move the neighbour rather than the focused item, so focus stays where it is.
      if (dir === "up") list.insertBefore(li.previousElementSibling, li.nextElementSibling);
      else list.insertBefore(li.nextElementSibling, li);
      var now = this.state.answers[it.q.id] = order(it);
      this.save();
      this.render();
      button.focus();
      this.announce(fill(this.ui.quiz_moved, {
        item: li.querySelector(".bsh-quiz__item").textContent,
        position: bsh.number(this.data.lang, now.indexOf(li.getAttribute("data-quiz-option")) + 1, 0),
        total: bsh.number(this.data.lang, now.length, 0)
      }));
    },

    check: function (it) {
      if (!this.response(it).length) {
        var box = it.el.querySelector("[data-quiz-feedback]");
        box.textContent = this.ui.quiz_choose_first; // until the next change renders the question
        box.hidden = false;
        this.announce(box.textContent);
        this.focusFirst(it);
        return;
      }
      var st = this.state;
      var id = it.q.id;
      var r = judge(it.q, this.response(it));
      if (it.q.type === "ordering") st.answers[id] = order(it); // the order shown is the answer
      // Right, or wrong a second time: judged. Wrong the first time: held, to try again.
      if (r.correct || st.tries[id] === 2) {
        st.judged.push(id);
        delete st.tries[id];
      } else {
        st.tries[id] = 1;
      }
      this.render();
      var text = st.tries[id] === 1 ? this.ui.quiz_first_wrong : verdict(this.ui, r);
      if (this.finished()) {
        record(st, this.summary, Date.now());
        this.render();
        text += " " + this.root.querySelector("[data-quiz-score]").textContent;
      }
      this.save();
      it.el.querySelector("[data-quiz-feedback]").focus();
      this.announce(text);
    },

    // After a first wrong try: answer again (a single choice starts blank; a multiple choice and
    // an order keep what was there, to be corrected).
    tryAgain: function (it) {
      var st = this.state;
      st.tries[it.q.id] = 2;
      if (it.q.type === "single" || it.q.type === "true-false") delete st.answers[it.q.id];
      this.save();
      this.render();
      this.focusFirst(it);
    },

    showAnswer: function (it) {
      var st = this.state;
      st.judged.push(it.q.id);
      delete st.tries[it.q.id];
      this.render();
      if (this.finished()) {
        record(st, this.summary, Date.now());
        this.render();
      }
      this.save();
      it.el.querySelector("[data-quiz-feedback]").focus();
    },

    // With questions unanswered, Submit lists them (links); "Submit anyway" submits.
    submit: function (anyway) {
      var panel = this.root.querySelector("[data-quiz-unanswered]");
      if (!anyway && this.answered() < this.active.length) {
        panel.hidden = false;
        this.listUnanswered(panel);
        this.reveal(panel);
        this.announce(panel.querySelector("[data-quiz-unanswered-count]").textContent);
        return;
      }
      panel.hidden = true;
      this.state.submitted = true;
      this.render();
      record(this.state, this.summary, Date.now(), this.data.passMark);
      this.save();
      this.render();
      var results = this.root.querySelector("[data-quiz-results]");
      this.reveal(results);
      this.announce(results.querySelector("[data-quiz-score]").textContent + " " +
        (results.querySelector("[data-quiz-pass]") || { textContent: "" }).textContent);
    },

    // A new attempt (new seed, new draw), keeping the scores; a reset forgets them too (the
    // final test then waits at its start panel again).
    restart: function (forget) {
      var old = this.state;
      this.state = bsh.newQuizState(newSeed());
      if (!forget) {
        this.state.last = old.last;
        this.state.best = old.best;
      }
      var panel = this.root.querySelector("[data-quiz-unanswered]");
      if (panel) panel.hidden = true;
      if (this.bank && forget) {
        this.state.sample = []; // no question: the old attempt's leave the page
        this.arrange();
        this.state.sample = null;
        this.save();
        this.render();
        this.announce(this.ui.quiz_cleared);
        return;
      }
      this.arrange();
      this.save();
      this.render();
      this.focusFirst();
      if (forget) this.announce(this.ui.quiz_cleared);
    }
  };

  // --- start ---------------------------------------------------------------------------------------

  bsh.start("[data-quiz]", "script[data-quiz-data]", function (root, data) {
    if (data) new Quiz(root, data, findBank(root));
    // No usable data: the page keeps its quiz without JavaScript.
  });
})(typeof module === "object" && module.exports ? require("./bsh.js") : window.bsh);
