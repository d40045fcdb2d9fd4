/* The self-assessment "Where do you stand with this customer?": enhances the [data-assessment]
 * element rendered by build_tools/templates/assessment.html.j2.
 *
 * Pure logic first (scoring, validation of imported data, merging; imported by tests/js in
 * Node), then one Assessment class per root element, started once the document is parsed. Needs
 * bsh.js, loaded before it, which also reads the saved data (bsh.parseAssessments).
 *
 * The statements and their levels are read from the page (fieldsets [data-assessment-level]
 * holding [data-assessment-statement]); the strings from <script data-assessment-data>.
 *
 * Saved state: localStorage["bsh-assessment:v1"] = JSON {v: 1, customers: [Customer]}
 *   Customer = {id, name, created, updated, level, low, high, people: [Person]}
 *   Person   = {id, name, updated, ratings: {statementId: 0-3}}
 *   created/updated are ISO 8601 dates; level/low/high are the last result (null when nobody is
 *   rated yet) and are recomputed from the ratings whenever the page shows the customer.
 * Export file: {format: "bsh-assessment", version: 1, exported, customers: [Customer]}
 */
(function (bsh) {
  "use strict";

  if (!bsh) return; // bsh.js did not load: the page keeps its form without JavaScript
  var VERSION = bsh.ASSESSMENT_VERSION;
  var KEY = bsh.ASSESSMENT_KEY;
  var FORMAT = "bsh-assessment";
  var MAX_POINTS = bsh.MAX_POINTS;
  var THRESHOLD = 2; // a level is reached when its statements average at least this
  var MAX_FILE = 2 * 1024 * 1024;
  var isPoints = bsh.isPoints;
  var isObject = bsh.isObject;
  var all = bsh.all;
  var make = bsh.make;
  var fill = bsh.fill;

  // --- pure logic: scoring -----------------------------------------------------------------------
  // A statement is rated 0-3 or answered "don't know"; a "don't know" counts as neither yes nor no.
  // A level is reached when its known answers average at least THRESHOLD (a level nobody could
  // answer is not reached: nothing shows it). A person's level is the highest level reached with at
  // most one level below it not reached (at least 1): one weak level does not pull a profile that is
  // strong above it to the bottom, but such a profile is flagged "inconsistent", naming the answers
  // that disagree: those that keep a level below it from being reached, and those that reach a
  // level above it.

  function known(ids, ratings, unknown) {
    return ids.filter(function (id) { return !(unknown && unknown.indexOf(id) >= 0); });
  }

  /** Average points of a level's known statements (unanswered count as 0); null if none is known. */
  function average(ids, ratings, unknown) {
    var counted = known(ids, ratings, unknown);
    if (!counted.length) return null;
    var sum = 0;
    counted.forEach(function (id) {
      var r = ratings[id];
      if (isPoints(r)) sum += r;
    });
    return sum / counted.length;
  }

  /**
   * Per level: the average points (null: all "don't know") and whether the level is reached.
   * structure: [{level: 1, statements: [ids]}, …] in order 1 to 5.
   */
  function levelScores(structure, ratings, unknown) {
    return structure.map(function (lv) {
      var avg = average(lv.statements, ratings || {}, unknown || []);
      return { level: lv.level, average: avg, reached: avg !== null && avg >= THRESHOLD };
    });
  }

  /**
   * A person's profile: {level, scores, inconsistent, below: [levels under the level not reached],
   * above: [levels over the level reached], disagree: [statement ids]}.
   */
  function profile(structure, ratings, unknown) {
    ratings = ratings || {};
    unknown = unknown || [];
    var scores = levelScores(structure, ratings, unknown);
    var level = 1;
    for (var i = scores.length - 1; i >= 0; i--) {
      var missed = scores.slice(0, i).filter(function (sc) { return !sc.reached; }).length;
      if (scores[i].reached && missed <= 1) {
        level = scores[i].level;
        break;
      }
    }
    var below = scores.filter(function (sc) { return sc.level < level && !sc.reached; }).map(function (sc) { return sc.level; });
    var above = scores.filter(function (sc) { return sc.level > level && sc.reached; }).map(function (sc) { return sc.level; });
    var disagree = [];
    structure.forEach(function (lv) {
      var low = below.indexOf(lv.level) >= 0;
      var high = above.indexOf(lv.level) >= 0;
      if (!low && !high) return;
      known(lv.statements, ratings, unknown).forEach(function (id) {
        var r = isPoints(ratings[id]) ? ratings[id] : 0;
        if ((low && r < THRESHOLD) || (high && r >= THRESHOLD)) disagree.push(id);
      });
    });
    return { level: level, scores: scores, inconsistent: below.length + above.length > 0, below: below, above: above, disagree: disagree };
  }

  /** A person's level (see profile). */
  function personLevel(structure, ratings, unknown) {
    return profile(structure, ratings, unknown).level;
  }

  /** The group's level: the median; with an even count, the lower of the two middle levels. */
  function groupLevel(levels) {
    if (!levels.length) return null;
    var sorted = levels.slice().sort(function (a, b) { return a - b; });
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }

  /**
   * The result for a customer: every person's level and profile, the group level, the spread, the
   * gap to the next level (statements of that level, and of level 1 when the group is at level 1,
   * that someone rated below the threshold, with who), and the questions ("don't know" answers)
   * per person, in the order of the levels.
   */
  function summarize(structure, people) {
    var rows = people.map(function (p) {
      var pr = profile(structure, p.ratings, p.unknown);
      return {
        id: p.id, name: p.name, level: pr.level, scores: pr.scores, inconsistent: pr.inconsistent,
        below: pr.below, above: pr.above, disagree: pr.disagree,
        questions: structure.reduce(function (out, lv) {
          return out.concat(lv.statements.filter(function (id) { return (p.unknown || []).indexOf(id) >= 0; }));
        }, []),
        plan: p.plan || null
      };
    });
    var levels = rows.map(function (r) { return r.level; });
    var level = groupLevel(levels);
    var gaps = [];
    if (level !== null && level < 5) {
      var wanted = level === 1 ? [1, 2] : [level + 1];
      structure.forEach(function (lv) {
        if (wanted.indexOf(lv.level) < 0) return;
        lv.statements.forEach(function (id) {
          var who = people.filter(function (p) {
            if ((p.unknown || []).indexOf(id) >= 0) return false; // a question, not a gap
            var r = p.ratings[id];
            return !isPoints(r) || r < THRESHOLD;
          }).map(function (p) { return p.name; });
          if (who.length) gaps.push({ id: id, level: lv.level, who: who });
        });
      });
    }
    return {
      level: level,
      low: levels.length ? Math.min.apply(null, levels) : null,
      high: levels.length ? Math.max.apply(null, levels) : null,
      people: rows,
      gaps: gaps
    };
  }

  /** The ids of the statements with neither points nor "don't know". */
  function unanswered(structure, ratings, unknown) {
    var out = [];
    structure.forEach(function (lv) {
      lv.statements.forEach(function (id) {
        if (!isPoints(ratings[id]) && !(unknown && unknown.indexOf(id) >= 0)) out.push(id);
      });
    });
    return out;
  }

  /** The tools the course names for moving from level now to target (toolbox "serves" n: n → n+1). */
  function toolsFor(tools, now, target) {
    var from = Math.min(now || 1, 4);
    var to = target && target > from ? Math.min(target - 1, 4) : from;
    return tools.filter(function (t) { return t.serves >= from && t.serves <= to; });
  }

  // --- pure logic: the account plan as CSV -------------------------------------------------------

  /** One CSV field (RFC 4180): quoted when it holds a quote, comma, semicolon or line break; a
   *  text that a spreadsheet would run as a formula gets a leading apostrophe. */
  function csvField(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",;\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** The rows (arrays of texts) as a CSV file's text: a byte-order mark, so Excel reads UTF-8,
   *  and CRLF line ends. */
  function makeCsv(rows) {
    return "\uFEFF" + rows.map(function (row) { return row.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  // --- pure logic: import and export -------------------------------------------------------------

  /**
   * Validate the text of an export file. Nothing is partial: one bad customer rejects the file.
   * Returns {ok: true, customers} or {ok: false, error, n} with error one of
   * "not-json" | "wrong-file" | "old-version" | "new-version" | "damaged" (n: the 1-based customer)
   * | "empty".
   */
  function parseExport(text) {
    var data;
    try {
      data = JSON.parse(String(text).replace(/^\uFEFF/, ""));
    } catch (e) {
      return { ok: false, error: "not-json" };
    }
    if (!isObject(data) || data.format !== FORMAT) return { ok: false, error: "wrong-file" };
    if (typeof data.version !== "number" || data.version % 1 !== 0) return { ok: false, error: "damaged", n: 0 };
    if (data.version < VERSION) return { ok: false, error: "old-version" };
    if (data.version > VERSION) return { ok: false, error: "new-version" };
    if (!Array.isArray(data.customers) || data.customers.length > bsh.MAX_ITEMS) return { ok: false, error: "damaged", n: 0 };
    if (!data.customers.length) return { ok: false, error: "empty" };
    var out = [];
    var seen = {};
    for (var i = 0; i < data.customers.length; i++) {
      var c = bsh.checkCustomer(data.customers[i]);
      if (!c || seen[c.id]) return { ok: false, error: "damaged", n: i + 1 };
      seen[c.id] = true;
      out.push(c);
    }
    return { ok: true, customers: out };
  }

  /** The export file's text for the given customers. */
  function makeExport(customers, now) {
    return JSON.stringify({ format: FORMAT, version: VERSION, exported: now, customers: customers }, null, 1);
  }

  /**
   * Imported customers into the saved ones: a new id is added, a newer copy replaces an older
   * one, anything else is kept as it is. Returns {customers, added, updated, kept}.
   */
  function merge(existing, incoming) {
    var out = existing.slice();
    var index = {};
    out.forEach(function (c, i) { index[c.id] = i; });
    var counts = { added: 0, updated: 0, kept: 0 };
    incoming.forEach(function (c) {
      if (!(c.id in index)) {
        index[c.id] = out.length;
        out.push(c);
        counts.added++;
      } else if (Date.parse(c.updated) > Date.parse(out[index[c.id]].updated)) {
        out[index[c.id]] = c;
        counts.updated++;
      } else {
        counts.kept++;
      }
    });
    return { customers: out, added: counts.added, updated: counts.updated, kept: counts.kept };
  }

  var logic = {
    VERSION: VERSION, KEY: KEY, FORMAT: FORMAT, THRESHOLD: THRESHOLD, MAX_POINTS: MAX_POINTS, MAX_FILE: MAX_FILE,
    average: average, levelScores: levelScores, profile: profile, personLevel: personLevel, groupLevel: groupLevel,
    summarize: summarize, unanswered: unanswered, toolsFor: toolsFor, csvField: csvField, makeCsv: makeCsv,
    parseExport: parseExport, makeExport: makeExport, merge: merge
  };
  if (typeof module === "object" && module.exports) module.exports = logic;
  if (typeof document === "undefined") return;

  // --- the widget ---------------------------------------------------------------------------------

  function newId(prefix) {
    var bytes = new Uint8Array(6);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return prefix + Date.now().toString(36) + Array.prototype.map.call(bytes, function (b) {
      return (b % 36).toString(36);
    }).join("");
  }

  var PLAN_FIELDS = ["role", "evidence", "action", "owner", "due"]; // text inputs [data-assessment-plan-field]

  function Assessment(root, data) {
    this.root = root;
    this.data = data;
    this.ui = data.ui;
    this.lang = data.lang || document.documentElement.lang || "en";
    this.form = root.querySelector("[data-assessment-form]");
    this.customerInput = root.querySelector("[data-assessment-customer]");
    this.personInput = root.querySelector("[data-assessment-person]");
    this.fileInput = root.querySelector("[data-assessment-file]");
    this.result = root.querySelector("[data-assessment-result]");
    // The levels and their statements in the content's order (the form shows them interleaved).
    this.structure = data.levels.map(function (lv) {
      return { level: lv.level, statements: lv.statements.map(function (st) { return st.id; }) };
    });
    this.statements = {};
    var self = this;
    data.levels.forEach(function (lv) {
      lv.statements.forEach(function (st) { self.statements[st.id] = { level: lv.level, text: st.text, question: st.question }; });
    });
    this.customerId = null;
    this.personId = null;
    this.dirty = false; // typed into since the form was opened or saved
    this.storage = bsh.storage();
    this.session = bsh.storage("sessionStorage");
    this.load();

    root.addEventListener("click", function (e) { self.click(e); });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.submit();
    });
    this.form.addEventListener("input", function (e) { self.typed(e); });
    this.form.addEventListener("change", function (e) { self.typed(e); });
    root.querySelector("[data-assessment-plan-target]").addEventListener("change", function () { self.renderNow(); });
    this.fileInput.addEventListener("change", function () { self.importFile(); });
    window.addEventListener("storage", function (e) { self.elsewhere(e); });

    bsh.enhance(root, "assessment");

    // What this tab showed before a reload (its draft slot), else the customer in the address.
    var slot = bsh.read(this.session, bsh.OPEN_KEY);
    var drafts = this.drafts();
    var wanted = /^#customer=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
    if (slot && bsh.SLOT.test(slot) && drafts[slot]) {
      this.restore(slot, drafts[slot]);
    } else if (wanted && this.find(wanted[1])) {
      this.open(wanted[1], false, true);
    } else {
      this.blank(null);
    }
    this.showNoSave(!!this.storage);
    this.render();
  }

  Assessment.prototype = {
    // --- saved data

    load: function () {
      var raw = bsh.read(this.storage, KEY);
      var parsed = bsh.parseAssessments(raw);
      // Keep what could not be read, so that saving over it loses nothing for good.
      if (parsed.damaged) {
        bsh.write(this.storage, KEY + ":damaged", raw);
        this.damaged = true;
      }
      this.customers = parsed.customers;
    },

    save: function () {
      return bsh.write(this.storage, KEY, JSON.stringify({ v: VERSION, customers: this.customers }));
    },

    /** Another tab's changes, read in before this tab writes, so that neither overwrites the other. */
    fresh: function () {
      if (this.storage) this.load();
    },

    find: function (id) {
      for (var i = 0; i < this.customers.length; i++) if (this.customers[i].id === id) return this.customers[i];
      return null;
    },

    current: function () {
      return this.customerId ? this.find(this.customerId) : null;
    },

    person: function (customer, id) {
      return (customer && id && customer.people.filter(function (p) { return p.id === id; })[0]) || null;
    },

    // --- drafts: every form as it is typed, kept until it is saved or thrown away

    drafts: function () {
      var raw = bsh.read(this.storage, bsh.DRAFTS_KEY);
      var parsed = bsh.parseDrafts(raw);
      if (parsed.damaged && !this.draftsKept) {
        // As for the saved customers: a copy of what could not be read, before it is written over.
        bsh.write(this.storage, bsh.DRAFTS_KEY + ":damaged", raw);
        this.draftsKept = true;
        this.damaged = true;
      }
      return this.storage ? parsed.drafts : (this.memory || (this.memory = {}));
    },

    writeDrafts: function (drafts) {
      if (!this.storage) {
        this.memory = drafts;
        return;
      }
      bsh.write(this.storage, bsh.DRAFTS_KEY, JSON.stringify({ v: 1, drafts: drafts }));
    },

    /** The form this tab shows: a slot of its own, remembered for a reload of this tab. */
    setSlot: function (customerId, personId) {
      this.customerId = customerId;
      this.personId = personId;
      this.slot = (customerId || newId("n")) + "/" + (personId || newId("n"));
      if (!customerId) this.newCustomerSlot = this.slot.split("/")[0];
      bsh.write(this.session, bsh.OPEN_KEY, this.slot);
      this.remember();
    },

    /** The form's answers and plan. */
    answers: function () {
      var ratings = {};
      var unknown = [];
      var form = this.form;
      this.structure.forEach(function (lv) {
        lv.statements.forEach(function (id) {
          var checked = form.querySelector('input[name="bsh-as-' + id + '"]:checked');
          if (!checked) return;
          if (checked.value === "unknown") unknown.push(id);
          else ratings[id] = Number(checked.value);
        });
      });
      return { ratings: ratings, unknown: unknown, plan: this.readPlan() };
    },

    readPlan: function () {
      var plan = bsh.newPlan();
      var root = this.root;
      PLAN_FIELDS.forEach(function (k) {
        var el = root.querySelector('[data-assessment-plan-field="' + k + '"]');
        plan[k] = el ? el.value.slice(0, 2000) : "";
      });
      if (!bsh.isDay(plan.due)) plan.due = "";
      var influence = root.querySelector('input[name="bsh-plan-influence"]:checked');
      plan.influence = influence ? influence.value : "";
      var target = Number(root.querySelector("[data-assessment-plan-target]").value);
      plan.target = target >= 1 && target <= 5 ? target : null;
      plan.tool = root.querySelector("[data-assessment-plan-tool]").value || "";
      return plan;
    },

    writeForm: function (ratings, unknown, plan) {
      all(this.form, 'input[name^="bsh-as-"]').forEach(function (input) {
        var id = input.name.replace(/^bsh-as-/, "");
        input.checked = input.value === "unknown" ? unknown.indexOf(id) >= 0
          : ratings[id] !== undefined && String(ratings[id]) === input.value;
      });
      plan = plan || bsh.newPlan();
      var root = this.root;
      PLAN_FIELDS.forEach(function (k) {
        var el = root.querySelector('[data-assessment-plan-field="' + k + '"]');
        if (el) el.value = plan[k] || "";
      });
      all(root, 'input[name="bsh-plan-influence"]').forEach(function (input) { input.checked = input.value === plan.influence; });
      root.querySelector("[data-assessment-plan-target]").value = plan.target ? String(plan.target) : "";
      this.renderTools(plan.tool);
      all(this.form, "[data-assessment-statement]").forEach(function (fs) { this.mark(fs, false); }, this);
      this.renderNow();
    },

    /** Whether the form holds anything a person typed or chose, beyond the customer's name. */
    hasWork: function () {
      var a = this.answers();
      return Object.keys(a.ratings).length > 0 || a.unknown.length > 0 || bsh.hasPlan(a.plan) ||
        (!this.personId && this.personInput.value.trim() !== "");
    },

    typed: function (e) {
      if (e.target === this.fileInput) return;
      this.dirty = true;
      var fs = e.target.closest && e.target.closest("[data-assessment-statement]");
      if (fs && fs.querySelector("input:checked")) this.mark(fs, false);
      if (fs || e.target.name === "bsh-plan-influence") this.renderNow();
      this.keepDraft();
    },

    keepDraft: function () {
      var drafts = this.drafts();
      var a = this.answers();
      var typedName = this.customerInput.value.trim() !== "" && !this.customerId;
      if (this.hasWork() || typedName) {
        this.stamp = new Date().toISOString();
        drafts[this.slot] = {
          customerId: this.customerId, customer: this.customerInput.value.slice(0, bsh.MAX_NAME),
          personId: this.personId, person: this.personInput.value.slice(0, bsh.MAX_NAME),
          ratings: a.ratings, unknown: a.unknown, plan: a.plan, updated: this.stamp
        };
      } else {
        delete drafts[this.slot];
      }
      this.writeDrafts(drafts);
      this.renderDrafts();
    },

    dropDraft: function (slot) {
      var drafts = this.drafts();
      delete drafts[slot];
      this.writeDrafts(drafts);
    },

    restore: function (slot, d) {
      var customerId = d.customerId && this.find(d.customerId) ? d.customerId : null;
      var personId = customerId && this.person(this.find(customerId), d.personId) ? d.personId : null;
      this.customerId = customerId;
      this.personId = personId;
      this.slot = slot;
      bsh.write(this.session, bsh.OPEN_KEY, slot);
      this.remember();
      this.customerInput.value = d.customer;
      this.personInput.value = d.person;
      this.writeForm(d.ratings, d.unknown, d.plan);
      this.dirty = true;
      this.stamp = d.updated;
    },

    /** Before the form is replaced: true when there is nothing to lose, or the learner agrees. The
     *  draft stays either way; this only asks whether to leave it. */
    mayLeave: function () {
      if (!this.dirty || !this.hasWork()) return true;
      var name = this.personInput.value.trim() || this.customerInput.value.trim() || this.ui.as_draft_untitled;
      return window.confirm(fill(this.ui.as_leave_confirm, { name: name }));
    },

    // --- actions

    click: function (e) {
      var target = e.target.closest("button");
      if (!target || !this.root.contains(target)) return;
      var action = target.getAttribute("data-assessment-action");
      if (action === "new") this.reset(true);
      else if (action === "export") this.exportFile();
      else if (action === "import") this.fileInput.click();
      else if (action === "add-person") this.newPerson(true);
      else if (action === "print") window.print();
      else if (action === "csv") this.exportCsv();
      else if (target.hasAttribute("data-assessment-open")) this.open(target.getAttribute("data-assessment-open"), true);
      else if (target.hasAttribute("data-assessment-delete")) this.remove(target.getAttribute("data-assessment-delete"));
      else if (target.hasAttribute("data-assessment-edit")) this.editPerson(target.getAttribute("data-assessment-edit"));
      else if (target.hasAttribute("data-assessment-unrate")) this.removePerson(target.getAttribute("data-assessment-unrate"));
      else if (target.hasAttribute("data-assessment-resume")) this.resume(target.getAttribute("data-assessment-resume"));
      else if (target.hasAttribute("data-assessment-discard")) this.discard(target.getAttribute("data-assessment-discard"));
    },

    mark: function (fs, missing) {
      fs.classList.toggle("bsh-assessment__statement--missing", missing);
      var note = fs.querySelector("[data-assessment-missing]");
      if (note) note.hidden = !missing;
    },

    submit: function () {
      var name = this.customerInput.value.trim();
      if (!name) {
        this.sayForm(this.ui.as_need_customer, true);
        this.customerInput.focus();
        return;
      }
      var a = this.answers();
      var missing = unanswered(this.structure, a.ratings, a.unknown);
      var self = this;
      all(this.form, "[data-assessment-statement]").forEach(function (fs) {
        self.mark(fs, missing.indexOf(fs.getAttribute("data-assessment-statement")) >= 0);
      });
      if (missing.length) {
        this.sayForm(fill(this.ui.as_need_answers, { count: this.number(missing.length, 0) }), true);
        // The first one in the order the form shows them.
        var first = all(this.form, "[data-assessment-statement]").filter(function (fs) {
          return missing.indexOf(fs.getAttribute("data-assessment-statement")) >= 0;
        })[0];
        if (first) {
          // In the middle of the screen: the sticky buttons at the bottom must not hide it.
          first.scrollIntoView({ block: "center" });
          first.querySelector("input").focus({ preventScroll: true });
        }
        return;
      }
      this.fresh(); // another tab may have saved since: keep its work
      var now = new Date().toISOString();
      var customer = this.current();
      // The open customer's name typed over: a rename only when the learner says so; otherwise
      // these ratings become a new customer and the open one stays as it was.
      if (customer && customer.name.toLocaleLowerCase() !== name.toLocaleLowerCase() &&
          !window.confirm(fill(this.ui.as_rename_confirm, { old: customer.name, name: name }))) {
        customer = null;
        this.personId = null;
      }
      if (!customer) {
        customer = { id: newId("c"), name: name, created: now, updated: now, level: null, low: null, high: null, people: [] };
        this.customers.push(customer);
      }
      customer.name = name;
      var personName = this.personInput.value.trim() || this.defaultName(customer);
      var person = this.person(customer, this.personId);
      if (!person) {
        var key = personName.toLocaleLowerCase();
        person = customer.people.filter(function (p) { return p.name.toLocaleLowerCase() === key; })[0] || null;
        if (person && !window.confirm(fill(this.ui.as_replace_confirm, { name: person.name }))) {
          this.personInput.focus();
          return;
        }
      }
      if (!person) {
        person = { id: newId("p"), name: personName, updated: now, ratings: {}, unknown: [], plan: bsh.newPlan() };
        customer.people.push(person);
      }
      person.name = personName;
      person.ratings = a.ratings;
      person.unknown = a.unknown;
      person.plan = a.plan;
      person.updated = now;
      customer.updated = now;
      this.refresh(customer);
      var saved = this.save();
      var oldSlot = this.slot;
      this.setSlot(customer.id, person.id);
      this.dropDraft(oldSlot);
      this.dirty = false;
      this.personInput.value = personName;
      this.showNoSave(saved);
      this.render();
      this.result.focus();
      this.sayForm(saved ? this.ui.as_saved : this.ui.as_no_storage, !saved);
    },

    /** Recompute the stored result of a customer from its ratings. */
    refresh: function (customer) {
      var s = summarize(this.structure, customer.people);
      customer.level = s.level;
      customer.low = s.low;
      customer.high = s.high;
      return s;
    },

    defaultName: function (customer) {
      var n = customer.people.length + 1;
      var names = customer.people.map(function (p) { return p.name; });
      while (names.indexOf(fill(this.ui.as_person_default, { n: n })) >= 0) n++;
      return fill(this.ui.as_person_default, { n: n });
    },

    /** The open customer in the address (#customer=<id>), so that a bookmark opens it. */
    remember: function () {
      var url = location.pathname + location.search + (this.customerId ? "#customer=" + this.customerId : "");
      try {
        history.replaceState(history.state, "", url);
      } catch (e) { /* a sandboxed frame: the address stays as it is */ }
    },

    /** An empty form for a new person of the given customer (null: a new customer). */
    blank: function (customerId) {
      this.setSlot(customerId, null);
      this.personInput.value = "";
      this.writeForm({}, [], null);
      this.dirty = false;
    },

    reset: function (focus) {
      if (focus && !this.mayLeave()) return;
      this.customerInput.value = "";
      this.blank(null);
      this.render();
      this.say("");
      this.sayForm("");
      if (focus) this.customerInput.focus();
    },

    newPerson: function (focus) {
      if (focus && !this.mayLeave()) return;
      this.blank(this.customerId);
      this.renderEditing();
      this.renderDrafts();
      if (focus) {
        this.sayForm("");
        this.personInput.focus();
      }
    },

    open: function (id, focus, quiet) {
      var customer = this.find(id);
      if (!customer || (!quiet && !this.mayLeave())) return;
      this.customerInput.value = customer.name;
      this.blank(id);
      this.say("");
      this.render();
      if (focus) (this.result.hidden ? this.customerInput : this.result).focus();
    },

    resume: function (slot) {
      var d = this.drafts()[slot];
      if (!d || (slot !== this.slot && !this.mayLeave())) return;
      this.restore(slot, d);
      this.render();
      this.personInput.focus();
    },

    discard: function (slot) {
      var d = this.drafts()[slot];
      if (!d || !window.confirm(fill(this.ui.as_discard_confirm, { name: this.draftName(d) }))) return;
      this.dropDraft(slot);
      if (slot === this.slot) {
        if (!this.customerId) this.customerInput.value = "";
        this.blank(this.customerId);
      }
      this.render();
      this.say(fill(this.ui.as_discarded, { name: this.draftName(d) }));
      this.root.querySelector('[data-assessment-action="new"]').focus();
    },

    remove: function (id) {
      var customer = this.find(id);
      if (!customer || !window.confirm(fill(this.ui.as_delete_confirm, { name: customer.name }))) return;
      this.fresh();
      this.customers = this.customers.filter(function (c) { return c.id !== id; });
      var drafts = this.drafts();
      Object.keys(drafts).forEach(function (slot) { if (drafts[slot].customerId === id) delete drafts[slot]; });
      this.writeDrafts(drafts);
      if (this.customerId === id) {
        this.customerInput.value = "";
        this.blank(null);
      }
      this.save();
      this.render();
      this.say(fill(this.ui.as_deleted, { name: customer.name }));
      var next = this.root.querySelector("[data-assessment-list] button") || this.root.querySelector('[data-assessment-action="new"]');
      next.focus();
    },

    editPerson: function (id) {
      var customer = this.current();
      var person = this.person(customer, id);
      if (!person || (id !== this.personId && !this.mayLeave())) return;
      var slot = customer.id + "/" + id;
      var draft = this.drafts()[slot];
      if (draft) {
        this.restore(slot, draft);
      } else {
        this.setSlot(customer.id, id);
        this.personInput.value = person.name;
        this.writeForm(person.ratings, person.unknown || [], person.plan);
        this.dirty = false;
      }
      this.renderEditing();
      this.renderDrafts();
      this.sayForm("");
      this.personInput.focus();
    },

    removePerson: function (id) {
      var customer = this.current();
      var person = this.person(customer, id);
      if (!person || !window.confirm(fill(this.ui.as_remove_confirm, { name: person.name }))) return;
      this.fresh();
      customer = this.current();
      if (!customer) return this.render();
      customer.people = customer.people.filter(function (p) { return p.id !== id; });
      customer.updated = new Date().toISOString();
      this.dropDraft(customer.id + "/" + id);
      if (this.personId === id) this.blank(customer.id);
      this.refresh(customer);
      this.save();
      this.render();
      this.personInput.focus();
    },

    /** A change another tab made: saved customers, or a draft this tab shows too. */
    elsewhere: function (e) {
      if (e.key === KEY || e.key === null) {
        this.load();
        if (this.customerId && !this.find(this.customerId)) {
          // Deleted there: what is typed here stays, as a form for a new customer.
          this.customerId = null;
          this.personId = null;
          this.keepDraft();
        }
        this.render();
      }
      if (e.key === bsh.DRAFTS_KEY || e.key === null) {
        var d = this.drafts()[this.slot];
        if (d && d.updated !== this.stamp) {
          this.restore(this.slot, d); // the same person typed into in another tab
          this.renderEditing();
        }
        this.renderDrafts();
      }
    },

    exportFile: function () {
      if (!this.customers.length) {
        this.say(this.ui.as_export_empty, true);
        return;
      }
      var now = new Date();
      var name = this.ui.as_export_file + "-" + now.toISOString().slice(0, 10) + ".json";
      this.download(name, makeExport(this.customers, now.toISOString()), "application/json");
      this.say(fill(this.ui.as_exported, { file: name }));
    },

    /** The open customer's account plan, one row per person, as CSV. */
    exportCsv: function () {
      var customer = this.current();
      if (!customer) return;
      var s = summarize(this.structure, customer.people);
      var ui = this.ui;
      var self = this;
      var rows = [[ui.as_col_customer, ui.as_col_person, ui.as_plan_role, ui.as_plan_influence, ui.as_plan_now,
        ui.as_plan_target, ui.as_plan_evidence, ui.as_plan_action, ui.as_plan_tool, ui.as_plan_owner, ui.as_plan_due,
        ui.as_questions_heading]];
      s.people.forEach(function (p) {
        var plan = p.plan || bsh.newPlan();
        rows.push([customer.name, p.name, plan.role, plan.influence ? ui["as_influence_" + plan.influence] : "",
          self.levelName(p.level), plan.target ? self.levelName(plan.target) : "", plan.evidence, plan.action,
          self.toolName(plan.tool), plan.owner, plan.due,
          p.questions.map(function (id) { return self.statements[id].question; }).join("\n")]);
      });
      var name = this.ui.as_plan_file + "-" + new Date().toISOString().slice(0, 10) + ".csv";
      this.download(name, makeCsv(rows), "text/csv;charset=utf-8");
      this.say(fill(this.ui.as_exported, { file: name }));
    },

    download: function (name, text, type) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: type }));
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    },

    importFile: function () {
      var file = this.fileInput.files && this.fileInput.files[0];
      this.fileInput.value = "";
      if (!file) return;
      if (file.size > MAX_FILE) {
        this.say(this.ui.as_import_too_big, true);
        return;
      }
      var self = this;
      var reader = new FileReader();
      reader.onload = function () { self.importText(String(reader.result)); };
      reader.onerror = function () { self.say(self.ui.as_import_not_json, true); };
      reader.readAsText(file);
    },

    importText: function (text) {
      var parsed = parseExport(text);
      if (!parsed.ok) {
        var key = {
          "not-json": "as_import_not_json", "wrong-file": "as_import_wrong", "old-version": "as_import_old",
          "new-version": "as_import_newer", damaged: "as_import_damaged", empty: "as_import_empty"
        }[parsed.error];
        this.say(fill(this.ui[key], { n: this.number(parsed.n || 1, 0) }), true);
        return;
      }
      // Another tab may have saved in the meantime; without storage, what is here is all there is.
      this.fresh();
      var merged = merge(this.customers, parsed.customers);
      var self = this;
      merged.customers.forEach(function (c) { self.refresh(c); });
      this.customers = merged.customers;
      // Not saved (storage blocked or full): the import still shows, for this visit, as rating does.
      var saved = this.save();
      this.showNoSave(saved);
      if (this.customerId && !this.find(this.customerId)) this.blank(null);
      this.render();
      var done = fill(this.ui.as_imported, {
        added: this.number(merged.added, 0), updated: this.number(merged.updated, 0), kept: this.number(merged.kept, 0)
      });
      this.say(saved ? done : done + " " + this.ui.as_no_storage, !saved);
    },

    // --- rendering

    showNoSave: function (saved) {
      var box = this.root.querySelector("[data-assessment-nosave]");
      box.hidden = saved;
      var damaged = this.root.querySelector("[data-assessment-damaged]");
      if (damaged) damaged.hidden = !this.damaged;
    },

    say: function (text, error) {
      var box = this.root.querySelector("[data-assessment-message]");
      box.textContent = text || "";
      box.classList.toggle("bsh-assessment__message--error", !!error);
    },

    /** A message about the form, next to its buttons. */
    sayForm: function (text, error) {
      var box = this.root.querySelector("[data-assessment-form-message]");
      box.textContent = text || "";
      box.classList.toggle("bsh-assessment__message--error", !!error);
    },

    number: function (x, digits) {
      return bsh.number(this.lang, x, digits, digits);
    },

    date: function (iso) {
      return bsh.date(this.lang, iso);
    },

    levelName: function (n) {
      var lv = this.data.levels.filter(function (l) { return l.level === n; })[0];
      var label = fill(this.ui.level_n, { n: n });
      return lv && lv.name ? label + ": " + lv.name : label;
    },

    toolName: function (id) {
      var t = this.data.tools.filter(function (x) { return x.id === id; })[0];
      return t ? t.name : "";
    },

    draftName: function (d) {
      var parts = [d.customer.trim(), d.person.trim()].filter(Boolean);
      return parts.length ? parts.join(" — ") : this.ui.as_draft_untitled;
    },

    render: function () {
      this.renderList();
      this.renderDrafts();
      this.renderPeople();
      this.renderEditing();
      this.renderResult();
    },

    renderList: function () {
      var list = this.root.querySelector("[data-assessment-list]");
      list.textContent = "";
      var sorted = this.customers.slice().sort(function (a, b) { return Date.parse(b.updated) - Date.parse(a.updated); });
      this.root.querySelector("[data-assessment-empty]").hidden = sorted.length > 0;
      list.hidden = !sorted.length;
      var self = this;
      sorted.forEach(function (c) {
        var li = make("li", "", "bsh-assessment__item");
        li.setAttribute("data-customer-id", c.id);
        if (c.id === self.customerId) li.setAttribute("aria-current", "true");
        var text = li.appendChild(make("span", "", "bsh-assessment__item-text"));
        text.appendChild(make("strong", c.name, "bsh-assessment__item-name"));
        var meta = [];
        if (c.level) meta.push(self.levelName(c.level));
        meta.push(fill(self.ui.as_people_count, { n: self.number(c.people.length, 0) }));
        meta.push(fill(self.ui.as_updated, { date: self.date(c.updated) }));
        text.appendChild(make("span", meta.join(" · "), "bsh-assessment__item-meta"));
        var buttons = li.appendChild(make("span", "", "bsh-assessment__item-actions"));
        buttons.appendChild(self.button(self.ui.as_open, c.name, "data-assessment-open", c.id));
        buttons.appendChild(self.button(self.ui.as_delete, c.name, "data-assessment-delete", c.id));
        list.appendChild(li);
      });
    },

    /** The forms typed but not saved, except the one on screen. */
    renderDrafts: function () {
      var box = this.root.querySelector("[data-assessment-drafts]");
      var list = box.querySelector("ul");
      list.textContent = "";
      var drafts = this.drafts();
      var self = this;
      var slots = Object.keys(drafts).filter(function (slot) { return slot !== self.slot; })
        .sort(function (a, b) { return Date.parse(drafts[b].updated) - Date.parse(drafts[a].updated); });
      box.hidden = !slots.length;
      slots.forEach(function (slot) {
        var d = drafts[slot];
        var li = make("li", "", "bsh-assessment__item");
        li.setAttribute("data-draft", slot);
        var text = li.appendChild(make("span", "", "bsh-assessment__item-text"));
        text.appendChild(make("strong", self.draftName(d), "bsh-assessment__item-name"));
        var answered = Object.keys(d.ratings).length + d.unknown.length;
        text.appendChild(make("span", fill(self.ui.as_draft_meta, {
          answered: self.number(answered, 0), total: self.number(Object.keys(self.statements).length, 0), date: self.date(d.updated)
        }), "bsh-assessment__item-meta"));
        var buttons = li.appendChild(make("span", "", "bsh-assessment__item-actions"));
        buttons.appendChild(self.button(self.ui.as_resume, self.draftName(d), "data-assessment-resume", slot));
        buttons.appendChild(self.button(self.ui.as_discard, self.draftName(d), "data-assessment-discard", slot));
        list.appendChild(li);
      });
    },

    /** A button with a visible label and, for screen readers, what it acts on. */
    button: function (label, subject, attr, value) {
      var b = make("button", label, "md-button bsh-assessment__small");
      b.type = "button";
      b.setAttribute(attr, value);
      b.appendChild(make("span", " " + subject, "bsh-sr"));
      return b;
    },

    renderPeople: function () {
      var customer = this.current();
      var box = this.root.querySelector("[data-assessment-people]");
      var list = this.root.querySelector("[data-assessment-people-list]");
      list.textContent = "";
      box.hidden = !customer || !customer.people.length;
      if (box.hidden) return;
      var self = this;
      customer.people.forEach(function (p) {
        var li = make("li", "", "bsh-assessment__item");
        li.setAttribute("data-person-id", p.id);
        var text = li.appendChild(make("span", "", "bsh-assessment__item-text"));
        text.appendChild(make("strong", p.name, "bsh-assessment__item-name"));
        text.appendChild(make("span", self.levelName(personLevel(self.structure, p.ratings, p.unknown)), "bsh-assessment__item-meta"));
        var buttons = li.appendChild(make("span", "", "bsh-assessment__item-actions"));
        buttons.appendChild(self.button(self.ui.as_edit, p.name, "data-assessment-edit", p.id));
        buttons.appendChild(self.button(self.ui.as_remove, p.name, "data-assessment-unrate", p.id));
        list.appendChild(li);
      });
    },

    renderEditing: function () {
      var note = this.root.querySelector("[data-assessment-editing]");
      var person = this.person(this.current(), this.personId);
      note.hidden = !person;
      note.textContent = person ? fill(this.ui.as_editing, { name: person.name }) : "";
    },

    /** Where the person on the form places you, as answered so far, and the tools for the gap. */
    renderNow: function () {
      var a = this.answers();
      var out = this.root.querySelector("[data-assessment-now]");
      var open = unanswered(this.structure, a.ratings, a.unknown).length;
      this.now = open ? null : personLevel(this.structure, a.ratings, a.unknown);
      out.textContent = this.now ? this.levelName(this.now) : this.ui.as_plan_now_open;
      this.renderTools(this.root.querySelector("[data-assessment-plan-tool]").value);
    },

    renderTools: function (selected) {
      var select = this.root.querySelector("[data-assessment-plan-tool]");
      var target = Number(this.root.querySelector("[data-assessment-plan-target]").value) || null;
      var offered = toolsFor(this.data.tools, this.now || 1, target);
      var chosen = this.data.tools.filter(function (t) { return t.id === selected; })[0];
      if (chosen && offered.indexOf(chosen) < 0) offered = offered.concat([chosen]); // never drop a choice
      select.textContent = "";
      select.appendChild(make("option", this.ui.as_plan_tool_none)).value = "";
      var self = this;
      [1, 2, 3, 4].forEach(function (n) {
        var tools = offered.filter(function (t) { return t.serves === n; });
        if (!tools.length) return;
        var group = select.appendChild(make("optgroup"));
        group.label = fill(self.ui.as_plan_tool_step, { from: n, to: n + 1 });
        tools.forEach(function (t) {
          var o = group.appendChild(make("option", t.name));
          o.value = t.id;
        });
      });
      select.value = chosen ? chosen.id : "";
    },

    renderResult: function () {
      var customer = this.current();
      var box = this.result;
      var show = !!customer && customer.people.length > 0;
      box.hidden = !show;
      document.documentElement.classList.toggle("bsh-print-result", show);
      if (!show) {
        box.removeAttribute("data-level");
        return;
      }
      var s = this.refresh(customer);
      var ui = this.ui;
      var self = this;
      box.setAttribute("data-level", String(s.level));
      box.querySelector("[data-assessment-result-heading]").textContent = fill(ui.as_result_heading, { name: customer.name });
      box.querySelector("[data-assessment-result-date]").textContent = fill(ui.as_updated, { date: this.date(customer.updated) });
      box.querySelector("[data-assessment-result-level]").textContent = this.levelName(s.level);
      this.fillFrom(box.querySelector("[data-assessment-result-body]"), "[data-assessment-explain=\"" + s.level + "\"]");

      // Profiles whose answers disagree, with the answers to look at again.
      var odd = box.querySelector("[data-assessment-inconsistent]");
      var oddList = odd.querySelector("[data-assessment-inconsistent-list]");
      oddList.textContent = "";
      var flagged = s.people.filter(function (p) { return p.inconsistent; });
      odd.hidden = !flagged.length;
      flagged.forEach(function (p) {
        var li = oddList.appendChild(make("li"));
        li.setAttribute("data-person", p.name);
        var says = [];
        if (p.below.length) says.push(fill(ui.as_inconsistent_below, { levels: p.below.join(", "), n: p.level }));
        if (p.above.length) says.push(fill(ui.as_inconsistent_above, { levels: p.above.join(", "), n: p.level }));
        li.appendChild(make("strong", p.name + ": "));
        li.appendChild(document.createTextNode(says.join(" ")));
        var ul = li.appendChild(make("ul"));
        p.disagree.forEach(function (id) { ul.appendChild(self.statementItem(id)); });
      });

      var spread = s.people.length === 1 ? ui.as_spread_one
        : s.low === s.high ? fill(ui.as_spread_same, { n: s.low })
          : fill(ui.as_spread_range, { low: s.low, high: s.high });
      box.querySelector("[data-assessment-spread]").textContent = spread;

      var rows = box.querySelector("[data-assessment-rows]");
      rows.textContent = "";
      s.people.forEach(function (p) {
        var tr = make("tr");
        var th = tr.appendChild(make("th", p.name));
        th.scope = "row";
        var lvCell = tr.appendChild(make("td", String(p.level)));
        lvCell.setAttribute("data-label", ui.as_col_level);
        p.scores.forEach(function (sc) {
          var td = tr.appendChild(make("td", sc.average === null ? "?" : self.number(sc.average, 1)));
          td.setAttribute("data-label", String(sc.level));
          if (sc.average === null) td.appendChild(make("span", " " + ui.as_unknown, "bsh-sr"));
          if (sc.reached) {
            td.className = "bsh-assessment__reached";
            var mark = td.appendChild(make("span", " ✓"));
            mark.setAttribute("aria-hidden", "true");
            td.appendChild(make("span", " " + ui.as_reached, "bsh-sr"));
          }
        });
        rows.appendChild(tr);
      });

      var next = box.querySelector("[data-assessment-result-next]");
      this.fillFrom(next, "[data-assessment-next=\"" + s.level + "\"]");
      var gapBox = next.querySelector("[data-assessment-gap]");
      if (gapBox && s.gaps.length) {
        gapBox.appendChild(make("p", fill(ui.as_gap_intro, { label: this.data.gapLabel })));
        var ul = gapBox.appendChild(make("ul", "", "bsh-assessment__gaps"));
        s.gaps.forEach(function (g) {
          var li = ul.appendChild(make("li", self.statements[g.id] ? self.statements[g.id].text : g.id));
          if (s.people.length > 1) {
            li.appendChild(make("span", " (" + fill(ui.as_gap_who, { names: g.who.join(", ") }) + ")", "bsh-assessment__who"));
          }
        });
      }

      this.renderQuestions(s);
      this.renderPlan(s);
    },

    /** A statement in a result, with its level: the form showed it without one. */
    statementItem: function (id) {
      var st = this.statements[id];
      var li = make("li");
      li.appendChild(make("span", fill(this.ui.level_n, { n: st.level }) + ": ", "bsh-assessment__tag"));
      li.appendChild(document.createTextNode(st.text));
      return li;
    },

    /** The "don't know" answers as questions, in the order of the levels, each once with the
     *  people to ask (the same question for three people takes one line, on paper too). */
    renderQuestions: function (s) {
      var box = this.result.querySelector("[data-assessment-questions]");
      var list = box.querySelector("[data-assessment-questions-list]");
      list.textContent = "";
      var who = {};
      s.people.forEach(function (p) {
        p.questions.forEach(function (id) { (who[id] = who[id] || []).push(p.name); });
      });
      var ids = [];
      this.structure.forEach(function (lv) {
        lv.statements.forEach(function (id) { if (who[id]) ids.push(id); });
      });
      box.hidden = !ids.length;
      var self = this;
      ids.forEach(function (id) {
        var li = list.appendChild(make("li"));
        li.setAttribute("data-statement", id);
        li.setAttribute("data-people", who[id].join(", "));
        li.appendChild(make("span", self.statements[id].question, "bsh-assessment__question"));
        li.appendChild(make("span", " (" + who[id].join(", ") + ")", "bsh-assessment__who"));
      });
    },

    renderPlan: function (s) {
      var rows = this.result.querySelector("[data-assessment-plan-rows]");
      rows.textContent = "";
      var ui = this.ui;
      var self = this;
      var today = bsh.today();
      function cell(tr, label, lines) {
        var td = tr.appendChild(make("td"));
        td.setAttribute("data-label", label);
        lines = lines.filter(function (x) { return x && x[0]; });
        if (!lines.length) td.textContent = "—";
        lines.forEach(function (x) { td.appendChild(make("span", x[0], "bsh-assessment__line" + (x[1] ? " " + x[1] : ""))); });
        return td;
      }
      s.people.forEach(function (p) {
        var plan = p.plan || bsh.newPlan();
        var tr = rows.appendChild(make("tr"));
        tr.setAttribute("data-person-id", p.id);
        var th = tr.appendChild(make("th"));
        th.scope = "row";
        th.appendChild(make("span", p.name, "bsh-assessment__line"));
        if (plan.role) th.appendChild(make("span", plan.role, "bsh-assessment__line bsh-assessment__sub"));
        cell(tr, ui.as_plan_influence, [[plan.influence ? ui["as_influence_" + plan.influence] : ""]]);
        cell(tr, ui.as_plan_now + " → " + ui.as_plan_target, [
          [fill(ui.level_n, { n: p.level }) + " → " + (plan.target ? fill(ui.level_n, { n: plan.target }) : "?")]
        ]);
        cell(tr, ui.as_plan_evidence, [[plan.evidence]]);
        cell(tr, ui.as_plan_action, [[plan.action], [plan.tool ? ui.as_plan_tool + ": " + self.toolName(plan.tool) : "", "bsh-assessment__sub"]]);
        var overdue = plan.due && plan.due < today;
        var due = plan.due ? (overdue ? fill(ui.as_overdue, { date: bsh.day(self.lang, plan.due) }) : bsh.day(self.lang, plan.due)) : "";
        var td = cell(tr, ui.as_plan_owner + ", " + ui.as_plan_due, [[plan.owner], [due]]);
        if (overdue) td.className = "bsh-assessment__overdue";
      });
    },

    fillFrom: function (target, selector) {
      target.textContent = "";
      var template = this.root.querySelector(selector);
      if (template) target.appendChild(document.importNode(template.content, true));
    }
  };

  // --- start ---------------------------------------------------------------------------------------

  bsh.start("[data-assessment]", "script[data-assessment-data]", function (root, data) {
    if (data) new Assessment(root, data); // without usable data the page keeps its no-JavaScript form
  });
})(typeof module === "object" && module.exports ? require("./bsh.js") : window.bsh);
