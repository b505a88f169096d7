/* What every page does without inline scripts (the Content-Security-Policy allows none):
   a form with data-confirm asks before it is sent; timeline bars take their place from data attributes. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });
  function place() {
    var marked = document.querySelectorAll("[data-start]");
    for (var i = 0; i < marked.length; i++) {
      marked[i].style.insetInlineStart = marked[i].dataset.start + "%";
      if (marked[i].dataset.width) marked[i].style.width = marked[i].dataset.width + "%";
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", place);
  else place();
})();
