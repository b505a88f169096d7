/* The console ticks its clock locally and reloads when the floor changed elsewhere
   (another laptop, a delegation's request), unless the chair is typing. The chair's keys
   (listed on the page, aria-keyshortcuts on the buttons) press the console's buttons, or put the
   cursor in the box of a point of order or a right of reply (O, R). */
(function () {
  "use strict";
  var root = document.getElementById("console");
  var st = JSON.parse(document.getElementById("floor-state").textContent), receivedAt = performance.now();
  var version = st.version;
  function typing() {
    var a = document.activeElement;
    return a && (a.tagName === "INPUT" || a.tagName === "SELECT" || a.tagName === "TEXTAREA") && a.value;
  }
  // What was announced survives the reloads that follow every change, so nothing is said twice.
  var key = "floor-announced-" + location.pathname;
  var announce = FloorClock.announcer(root, {
    get: function () { try { return JSON.parse(sessionStorage.getItem(key)) || {}; } catch (e) { return {}; } },
    set: function (v) { try { sessionStorage.setItem(key, JSON.stringify(v)); } catch (e) { /* private mode */ } }
  });
  function tick() { announce(st, FloorClock.paint(root, st, receivedAt)); }
  setInterval(tick, 100);
  tick();

  // Keyboard shortcuts: one key presses the button that carries it (data-shortcut). Never while
  // typing in a box, never with Ctrl, Alt or Cmd (the browser's own), and they can be turned off.
  var toggle = document.getElementById("shortcuts-on"), pressed = false;
  if (toggle) {
    toggle.checked = localStorage.getItem("floor-shortcuts") !== "off";
    toggle.addEventListener("change", function () { localStorage.setItem("floor-shortcuts", toggle.checked ? "on" : "off"); });
  }
  function inTextBox(el) {
    return el && (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
      (el.tagName === "INPUT" && !/^(button|submit|reset|checkbox|radio)$/i.test(el.type)));
  }
  function letter(e) {
    // The letter printed on the key in a Latin layout; else the key's place (an Arabic or Russian keyboard).
    if (e.key && e.key.length === 1 && /[a-z]/i.test(e.key)) return e.key.toUpperCase();
    return /^Key[A-Z]$/.test(e.code || "") ? e.code.slice(3) : "";
  }
  document.addEventListener("keydown", function (e) {
    if (pressed || e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
    if ((toggle && !toggle.checked) || inTextBox(e.target)) return;
    var k = letter(e), button = k && root.querySelector('button[data-shortcut="' + k + '"]');
    // A key that needs a name (point of order, right of reply) puts the cursor in its box instead.
    var box = k && !button && root.querySelector('[data-shortcut-focus="' + k + '"]');
    if (box) { e.preventDefault(); box.focus(); return; }
    if (!button) return;
    e.preventDefault();
    pressed = true;  // one action per page: the reload shows the floor as it now is
    button.click();
  });
  root.dataset.keys = "on";  // listening (a test waits for it after each reload)
  setInterval(function () {
    fetch(root.dataset.stateUrl, { cache: "no-store" }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.version !== version && !typing()) { window.location.reload(); return; }
        st = data; receivedAt = performance.now();
      }).catch(function () {});
  }, 1000);
})();
