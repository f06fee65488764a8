// Small behaviours without inline script (the content security policy forbids it).
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.dataset.autosubmit !== undefined && el.form) {
    el.form.submit();
  }
});

// The working unit's picker in the header: opening it puts the caret in the search box; the down arrow
// goes from the box to the first suggestion (Bootstrap's dropdown then moves between them).
document.addEventListener("shown.bs.dropdown", (event) => {
  const picker = event.target instanceof Element ? event.target.closest(".unit-picker") : null;
  const input = picker ? picker.querySelector("[data-unit-picker-input]") : null;
  if (input instanceof HTMLInputElement) {
    input.focus();
  }
});
document.addEventListener("keydown", (event) => {
  const el = event.target;
  if (event.key !== "ArrowDown" || !(el instanceof HTMLInputElement) || el.dataset.unitPickerInput === undefined) {
    return;
  }
  const results = document.getElementById(el.getAttribute("aria-controls") || "");
  const first = results ? results.querySelector("button.unit-choice") : null;
  if (first instanceof HTMLElement) {
    event.preventDefault();
    first.focus();
  }
});
