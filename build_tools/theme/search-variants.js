// Appended to Material's search worker (build_tools/theme/lunr.py), which has set self.lunr.
// Material loads lunr-languages' lunr.vi and lunr.ru later, when the worker is set up, and
// applies one with `builder.use(lunr.<lang>)`: this file steps in there.
//
// - Variants: a Vietnamese word is also indexed without its diacritics ("khách" as "khach"),
//   a Russian one with "е" for "ё" ("партнёр" as "партнер"), so a query typed the way most
//   people type finds it. The variant keeps the word's position: results mark the word as
//   written. The query is left as typed. (Material leaves lunr's stemmers, trimmers and
//   stop-word filters out of its pipeline; it leaves this step in.)
// - lunr.vi's stop-word filter registered: lunr warned on every page that it was not. (Its
//   trimmer, whose character class is written in brackets that generateTrimmer doubles, never
//   matches; Material leaves it out of the pipeline, so it needs no repair.)
(function (lunr) {
  "use strict";
  if (!lunr) return;

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
      return variant === token.toString() ? token : [token, token.clone(function () { return variant; })];
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
})(self.lunr);
