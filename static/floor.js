/* The floor's clock: counts from the server's figures, never from the local wall clock.
   A state carries elapsed_ms at the server's now; the screen adds the time since it arrived
   (performance.now), so a laptop whose clock is wrong still shows the right time.
   Its words come from the page (#floor-words, in the reader's language); none are written here. */
(function () {
  "use strict";
  var node = document.getElementById("floor-words");
  var words = node ? JSON.parse(node.textContent) : {};
  function fill(text, values) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (all, name) { return name in values ? values[name] : all; });
  }
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
    // The warning and the overrun always read as words too, never as a colour alone.
    var paused = st.status === "paused", label = paused ? words.paused : "";
    if (phase === "overrun") label = paused ? words.over_paused : words.over;
    else if (phase === "warning") label = paused ? words.warning_paused : words.warning;
    return { text: text, phase: phase, label: label || "" };
  }
  function paint(root, st, receivedAt) {
    var f = face(st, receivedAt), clock = root.querySelector("[data-clock]");
    clock.textContent = f.text;
    root.dataset.phase = f.phase;
    root.dataset.status = st ? st.status : "idle";
    var label = root.querySelector("[data-clock-label]");
    if (label && label.textContent !== f.label) label.textContent = f.label;
    return f;
  }
  function who(t) {
    var name = t.shown_delegation || t.delegation;
    return name ? name + (t.speaker && t.speaker !== name && t.speaker !== t.delegation ? " · " + t.speaker : "") : t.speaker;
  }
  /* Screen readers hear three things only, in the page's polite live region: a new speaker,
     the start of the warning, going over time. Never the ticking clock. `memory` keeps what was
     said (sessionStorage on the console, which reloads; a plain object on the projector). */
  function announcer(root, memory) {
    var region = root.querySelector("[data-announce]");
    function say(text) {
      if (!region || !text) return;
      region.textContent = "";  // the same words again (two speakers over time) are still heard
      setTimeout(function () { region.textContent = text; }, 50);
    }
    return function (st, f) {
      var cur = st && st.current, id = cur ? String(cur.id) : "", seen = memory.get();
      if (id !== seen.turn) {
        memory.set({ turn: id, phase: f.phase });
        if (cur) say(fill(cur.point_of_order ? words.say_point_of_order : words.say_speaker, { speaker: who(cur) }));
        return;
      }
      if (!cur || f.phase === seen.phase) return;
      if (f.phase === "warning" && seen.phase === "normal") say(words.say_warning);
      else if (f.phase === "overrun") say(words.say_over);
      memory.set({ turn: id, phase: f.phase });
    };
  }
  window.FloorClock = { face: face, paint: paint, mmss: mmss, who: who, fill: fill, words: words, announcer: announcer };
})();
