/* The floor's clock: counts from the server's figures, never from the local wall clock.
   A state carries elapsed_ms at the server's now; the screen adds the time since it arrived
   (performance.now), so a laptop whose clock is wrong still shows the right time. */
(function () {
  "use strict";
  function mmss(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function elapsedMs(st, receivedAt) {
    if (!st) return 0;
    return st.status === "running" ? st.elapsed_ms + (performance.now() - receivedAt) : st.elapsed_ms;
  }
  function face(st, receivedAt) {
    if (!st || !st.current) return { text: "–:––", phase: "idle", label: "" };
    // Whole seconds, as the record counts them: over time from one full second past the limit.
    var limit = st.current.limit_s, el = elapsedMs(st, receivedAt) / 1000, whole = Math.floor(el);
    var phase = "normal";
    if (whole > limit) phase = "overrun"; else if (el >= limit - st.warning_s) phase = "warning";
    var text = whole > limit ? "+" + mmss(whole - limit) : mmss(Math.max(0, Math.ceil(limit - el)));
    var label = phase === "overrun" ? "Over time" : (st.status === "paused" ? "Paused" : "");
    if (phase === "overrun" && st.status === "paused") label = "Over time · paused";
    return { text: text, phase: phase, label: label };
  }
  function paint(root, st, receivedAt) {
    var f = face(st, receivedAt), clock = root.querySelector("[data-clock]");
    clock.textContent = f.text;
    root.dataset.phase = f.phase;
    root.dataset.status = st ? st.status : "idle";
    var label = root.querySelector("[data-clock-label]");
    if (label) label.textContent = f.label;
  }
  window.FloorClock = { face: face, paint: paint, mmss: mmss };
})();
