// The paper-entry grid: a digit 0–5 in a cell moves the cursor to the next cell (Tab and Shift+Tab
// still work); any other key is refused in the cell. Without this script the form works the same.
(function () {
  "use strict";
  function start() {
    var form = document.querySelector("[data-entry-form]");
    if (!form) { return; }
    var cells = Array.prototype.slice.call(form.querySelectorAll("[data-entry-cell]"));
    cells.forEach(function (cell, i) {
      cell.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          if (i + 1 < cells.length) { cells[i + 1].focus(); } else { form.querySelector("[type=submit]").focus(); }
        }
      });
      cell.addEventListener("input", function () {
        var value = cell.value.replace(/[^0-5]/g, "").slice(-1);
        cell.value = value;
        if (value !== "") {
          if (i + 1 < cells.length) { cells[i + 1].focus(); cells[i + 1].select(); }
          else { form.querySelector("[type=submit]").focus(); }
        }
      });
      cell.addEventListener("focus", function () { cell.select(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
