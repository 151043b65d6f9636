// The filter of a grid page (sop/swv/render_grids.py): shows only the parts marked
// data-f with the chosen value. A table header cell with data-f stands for the
// columns under it (a domain's column group, or one column). Without JavaScript the
// control stays hidden and everything shows.
(function () {
  var control = document.querySelector("[data-filter]");
  if (!control) return;
  var select = control.querySelector("select");
  var status = control.querySelector("[role=status]");
  function start(cell) {
    var column = 0;
    while ((cell = cell.previousElementSibling)) column += cell.colSpan;
    return column;
  }
  function show(item, visible) {
    item.hidden = !visible;
    if (item.tagName !== "TH" || !item.closest("thead")) return;
    var first = start(item), end = first + item.colSpan;
    Array.prototype.forEach.call(item.closest("table").rows, function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        // A header cell with its own data-f is shown or hidden for itself.
        if (column >= first && column < end && !cell.hasAttribute("data-f")) cell.hidden = !visible;
        column += cell.colSpan;
      });
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
