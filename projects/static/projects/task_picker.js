// The task picker: a search box above the select of tasks (grouped by project) that hides the
// tasks and projects whose names do not contain what was typed. Without this script the grouped
// select still works on its own.
(function () {
  "use strict";
  function normalise(text) {
    return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function setUp(select) {
    var search = document.createElement("input");
    search.type = "search";
    search.id = select.id + "_search";
    search.setAttribute("aria-controls", select.id);
    search.autocomplete = "off";
    var label = document.createElement("label");
    label.htmlFor = search.id;
    label.textContent = select.dataset.searchLabel || "Find a task";
    var status = document.createElement("p");
    status.className = "meta";
    status.setAttribute("aria-live", "polite");
    // Above the select's own label, so that "Task" stays next to the list it names.
    var anchor = document.querySelector('label[for="' + select.id + '"]') || select;
    anchor.parentNode.insertBefore(label, anchor);
    anchor.parentNode.insertBefore(search, anchor);
    anchor.parentNode.insertBefore(status, anchor);
    search.addEventListener("input", function () {
      var wanted = normalise(search.value.trim());
      var shown = 0;
      var first = null;
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var groupMatches = normalise(group.label).indexOf(wanted) !== -1;
        var visible = 0;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var match = !wanted || groupMatches || normalise(option.textContent).indexOf(wanted) !== -1;
          option.hidden = !match;
          if (match) {
            visible += 1;
            if (!first) first = option;
          }
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      var chosen = select.selectedOptions[0];
      if (wanted && first && (!chosen || chosen.hidden || !chosen.value)) {
        first.selected = true;
      }
      status.textContent = wanted ? (select.dataset.countTemplate || "%s tasks match").replace("%s", shown) : "";
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-task-picker]"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
