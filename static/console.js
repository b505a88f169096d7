/* The console ticks its clock locally and reloads when the floor changed elsewhere
   (another laptop, a delegation's request), unless the chair is typing. */
(function () {
  "use strict";
  var root = document.getElementById("console");
  var st = JSON.parse(document.getElementById("floor-state").textContent), receivedAt = performance.now();
  var version = st.version;
  function typing() {
    var a = document.activeElement;
    return a && (a.tagName === "INPUT" || a.tagName === "SELECT" || a.tagName === "TEXTAREA") && a.value;
  }
  setInterval(function () { FloorClock.paint(root, st, receivedAt); }, 100);
  FloorClock.paint(root, st, receivedAt);
  setInterval(function () {
    fetch(root.dataset.stateUrl, { cache: "no-store" }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.version !== version && !typing()) { window.location.reload(); return; }
        st = data; receivedAt = performance.now();
      }).catch(function () {});
  }, 1000);
})();
