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

  /** Average points of one level's statements; an unanswered statement counts as 0. */
  function average(ids, ratings) {
    if (!ids.length) return 0;
    var sum = 0;
    ids.forEach(function (id) {
      var r = ratings[id];
      if (isPoints(r)) sum += r;
    });
    return sum / ids.length;
  }

  /**
   * Per level: the average points and whether the level is reached.
   * structure: [{level: 1, statements: [ids]}, …] in order 1 to 5.
   */
  function levelScores(structure, ratings) {
    return structure.map(function (lv) {
      var avg = average(lv.statements, ratings || {});
      return { level: lv.level, average: avg, reached: avg >= THRESHOLD };
    });
  }

  /** A person's level: the highest level reached together with every level below it; at least 1. */
  function personLevel(structure, ratings) {
    var level = 1;
    var scores = levelScores(structure, ratings);
    for (var i = 0; i < scores.length; i++) {
      if (!scores[i].reached) break;
      level = scores[i].level;
    }
    return level;
  }

  /** The group's level: the median; with an even count, the lower of the two middle levels. */
  function groupLevel(levels) {
    if (!levels.length) return null;
    var sorted = levels.slice().sort(function (a, b) { return a - b; });
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }

  /**
   * The result for a customer: every person's level and scores, the group level, the spread, and
   * the gap to the next level (statements of that level, and of level 1 when the group is at
   * level 1, that someone rated below the threshold, with who).
   */
  function summarize(structure, people) {
    var rows = people.map(function (p) {
      return { id: p.id, name: p.name, level: personLevel(structure, p.ratings), scores: levelScores(structure, p.ratings) };
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

  /** The ids of the statements without an answer. */
  function unanswered(structure, ratings) {
    var out = [];
    structure.forEach(function (lv) {
      lv.statements.forEach(function (id) { if (!isPoints(ratings[id])) out.push(id); });
    });
    return out;
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
    average: average, levelScores: levelScores, personLevel: personLevel, groupLevel: groupLevel,
    summarize: summarize, unanswered: unanswered, parseExport: parseExport, makeExport: makeExport, merge: merge
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
    this.structure = all(root, "[data-assessment-level]").map(function (fs) {
      return {
        level: Number(fs.getAttribute("data-assessment-level")),
        statements: all(fs, "[data-assessment-statement]").map(function (el) {
          return el.getAttribute("data-assessment-statement");
        })
      };
    });
    this.customerId = null;
    this.personId = null;
    this.storage = bsh.storage();
    this.load();

    var self = this;
    root.addEventListener("click", function (e) { self.click(e); });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.submit();
    });
    this.fileInput.addEventListener("change", function () { self.importFile(); });
    window.addEventListener("storage", function (e) {
      if (e.key === KEY || e.key === null) {
        self.load();
        if (self.customerId && !self.find(self.customerId)) self.reset();
        self.render();
      }
    });

    bsh.enhance(root, "assessment");
    root.querySelector("[data-assessment-nosave]").hidden = !!this.storage;

    var wanted = /^#customer=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
    if (wanted && this.find(wanted[1])) this.open(wanted[1], false);
    this.render();
  }

  Assessment.prototype = {
    // --- saved data

    load: function () {
      var raw = bsh.read(this.storage, KEY);
      var parsed = bsh.parseAssessments(raw);
      // Keep what could not be read, so that saving over it loses nothing for good.
      if (parsed.damaged) bsh.write(this.storage, KEY + ":damaged", raw);
      this.customers = parsed.customers;
    },

    save: function () {
      return bsh.write(this.storage, KEY, JSON.stringify({ v: VERSION, customers: this.customers }));
    },

    find: function (id) {
      for (var i = 0; i < this.customers.length; i++) if (this.customers[i].id === id) return this.customers[i];
      return null;
    },

    current: function () {
      return this.customerId ? this.find(this.customerId) : null;
    },

    // --- reading and writing the form

    ratings: function () {
      var out = {};
      var form = this.form;
      this.structure.forEach(function (lv) {
        lv.statements.forEach(function (id) {
          var checked = form.querySelector('input[name="bsh-as-' + id + '"]:checked');
          if (checked) out[id] = Number(checked.value);
        });
      });
      return out;
    },

    setRatings: function (ratings) {
      all(this.form, 'input[type="radio"]').forEach(function (input) {
        var id = input.name.replace(/^bsh-as-/, "");
        input.checked = ratings[id] !== undefined && String(ratings[id]) === input.value;
      });
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
      else if (target.hasAttribute("data-assessment-open")) this.open(target.getAttribute("data-assessment-open"), true);
      else if (target.hasAttribute("data-assessment-delete")) this.remove(target.getAttribute("data-assessment-delete"));
      else if (target.hasAttribute("data-assessment-edit")) this.editPerson(target.getAttribute("data-assessment-edit"));
      else if (target.hasAttribute("data-assessment-unrate")) this.removePerson(target.getAttribute("data-assessment-unrate"));
    },

    submit: function () {
      var name = this.customerInput.value.trim();
      if (!name) {
        this.say(this.ui.as_need_customer, true);
        this.customerInput.focus();
        return;
      }
      var ratings = this.ratings();
      var missing = unanswered(this.structure, ratings);
      if (missing.length) {
        this.say(fill(this.ui.as_need_answers, { count: this.number(missing.length, 0) }), true);
        var first = this.form.querySelector('input[name="bsh-as-' + missing[0] + '"]');
        if (first) first.focus();
        return;
      }
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
        this.customerId = customer.id;
        this.remember();
      }
      customer.name = name;
      var personName = this.personInput.value.trim() || this.defaultName(customer);
      var person = null;
      if (this.personId) {
        person = customer.people.filter(function (p) { return p.id === this.personId; }, this)[0] || null;
      }
      if (!person) {
        var key = personName.toLocaleLowerCase();
        person = customer.people.filter(function (p) { return p.name.toLocaleLowerCase() === key; })[0] || null;
        if (person && !window.confirm(fill(this.ui.as_replace_confirm, { name: person.name }))) {
          this.personInput.focus();
          return;
        }
      }
      if (!person) {
        person = { id: newId("p"), name: personName, updated: now, ratings: {} };
        customer.people.push(person);
      }
      person.name = personName;
      person.ratings = ratings;
      person.updated = now;
      customer.updated = now;
      this.personId = person.id;
      this.personInput.value = personName;
      this.refresh(customer);
      var saved = this.save();
      this.root.querySelector("[data-assessment-nosave]").hidden = saved;
      this.render();
      this.result.focus();
      this.say(saved ? this.ui.as_saved : this.ui.as_no_storage, !saved);
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

    /** The open customer in the address (#customer=<id>), so that a reload or a bookmark opens it. */
    remember: function () {
      var url = location.pathname + location.search + (this.customerId ? "#customer=" + this.customerId : "");
      try {
        history.replaceState(history.state, "", url);
      } catch (e) { /* a sandboxed frame: the address stays as it is */ }
    },

    reset: function (focus) {
      this.customerId = null;
      this.remember();
      this.newPerson(false);
      this.customerInput.value = "";
      this.render();
      this.say("");
      if (focus) this.customerInput.focus();
    },

    newPerson: function (focus) {
      this.personId = null;
      this.personInput.value = "";
      this.setRatings({});
      this.renderEditing();
      if (focus) {
        this.say("");
        this.personInput.focus();
      }
    },

    open: function (id, focus) {
      var customer = this.find(id);
      if (!customer) return;
      this.customerId = id;
      this.remember();
      this.customerInput.value = customer.name;
      this.newPerson(false);
      this.say("");
      this.render();
      if (focus) (this.result.hidden ? this.customerInput : this.result).focus();
    },

    remove: function (id) {
      var customer = this.find(id);
      if (!customer || !window.confirm(fill(this.ui.as_delete_confirm, { name: customer.name }))) return;
      this.customers = this.customers.filter(function (c) { return c.id !== id; });
      if (this.customerId === id) this.reset(false);
      this.save();
      this.render();
      this.say(fill(this.ui.as_deleted, { name: customer.name }));
      var next = this.root.querySelector("[data-assessment-list] button") || this.root.querySelector('[data-assessment-action="new"]');
      next.focus();
    },

    editPerson: function (id) {
      var customer = this.current();
      var person = customer && customer.people.filter(function (p) { return p.id === id; })[0];
      if (!person) return;
      this.personId = id;
      this.personInput.value = person.name;
      this.setRatings(person.ratings);
      this.renderEditing();
      this.say("");
      this.personInput.focus();
    },

    removePerson: function (id) {
      var customer = this.current();
      var person = customer && customer.people.filter(function (p) { return p.id === id; })[0];
      if (!person || !window.confirm(fill(this.ui.as_remove_confirm, { name: person.name }))) return;
      customer.people = customer.people.filter(function (p) { return p.id !== id; });
      customer.updated = new Date().toISOString();
      if (this.personId === id) this.newPerson(false);
      this.refresh(customer);
      this.save();
      this.render();
      this.personInput.focus();
    },

    exportFile: function () {
      if (!this.customers.length) {
        this.say(this.ui.as_export_empty, true);
        return;
      }
      var now = new Date();
      var name = this.ui.as_export_file + "-" + now.toISOString().slice(0, 10) + ".json";
      var blob = new Blob([makeExport(this.customers, now.toISOString())], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      this.say(fill(this.ui.as_exported, { file: name }));
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
      if (this.storage) this.load();
      var merged = merge(this.customers, parsed.customers);
      var self = this;
      merged.customers.forEach(function (c) { self.refresh(c); });
      this.customers = merged.customers;
      // Not saved (storage blocked or full): the import still shows, for this visit, as rating does.
      var saved = this.save();
      this.root.querySelector("[data-assessment-nosave]").hidden = saved;
      if (this.customerId && !this.find(this.customerId)) this.reset(false);
      this.render();
      var text = fill(this.ui.as_imported, {
        added: this.number(merged.added, 0), updated: this.number(merged.updated, 0), kept: this.number(merged.kept, 0)
      });
      this.say(saved ? text : text + " " + this.ui.as_no_storage, !saved);
    },

    // --- rendering

    say: function (text, error) {
      var box = this.root.querySelector("[data-assessment-message]");
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
      var t = this.root.querySelector('[data-assessment-explain="' + n + '"]');
      var name = t ? t.getAttribute("data-name") : "";
      var label = fill(this.ui.level_n, { n: n });
      return name ? label + ": " + name : label;
    },

    render: function () {
      this.renderList();
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
        text.appendChild(make("span", self.levelName(personLevel(self.structure, p.ratings)), "bsh-assessment__item-meta"));
        var buttons = li.appendChild(make("span", "", "bsh-assessment__item-actions"));
        buttons.appendChild(self.button(self.ui.as_edit, p.name, "data-assessment-edit", p.id));
        buttons.appendChild(self.button(self.ui.as_remove, p.name, "data-assessment-unrate", p.id));
        list.appendChild(li);
      });
    },

    renderEditing: function () {
      var note = this.root.querySelector("[data-assessment-editing]");
      var customer = this.current();
      var person = customer && this.personId && customer.people.filter(function (p) { return p.id === this.personId; }, this)[0];
      note.hidden = !person;
      note.textContent = person ? fill(this.ui.as_editing, { name: person.name }) : "";
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
        tr.appendChild(make("td", String(p.level)));
        p.scores.forEach(function (sc) {
          var td = tr.appendChild(make("td", self.number(sc.average, 1)));
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
          var legend = self.form.querySelector('[data-assessment-statement="' + g.id + '"] > legend');
          var li = ul.appendChild(make("li", legend ? legend.textContent.trim() : g.id));
          if (s.people.length > 1) {
            li.appendChild(make("span", " (" + fill(ui.as_gap_who, { names: g.who.join(", ") }) + ")", "bsh-assessment__who"));
          }
        });
      }
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
