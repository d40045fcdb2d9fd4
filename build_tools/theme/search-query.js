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
(function (lunr, language) {
  "use strict";
  if (!lunr) return;

  // The stemmer and stop-word filter of each page language that has either (none for Indonesian).
  // Functions: lunr.ru and lunr.vi are loaded when the worker is set up, after this file has run.
  var LANGUAGES = {
    en: function () { return { stemmer: lunr.stemmer, stopWordFilter: lunr.stopWordFilter }; },
    ru: function () { return lunr.ru && { stemmer: lunr.ru.stemmer, stopWordFilter: lunr.ru.stopWordFilter }; },
    vi: function () { return lunr.vi && { stopWordFilter: lunr.vi.stopWordFilter }; },
  };
  if (!LANGUAGES[language]) return;
  var PRESENCE = lunr.Query.presence;

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
    return root === word ? token : [token, token.clone(function () { return root; })];
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

  // The query as Material builds it (each word a prefix: "word*"), adjusted as above.
  lunr.Index.prototype.search = function (queryString) {
    var stems = [];      // [word, stem] of each word that also asks for its stem
    var stopWords = [];  // the words dropped
    var results = this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse();
      query.clauses.slice().forEach(function (clause) {
        var term = clause.term;
        if (clause.presence === PRESENCE.PROHIBITED || term.indexOf("*") !== term.length - 1) return;
        var word = term.slice(0, -1);
        if (isStopWord(word) && query.clauses.length > 1) {
          stopWords.push(word);
          query.clauses.splice(query.clauses.indexOf(clause), 1);
          return;
        }
        var root = stem(word);
        if (root === word || root.length < 3) return;
        stems.push([word, root]);
        query.clause({
          term: root + "*",
          fields: clause.fields.filter(function (field) { return field !== "tags"; }),
          boost: (clause.boost || 1) / 2,
          usePipeline: false,
          presence: PRESENCE.OPTIONAL,
        });
      });
    });
    results.forEach(function (result) { adjustMatches(result.matchData.metadata, stems, stopWords); });
    return results;
  };

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
})(self.lunr, self.bshSearch && self.bshSearch.language);
