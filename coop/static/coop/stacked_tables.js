/* On a phone, a table with column headings reads as one card per row: each cell is labelled with
   its column's heading (data-label), and the stylesheet lays the cells out as "heading: value"
   below the width where the columns no longer fit. Wide screens keep the table as it is. A cell
   spanning several columns is a message ("No hours logged yet.") and gets no label. */
(function () {
  "use strict";
  function headings(table) {
    var rows = table.tHead ? table.tHead.rows : [];
    if (!rows.length) { return null; }
    var names = [];
    Array.prototype.forEach.call(rows[rows.length - 1].cells, function (cell) {
      for (var i = 0; i < cell.colSpan; i += 1) { names.push(cell.textContent.replace(/\s+/g, " ").trim()); }
    });
    return names;
  }
  function label(table) {
    var names = headings(table);
    if (!names) { return; }
    table.classList.add("stacks");
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (cell.colSpan === 1 && names[column] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", names[column]);
          }
          column += cell.colSpan;
        });
      });
    });
  }
  function run() {
    Array.prototype.forEach.call(document.querySelectorAll("main table, #result_list"), label);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
