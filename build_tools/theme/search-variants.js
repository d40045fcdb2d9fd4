// Appended to Material's search worker (build_tools/theme/lunr.py), which has set self.lunr.
// Material loads lunr-languages' lunr.vi and lunr.ru later, when the worker is set up, and
// applies one with `builder.use(lunr.<lang>)`: this file steps in there.
//
// - Variants: a Vietnamese word is also indexed without its diacritics ("khách" as "khach"),
//   a Russian one with "е" for "ё" ("партнёр" as "партнер"), so a query typed the way most
//   people type finds it. The variant keeps the word's position: results mark the word as
//   written. The query is left as typed. (Material leaves lunr's stemmers, trimmers and
//   stop-word filters out of its pipeline; it leaves this step in.) Each variant's written word
//   is kept in self.bshSearch.forms (addForm below): search-query.js sends it along with the
//   results, so that the page opened from one marks the words as written.
// - lunr.vi's stop-word filter registered: lunr warned on every page that it was not. (Its
//   trimmer, whose character class is written in brackets that generateTrimmer doubles, never
//   matches; Material leaves it out of the pipeline, so it needs no repair.)
(function (lunr, shared) {
  "use strict";
  if (!lunr) return;

  // forms: {indexed term that is another word's variant or stem: {that word as written: true}}.
  // A token's clones share its metadata, so the written word is found from any of them.
  var forms = (shared.forms = shared.forms || {});
  shared.addForm = function (token, term) {
    var written = token.metadata.bshWritten || (token.metadata.bshWritten = token.toString());
    if (term !== written) (forms[term] = forms[term] || {})[written] = true;
  };

  var FOLD = {
    vi: function (word) {
      return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u0111/g, "d");
    },
    ru: function (word) {
      return word.replace(/\u0451/g, "\u0435");
    },
  };

  // A pipeline step that adds the token's variant after it (lunr lets a step return several
  // tokens; a clone keeps the token's metadata, its position among them).
  function variantsStep(lang) {
    var fold = FOLD[lang];
    var step = function (token) {
      var variant = fold(token.toString());
      if (variant === token.toString()) return token;
      shared.addForm(token, variant);
      return [token, token.clone(function () { return variant; })];
    };
    lunr.Pipeline.registerFunction(step, "variants-" + lang);
    return step;
  }

  var steps = {};
  var use = lunr.Builder.prototype.use;
  lunr.Builder.prototype.use = function (plugin) {
    if (lunr.vi && plugin === lunr.vi && !lunr.vi.stopWordFilter.label) {
      lunr.Pipeline.registerFunction(lunr.vi.stopWordFilter, "stopWordFilter-vi");
    }
    use.apply(this, arguments);
    for (var lang in FOLD) {
      if (lunr[lang] && plugin === lunr[lang]) {
        steps[lang] = steps[lang] || variantsStep(lang);
        this.pipeline.add(steps[lang]);
      }
    }
  };
})(self.lunr, (self.bshSearch = self.bshSearch || {}));
