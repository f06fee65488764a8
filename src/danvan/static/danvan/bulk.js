// A list's bulk actions (templates/initiatives/list.html): select all rows of the page, the count of the
// selection, each action offered with the number of selected rows it applies to (disabled when none
// does), a warning and a one-click fix when it does not apply to every selected row, and only the chosen
// action's fields shown. The server decides everything again; without JavaScript the page still works.
(() => {
  const form = document.getElementById("bulk-form");
  if (!form) {
    return;
  }
  const all = document.getElementById("bulk-select-all");
  const select = document.getElementById("bulk-action");
  const count = document.getElementById("bulk-count");
  const mismatch = document.getElementById("bulk-mismatch");
  const keep = document.getElementById("bulk-keep-applicable");
  const noun = form.dataset.bulkNoun || "";
  const rows = () => Array.from(form.querySelectorAll('input[type="checkbox"][name="ids"]'));
  const checked = () => rows().filter((box) => box.checked);
  const allows = (box, action) => (box.dataset.bulkActions || "").split(" ").includes(action);
  const number = (n) => n.toLocaleString("vi-VN");

  function update() {
    const boxes = rows();
    const chosen = checked();
    if (all) {
      all.checked = boxes.length > 0 && chosen.length === boxes.length;
      all.indeterminate = chosen.length > 0 && chosen.length < boxes.length;
    }
    if (count) {
      count.textContent = `Đã chọn ${number(chosen.length)}`;
    }
    if (!select) {
      return;
    }
    for (const option of select.options) {
      if (!option.value) {
        continue;
      }
      const label = option.dataset.label || option.textContent;
      const onPage = boxes.filter((box) => allows(box, option.value)).length;
      if (chosen.length === 0) {
        option.disabled = onPage === 0;
        option.textContent = onPage
          ? `${label} — áp dụng được cho ${number(onPage)}/${number(boxes.length)} ${noun} trên trang`
          : `${label} — không ${noun} nào trên trang`;
      } else {
        const n = chosen.filter((box) => allows(box, option.value)).length;
        option.disabled = n === 0;
        option.textContent = n
          ? `${label} — áp dụng được cho ${number(n)}/${number(chosen.length)} ${noun} đã chọn`
          : `${label} — không áp dụng cho ${noun} nào đã chọn`;
      }
    }
    if (select.selectedOptions.length && select.selectedOptions[0].disabled) {
      select.value = "";
    }
    const action = select.value;
    const refused = action ? chosen.filter((box) => !allows(box, action)) : [];
    if (mismatch) {
      mismatch.hidden = refused.length === 0;
      mismatch.textContent = refused.length
        ? `“${select.selectedOptions[0].dataset.label}” không làm được với ${number(refused.length)} ${noun} đã chọn ` +
          "(xem trạng thái của dòng); thực hiện như vậy sẽ không thay đổi gì. Bỏ chọn các dòng đó để tiếp tục."
        : "";
    }
    if (keep) {
      keep.hidden = refused.length === 0;
    }
    for (const group of form.querySelectorAll("[data-bulk-params]")) {
      const shown = group.dataset.bulkParams === action;
      group.hidden = !shown;
      group.disabled = !shown;
    }
  }

  if (all) {
    all.hidden = false;
    all.addEventListener("change", () => {
      for (const box of rows()) {
        box.checked = all.checked;
      }
      update();
    });
  }
  if (keep) {
    keep.addEventListener("click", () => {
      for (const box of checked()) {
        if (!allows(box, select.value)) {
          box.checked = false;
        }
      }
      update();
      select.focus();
    });
  }
  form.addEventListener("change", (event) => {
    if (event.target !== all) {
      update();
    }
  });
  update();
})();
