/* The projector polls a tiny state document twice a second; unchanged state costs a 304.
   It speaks the room's language (the state's texts are in it); when the room's language changes,
   the page reloads to speak it too. */
(function () {
  "use strict";
  var root = document.getElementById("projector"), url = root.dataset.stateUrl;
  var st = null, receivedAt = 0, etag = null, busy = false, seen = {};
  var announce = FloorClock.announcer(root, { get: function () { return seen; }, set: function (v) { seen = v; } });
  function line(t) {
    return t ? FloorClock.who(t) : "";
  }
  function render() {
    var cur = st && st.current;
    root.querySelector("[data-delegation]").textContent = cur ? (cur.shown_delegation || cur.speaker) : "";
    // A delegation named without a speaker (a point of order raised from the floor) is not written twice.
    var speaker = cur && cur.speaker !== cur.delegation ? cur.speaker : "";
    root.querySelector("[data-speaker]").textContent = cur ? [speaker, cur.title].filter(Boolean).join(", ") : "";
    root.querySelector("[data-role]").textContent = cur
      ? [cur.role_label, cur.remote ? FloorClock.words.remote : "",
         FloorClock.fill(FloorClock.words.limit, { limit: FloorClock.mmss(cur.limit_s) })].filter(Boolean).join(" · ") : "";
    root.querySelector("[data-block]").textContent = st ? st.block : "";
    // A speech a point of order interrupted: who resumes after it, with the time already spoken.
    var held = root.querySelector("[data-held]"), h = st && st.held;
    held.hidden = !h;
    held.textContent = h ? FloorClock.fill(FloorClock.words.held, {
      speaker: h.shown_delegation || h.speaker, spoken: FloorClock.mmss(h.held_ms / 1000) }) : "";
    root.dataset.turnRole = cur ? cur.role : "";
    var next = root.querySelectorAll("[data-next]");
    for (var i = 0; i < next.length; i++) next[i].textContent = st && st.next[i] ? line(st.next[i]) : "";
    root.querySelector("[data-next-title]").hidden = !(st && st.next.length);
    root.dataset.version = st ? st.etag : "";
    tick();
  }
  function tick() { announce(st, FloorClock.paint(root, st, receivedAt)); }
  function poll() {
    if (busy) return;
    busy = true;
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(url, { headers: headers, cache: "no-store" }).then(function (r) {
      if (r.status === 200) {
        etag = r.headers.get("ETag");
        return r.json().then(function (data) {
          if (data.language && data.language !== document.documentElement.lang) { window.location.reload(); return; }
          st = data; receivedAt = performance.now(); render();
        });
      }
    }).catch(function () {}).then(function () { busy = false; });
  }
  setInterval(poll, 500);
  setInterval(tick, 100);
  poll();
})();
