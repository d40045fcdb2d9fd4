// Appended to Material's search worker (build_tools/theme/lunr.py), after search-variants.js.
// self.bshSearch.language is the page language, set by the line lunr.py writes before the files.
//
// Material matches each query word as a prefix of the indexed words, so "strategies" did not
// find "strategy", nor «стратегическому» «стратегического». Where lunr has a stemmer (English
// Porter, Russian Snowball), the index also holds each word's stem, and each query word also asks
// for its stem as a prefix, at half weight (the form as typed ranks first), in titles and text but
// not in tags (weighed ten times a title, they are matched as typed). A stop word of the language
// is dropped from a query of several words: as a prefix, «и» matched every word starting with и.
// A word found through its stem, and a stop word, count as found (Material knows only English stop
// words and listed them as missing), and each position is marked once. Material's own stemmer
// step stays out: it stemmed queries that prefix matching then missed.
//
// Several words: a result where they stand together, in the query's order, ranks above every
// result where they do not (the more such neighbouring pairs, the higher): "tin tưởng" (trust)
// first lists the sections that say "tin tưởng", then those with "tin" or "tưởng" alone. In
// Vietnamese, whose words are syllables, a syllable followed by another one in the query is
// complete: it is matched whole, not as a prefix ("tin" no longer finds "tính", indexed "tinh"
// without its diacritics); the last one is still being typed and stays a prefix.
//
// The page opened from a result marks the query's words (Material's search.highlight: the
// result's link carries ?h=, the words of the result's `terms` that were found). The words the
// search matched through a variant or a stem are added to `terms` (as found), as written on the
// page ("khách" for "khach", "strategy" for "strategies"), and the stop words dropped from the
// query are taken out of it (neither found nor missing: Material would mark every «и»).
(function (lunr, shared) {
  "use strict";
  if (!lunr) return;
  var language = shared.language;

  // The stemmer and stop-word filter of each page language that has either (none for Indonesian).
  // Functions: lunr.ru and lunr.vi are loaded when the worker is set up, after this file has run.
  var LANGUAGES = {
    en: function () { return { stemmer: lunr.stemmer, stopWordFilter: lunr.stopWordFilter }; },
    ru: function () { return lunr.ru && { stemmer: lunr.ru.stemmer, stopWordFilter: lunr.ru.stopWordFilter }; },
    vi: function () { return lunr.vi && { stopWordFilter: lunr.vi.stopWordFilter, wholeSyllables: true }; },
    id: function () { return {}; },
  };
  if (!LANGUAGES[language]) return;
  var PRESENCE = lunr.Query.presence;
  var RESULT = 3; // Material's worker message with the results (integrations/search/worker/message)

  var loaded;
  function tools() {
    return loaded || (loaded = LANGUAGES[language]()) || {};
  }

  function stem(word) {
    var stemmer = tools().stemmer;
    return stemmer ? stemmer(new lunr.Token(word, {})).toString() : word;
  }

  function isStopWord(word) {
    var filter = tools().stopWordFilter;
    return !!filter && !filter(new lunr.Token(word, {}));
  }

  // The index step that adds a word's stem after it, at the word's position.
  function wordForms(token) {
    var word = token.toString();
    var root = stem(word);
    if (root === word) return token;
    if (shared.addForm) shared.addForm(token, root);
    return [token, token.clone(function () { return root; })];
  }
  lunr.Pipeline.registerFunction(wordForms, "wordForms");

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (tools().stemmer && !this.bshWordForms) {
      this.bshWordForms = true;
      this.pipeline.add(wordForms);
    }
    return add.call(this, doc, attributes);
  };

  // What the last search found besides Material's own view of it, for its results message.
  var last = { stopWords: [], forms: {} };

  // The query as Material builds it (each word a prefix: "word*"), adjusted as above.
  lunr.Index.prototype.search = function (queryString) {
    var words = [];      // the query's words in order: {word, stop, match(term)}
    var stopWords = [];  // the words dropped
    var stems = [];      // [word, stem] of each word that also asks for its stem
    var results = this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse();
      var clauses = query.clauses.filter(function (clause) { return clause.presence !== PRESENCE.PROHIBITED; });
      clauses.forEach(function (clause, i) {
        var prefix = clause.term.indexOf("*") === clause.term.length - 1;
        var word = prefix ? clause.term.slice(0, -1) : clause.term;
        if (!prefix || word.indexOf("*") >= 0) {
          words.push({ word: word, match: function (term) { return term === word; } });
          return;
        }
        if (isStopWord(word) && query.clauses.length > 1) {
          stopWords.push(word);
          words.push({ word: word, stop: true });
          query.clauses.splice(query.clauses.indexOf(clause), 1);
          return;
        }
        if (tools().wholeSyllables && i < clauses.length - 1) {
          clause.term = word;
          clause.usePipeline = false;
          words.push({ word: word, match: function (term) { return term === word; } });
          return;
        }
        var root = stem(word);
        if (root === word || root.length < 3) {
          words.push({ word: word, match: function (term) { return term.indexOf(word) === 0; } });
          return;
        }
        stems.push([word, root]);
        words.push({ word: word, match: function (term) { return term.indexOf(word) === 0 || term.indexOf(root) === 0; } });
        query.clause({
          term: root + "*",
          fields: clause.fields.filter(function (field) { return field !== "tags"; }),
          boost: (clause.boost || 1) / 2,
          usePipeline: false,
          presence: PRESENCE.OPTIONAL,
        });
      });
    });
    rankTogether(results, words);
    last = { stopWords: stopWords, forms: {} };
    results.forEach(function (result) {
      last.forms[result.ref] = writtenForms(result.matchData.metadata, words);
      adjustMatches(result.matchData.metadata, stems, stopWords);
    });
    return results;
  };

  // Positions are `block << 20 | index` (Material's tokenizer: a block is a top-level element of
  // the field, and the index counts its words, stop words included, and its opening tag): two
  // words stand together when the second's position is the first's plus one.
  function positionsOf(metadata, word) {
    var found = {}; // field: {position: true}
    for (var term in metadata) {
      if (!word.match(term)) continue;
      for (var field in metadata[term]) {
        var positions = metadata[term][field].position || [];
        for (var i = 0; i < positions.length; i++) (found[field] = found[field] || {})[positions[i]] = true;
      }
    }
    return found;
  }

  function pairsTogether(metadata, words) {
    var pairs = 0;
    var previous = null;
    words.forEach(function (word) {
      if (word.stop) {
        previous = null;
        return;
      }
      var current = positionsOf(metadata, word);
      if (previous) {
        var together = Object.keys(previous).some(function (field) {
          return current[field] && Object.keys(previous[field]).some(function (position) {
            return current[field][+position + 1];
          });
        });
        if (together) pairs++;
      }
      previous = current;
    });
    return pairs;
  }

  // Material then multiplies each score by at most 5 (a page rather than a section, the share of
  // the query's words found) and sorts again: a result with k pairs together gets 11^k times the
  // best score added, which no result with fewer pairs can reach.
  function rankTogether(results, words) {
    if (words.filter(function (word) { return !word.stop; }).length < 2 || !results.length) return;
    var best = Math.max.apply(null, results.map(function (result) { return result.score; })) || 1;
    results.forEach(function (result) {
      var pairs = pairsTogether(result.matchData.metadata, words);
      if (pairs) result.score += best * Math.pow(11, pairs);
    });
    results.sort(function (a, b) { return b.score - a.score; });
  }

  // The words as written that this result matched through a variant or a stem and that do not
  // contain a word of the query (those Material's marking finds itself), at most 20.
  function writtenForms(metadata, words) {
    var typed = words.map(function (word) { return word.word; });
    var found = {};
    for (var term in metadata) {
      var written = shared.forms && shared.forms[term];
      for (var form in written || {}) {
        var shown = typed.some(function (word) { return form.indexOf(word) >= 0; });
        if (!shown) found[form] = true;
      }
    }
    return Object.keys(found).slice(0, 20);
  }

  // metadata: {indexed term: {field: {position: [...]}}}, which Material reads to mark the words
  // (positions) and to tell the found query words from the missing ones (the terms' prefixes).
  function adjustMatches(metadata, stems, stopWords) {
    var terms = Object.keys(metadata);
    var seen = {};
    terms.forEach(function (term) {
      for (var field in metadata[term]) {
        var positions = metadata[term][field].position;
        if (!positions) continue;
        metadata[term][field].position = positions.filter(function (position) {
          var key = field + ":" + position;
          return seen[key] ? false : (seen[key] = true);
        });
      }
    });
    function matched(prefix) {
      return terms.some(function (term) { return term.indexOf(prefix) === 0; });
    }
    stems.forEach(function (pair) {
      if (!matched(pair[0]) && matched(pair[1])) metadata[pair[0]] = {};
    });
    stopWords.forEach(function (word) { metadata[word] = metadata[word] || {}; });
  }

  // Material's worker answers with postMessage({type: RESULT, data: {items: [[item, ...], ...]}}),
  // a group per page, each item a section with its `terms` ({query word: found}), from which its
  // link's ?h= is made. A page whose own text did not match gets an item with no terms (and its
  // link no ?h=): it gets the words its sections matched.
  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      message.data.items.forEach(function (group) {
        var found = {};
        group.forEach(function (item) {
          if (!item.terms) return;
          last.stopWords.forEach(function (word) { delete item.terms[word]; });
          (last.forms[item.location] || []).forEach(function (form) {
            if (!(form in item.terms)) item.terms[form] = true;
          });
          for (var word in item.terms) if (item.terms[word]) found[word] = true;
        });
        group.forEach(function (item) {
          if (item.terms && !Object.keys(item.terms).length) item.terms = found;
        });
      });
    }
    return post.apply(self, arguments);
  };
})(self.lunr, (self.bshSearch = self.bshSearch || {}));
