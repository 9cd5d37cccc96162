/* Let wide tables scroll sideways on a phone instead of widening the page, without losing
   their table semantics: each table sits in a region that takes keyboard focus only while it
   actually overflows, so keyboard users can scroll it and others are not given extra stops. */
(function () {
  "use strict";
  function label(table) {
    var caption = table.querySelector("caption");
    return caption ? caption.textContent.trim() : "";
  }
  function wrap(table) {
    if (table.parentElement.classList.contains("table-scroll")) { return table.parentElement; }
    var box = document.createElement("div");
    box.className = "table-scroll";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }
  function update(box) {
    var table = box.querySelector("table");
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (label(table)) { box.setAttribute("aria-label", label(table)); }
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  function run() {
    var boxes = Array.prototype.map.call(document.querySelectorAll("main table"), wrap);
    var pending = null;
    boxes.forEach(update);
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () { boxes.forEach(update); }, 150);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
