// The filter of a grid page (sop/swv/render_grids.py): shows only the parts marked
// data-f with the chosen value. A table header cell with data-f stands for its whole
// column. Without JavaScript the control stays hidden and everything shows.
(function () {
  var control = document.querySelector("[data-filter]");
  if (!control) return;
  var select = control.querySelector("select");
  var status = control.querySelector("[role=status]");
  function show(item, visible) {
    item.hidden = !visible;
    if (item.tagName !== "TH") return;
    Array.prototype.forEach.call(item.closest("table").rows, function (row) {
      var cell = row.cells[item.cellIndex];
      if (cell) cell.hidden = !visible;
    });
  }
  function apply(announce) {
    var value = select.value;
    document.querySelectorAll("[data-f]").forEach(function (item) {
      show(item, !value || item.getAttribute("data-f") === value);
    });
    // Said once the choice is made, not on load: a screen reader hears what changed.
    if (announce) status.textContent = select.options[select.selectedIndex].text + ": getoond";
  }
  select.addEventListener("change", function () { apply(true); });
  control.hidden = false;
  apply(false);
})();
