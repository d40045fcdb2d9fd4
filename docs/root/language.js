// site/index.html: open the course in the first of the visitor's languages that the site has.
(function () {
  var list = document.querySelector("[data-languages]");
  if (!list) return;
  var have = list.getAttribute("data-languages").split(" ");
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (have.indexOf(code) >= 0) {
      location.replace(code + "/index.html" + location.hash);
      return;
    }
  }
})();
