/* The self-quiz: enhances every [data-quiz] rendered by build_tools/templates/quiz.html.j2.
 *
 * Pure logic first (scoring, seeded shuffling; imported by tests/js in Node), then one Quiz class
 * per quiz element, started once the document is parsed. Needs bsh.js, loaded before it.
 *
 * Data (the quiz's <script type="application/json" data-quiz-data>):
 *   {id, mode: "practice"|"test", lang, sample: questions per attempt (0: all),
 *    topics: {pageId: {title, url}}, ui: {key: text with {placeholders}},
 *    questions: [{id, type, topic, options: [ids], answer: [ids], review?: {title, url}}]}
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

  /** Keeps a finished attempt's result as the last one, and as the best one when it is better. */
  function record(state, result, now) {
    var r = { score: result.score, total: result.total, at: now };
    state.last = r;
    if (!state.best || r.score / r.total > state.best.score / state.best.total) state.best = r;
  }

  var logic = {
    hash: hash, random: random, shuffle: shuffle, optionOrder: optionOrder, pickSample: pickSample,
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
   * A sampled quiz's questions come in a script of their own: window.bshQuizBanks[quiz id] =
   * {question id: HTML of its <li>} (see quiz.html.j2). Each is parsed only when an attempt draws
   * it. Returns {list, html}, null without a bank, or false when the bank's script did not load.
   */
  function findBank(root) {
    var list = root.querySelector("[data-quiz-bank]");
    if (!list) return null;
    var html = (window.bshQuizBanks || {})[root.getAttribute("data-quiz")];
    if (!html || typeof html !== "object") return false;
    return { list: list, html: html };
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
    // Save a new attempt at once, so that a reload shows the same order and sample.
    var fresh = !this.state || (data.sample && !this.state.sample);
    this.state = this.state || bsh.newQuizState(newSeed());
    bsh.enhance(root, "quiz");
    var pending = root.querySelector("[data-quiz-pending]");
    if (pending) pending.parentNode.removeChild(pending); // the attempt's questions take its place
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
    root.addEventListener("click", function (e) { self.click(e); });
    root.addEventListener("change", function (e) { self.change(e); });
  }

  Quiz.prototype = {
    save: function () {
      this.root.querySelector("[data-quiz-nosave]").hidden = save(this.storage, this.data, this.state);
    },

    test: function () {
      return this.data.mode === "test";
    },

    // The attempt's questions in their order, and each question's options in theirs.
    arrange: function () {
      var st = this.state;
      var ids = this.items.map(function (it) { return it.q.id; });
      if (this.data.sample && !st.sample) st.sample = pickSample(ids, this.data.sample, st.seed);
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

    // An ordering question is answered once an item has moved: its shuffled start is no answer.
    response: function (it) {
      var a = this.state.answers[it.q.id] || [];
      return it.q.type === "ordering" && a.length ? order(it) : a;
    },

    answers: function () {
      var out = {};
      this.active.forEach(function (it) { out[it.q.id] = this.response(it); }, this);
      return out;
    },

    answered: function () {
      return this.active.filter(function (it) { return this.response(it).length; }, this).length;
    },

    finished: function () {
      return this.active.every(this.judged, this);
    },

    render: function () {
      // Every question (those left out of a new sample forget the last attempt); a bank's
      // questions are in the page only while drawn.
      (this.bank ? this.active : this.items).forEach(this.renderQuestion, this);
      var ui = this.ui;
      var lang = this.data.lang;
      var st = this.state;
      var history = this.root.querySelector("[data-quiz-history]");
      history.hidden = !st.last;
      if (st.last) {
        history.textContent = fill(ui.quiz_history, {
          last: bsh.result(ui, lang, st.last.score, st.last.total),
          best: bsh.result(ui, lang, st.best.score, st.best.total)
        });
      }
      var progress = this.root.querySelector("[data-quiz-progress]");
      if (progress) {
        progress.parentNode.hidden = st.submitted;
        this.sure = 0;
        // Plain digits (the course's languages all write them): a first Intl formatter is slow.
        progress.textContent = fill(ui.quiz_answered, { answered: this.answered(), total: this.active.length });
      }
      this.renderResults();
    },

    renderQuestion: function (it) {
      var judged = this.judged(it);
      var chosen = this.response(it);
      var el = it.el;
      var r = judge(it.q, chosen);
      all(el, "input").forEach(function (input) {
        input.checked = chosen.indexOf(input.value) >= 0;
        input.disabled = judged;
      });
      all(el, "[data-quiz-option]").forEach(function (li, i) {
        var id = li.getAttribute("data-quiz-option");
        var right = it.q.type === "ordering" ? it.q.answer[i] === id : it.q.answer.indexOf(id) >= 0;
        var mark = !judged ? "" : right ? "right" : it.q.type === "ordering" || chosen.indexOf(id) >= 0 ? "wrong" : "";
        if (mark) li.setAttribute("data-quiz-mark", mark);
        else li.removeAttribute("data-quiz-mark");
      });
      var moves = all(el, "[data-quiz-move]");
      moves.forEach(function (b, i) {
        var edge = b.getAttribute("data-quiz-move") === "up" ? i === 0 : i === moves.length - 1;
        b.setAttribute("aria-disabled", String(edge));
        b.parentNode.hidden = judged;
      });
      var check = el.querySelector('[data-quiz-action="check"]');
      if (check) {
        check.hidden = judged;
        el.querySelector('[data-quiz-action="retry"]').hidden = !judged;
      }
      var box = el.querySelector("[data-quiz-feedback]");
      box.textContent = "";
      box.hidden = !judged;
      if (!judged) {
        el.removeAttribute("data-quiz-state");
        return;
      }
      el.setAttribute("data-quiz-state", r.correct ? "correct" : "incorrect");
      var ui = this.ui;
      var head = make("p", "", "bsh-quiz__verdict");
      head.appendChild(make("strong", verdict(ui, r)));
      var partial = partialText(ui, this.data.lang, it.q, r);
      if (partial) head.appendChild(document.createTextNode(" " + partial));
      box.appendChild(head);
      var explain = function (label, ids, tag) {
        box.appendChild(make("p")).appendChild(make("strong", label));
        var list = box.appendChild(make(tag, "", "bsh-quiz__explanations"));
        ids.forEach(function (id) {
          list.appendChild(el.querySelector('[data-quiz-explain="' + id + '"]').cloneNode(true));
        });
      };
      if (it.q.type === "ordering") {
        explain(ui.correct_answer, it.q.answer, "ol");
        return;
      }
      if (r.answered) explain(ui.quiz_your_answer, chosen, "ul");
      else box.appendChild(make("p", ui.quiz_no_answer));
      if (!r.correct) explain(ui.correct_answer, it.q.answer, "ul");
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
      var order = Object.keys(topics); // the course's order, not the sample's
      s.topics.sort(function (a, b) { return order.indexOf(a.id) - order.indexOf(b.id); });
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
      this.summary = s;
    },

    announce: function (text) {
      var live = this.live;
      live.textContent = "";
      clearTimeout(this.timer);
      // A fresh text after a pause, so that a repeated message is read again.
      this.timer = setTimeout(function () { live.textContent = text; }, 150);
    },

    focusFirst: function (it) {
      it = it || this.active[0];
      var target = it.el.querySelector('input:not([type="hidden"]), [data-quiz-move][aria-disabled="false"]');
      if (target) target.focus();
    },

    itemOf: function (node) {
      var el = node.closest("[data-quiz-question]");
      for (var i = 0; el && i < this.active.length; i++) if (this.active[i].el === el) return this.active[i];
      return null;
    },

    change: function (e) {
      var it = this.itemOf(e.target);
      if (!it || this.judged(it)) return;
      var chosen = all(it.el, "input:checked").map(function (input) { return input.value; });
      if (chosen.length) this.state.answers[it.q.id] = chosen;
      else delete this.state.answers[it.q.id];
      this.save();
      this.render();
    },

    click: function (e) {
      var button = e.target.closest("button");
      if (!button || !this.root.contains(button)) return;
      var it = this.itemOf(button);
      var move = button.getAttribute("data-quiz-move");
      if (move && it) return this.move(it, button, move);
      var action = button.getAttribute("data-quiz-action");
      if (action === "check") this.check(it);
      else if (action === "retry" && it) this.retryQuestion(it);
      else if (action === "retry") this.restart(false);
      else if (action === "reset" && window.confirm(this.ui.quiz_reset_confirm)) this.restart(true);
      else if (action === "submit") this.submit();
    },

    move: function (it, button, dir) {
      if (this.judged(it) || button.getAttribute("aria-disabled") === "true") return;
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
      this.state.judged.push(it.q.id);
      this.render();
      var text = verdict(this.ui, judge(it.q, this.response(it)));
      if (this.finished()) {
        record(this.state, this.summary, Date.now());
        this.render();
        text += " " + this.root.querySelector("[data-quiz-score]").textContent;
      }
      this.save();
      it.el.querySelector("[data-quiz-feedback]").focus();
      this.announce(text);
    },

    retryQuestion: function (it) {
      var st = this.state;
      st.judged = st.judged.filter(function (id) { return id !== it.q.id; });
      delete st.answers[it.q.id];
      var list = it.el.querySelector("[data-quiz-option]").parentNode;
      optionOrder(it.q, st.seed).forEach(function (oid) {
        list.appendChild(list.querySelector('[data-quiz-option="' + oid + '"]'));
      });
      this.save();
      this.render();
      this.focusFirst(it);
    },

    // With questions unanswered, the first press says how many; a second one submits.
    submit: function () {
      var left = this.active.length - this.answered();
      if (left && !this.sure) {
        this.sure = 1;
        var progress = this.root.querySelector("[data-quiz-progress]");
        progress.textContent = fill(this.ui.quiz_unanswered, { left: left, total: this.active.length });
        this.announce(progress.textContent);
        return;
      }
      this.state.submitted = true;
      this.render();
      record(this.state, this.summary, Date.now());
      this.save();
      this.render();
      var results = this.root.querySelector("[data-quiz-results]");
      results.focus();
      this.announce(results.querySelector("[data-quiz-score]").textContent);
    },

    // A new attempt (new seed, new sample), keeping the scores; a reset forgets them too.
    restart: function (forget) {
      var old = this.state;
      this.state = bsh.newQuizState(newSeed());
      if (!forget) {
        this.state.last = old.last;
        this.state.best = old.best;
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
    var bank = findBank(root);
    if (data && bank !== false) {
      new Quiz(root, data, bank);
      return;
    }
    // No usable data or bank: the page keeps its no-JavaScript quiz; a bank's quiz shows the
    // links of its <noscript> instead of a test that cannot run.
    var fallback = root.querySelector("noscript");
    var pending = root.querySelector("[data-quiz-pending]");
    if (bank !== null && fallback && pending) {
      pending.innerHTML = fallback.textContent;
      pending.className = "";
    }
  });
})(typeof module === "object" && module.exports ? require("./bsh.js") : window.bsh);
