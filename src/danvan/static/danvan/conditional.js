// Parts of a form that apply to some choices only: in a fieldset marked data-conditions-for="<select's id>",
// each box marked data-kinds="kn tc" is shown only while the select holds one of those kinds. A hidden
// box is unticked, so that what is sent is what was seen. Without this script every box stays shown and
// the service checks only the chosen kind's conditions (rules.conditions_for).
(function () {
  "use strict";
  function apply(fieldset) {
    const select = document.getElementById(fieldset.dataset.conditionsFor);
    if (!select) return;
    const kind = select.value;
    fieldset.querySelectorAll("input[data-kinds]").forEach(function (box) {
      const shown = box.dataset.kinds.split(" ").indexOf(kind) !== -1;
      const row = box.closest(".form-check") || box;
      row.hidden = !shown;
      if (!shown) box.checked = false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset[data-conditions-for]").forEach(function (fieldset) {
      apply(fieldset);
      const select = document.getElementById(fieldset.dataset.conditionsFor);
      if (select) select.addEventListener("change", function () { apply(fieldset); });
    });
  });
})();
