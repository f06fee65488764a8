// Forms that guide: the unit combobox (the ARIA 1.2 combobox pattern with a listbox popup), the error
// summary that takes the focus, and the print button of the receipt. Without this script every form
// still works: the unit box takes a name or a code, the summary's links jump to the fields.
(() => {
  "use strict";

  const DELAY_MS = 200;

  function setUpCombobox(input) {
    if (input.dataset.comboboxReady) {
      return;
    }
    input.dataset.comboboxReady = "1";
    const root = input.closest("[data-unit-combobox-root]");
    const list = document.getElementById(input.dataset.listbox);
    const status = document.getElementById(input.dataset.status);
    const chosenId = root ? root.querySelector("[data-unit-combobox-pk]") : null;
    if (!root || !list || !status || !chosenId) {
      return;
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    let options = [];
    let active = -1;
    let timer = 0;
    let pending = null;
    let chosenLabel = chosenId.value ? input.value : null;

    const isOpen = () => !list.hidden;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function highlight(index) {
      active = index;
      options.forEach((option, i) => {
        const on = i === index;
        option.el.classList.toggle("active", on);
        option.el.setAttribute("aria-selected", on ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].el.id);
        options[index].el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      const unit = options[index].data;
      input.value = unit.label;
      chosenId.value = String(unit.id);
      chosenLabel = unit.label;
      close();
      status.textContent = `Đã chọn ${unit.name}${unit.trail ? `, thuộc ${unit.trail}` : ""}.`;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function render(results, more) {
      list.replaceChildren();
      options = results.map((unit, i) => {
        const el = document.createElement("li");
        el.id = `${list.id}-${i}`;
        el.setAttribute("role", "option");
        el.setAttribute("aria-selected", "false");
        el.className = "list-group-item list-group-item-action unit-combobox-option";
        const name = document.createElement("span");
        name.className = "fw-semibold d-block";
        name.textContent = unit.name + (unit.code ? ` · ${unit.code}` : "");
        el.append(name);
        if (unit.trail) {
          const trail = document.createElement("span");
          trail.className = "small text-body-secondary d-block";
          trail.textContent = unit.trail;
          el.append(trail);
        }
        // Mouse and touch: choose before the box loses the focus (which closes the list).
        el.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(i);
        });
        list.append(el);
        return { el, data: unit };
      });
      active = -1;
      if (results.length) {
        status.textContent = `${results.length}${more ? "+" : ""} gợi ý. Phím mũi tên để chọn, Enter để nhận.`;
        open();
      } else {
        status.textContent = "Không tìm thấy đơn vị nào. Thử bỏ bớt chữ, hoặc nhập mã đơn vị.";
        close();
      }
    }

    async function suggest() {
      const query = input.value.trim();
      if (query.length < 2) {
        options = [];
        list.replaceChildren();
        close();
        return;
      }
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      const url = new URL(input.dataset.searchUrl, window.location.href);
      url.searchParams.set("q", query);
      try {
        const answer = await fetch(url, {
          signal: pending.signal,
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!answer.ok) {
          throw new Error(String(answer.status));
        }
        const body = await answer.json();
        if (input.value.trim() === query) {
          render(body.results || [], Boolean(body.more));
        }
      } catch (error) {
        if (error.name !== "AbortError") {
          status.textContent = "Không tải được gợi ý. Bạn vẫn có thể gõ tên hoặc mã rồi tiếp tục.";
        }
      }
    }

    input.addEventListener("input", () => {
      if (input.value !== chosenLabel) {
        chosenId.value = ""; // an edited text is no longer the unit chosen
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!isOpen()) {
            if (options.length) {
              open();
            } else {
              suggest();
            }
            return;
          }
          highlight(active < options.length - 1 ? active + 1 : 0);
          break;
        case "ArrowUp":
          if (isOpen()) {
            event.preventDefault();
            highlight(active > 0 ? active - 1 : options.length - 1);
          }
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault(); // choose, do not submit the form
            choose(active);
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            chosenId.value = "";
            chosenLabel = null;
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);
  }

  function setUpAll(scope) {
    scope.querySelectorAll("[data-unit-combobox]").forEach(setUpCombobox);
  }

  setUpAll(document);
  document.addEventListener("htmx:load", (event) => {
    if (event.target instanceof Element) {
      setUpAll(event.target);
    }
  });

  // The error summary takes the focus when the page opens, so that a screen reader reads it first and a
  // keyboard user is one Tab from the first link.
  const summary = document.querySelector("[data-error-summary]");
  if (summary instanceof HTMLElement) {
    summary.focus();
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) {
      return;
    }
    // A summary's link: put the question's label in view and the caret in its box.
    const link = target.closest("[data-error-summary] a[href^='#']");
    if (link instanceof HTMLAnchorElement) {
      const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (field) {
        event.preventDefault();
        const label = document.querySelector(`label[for="${field.id}"]`) || field.closest("fieldset") || field;
        label.scrollIntoView();
        field.focus({ preventScroll: true });
      }
      return;
    }
    if (target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
})();
