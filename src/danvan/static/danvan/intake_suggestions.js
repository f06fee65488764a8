// Suggestions while a letter is entered at the desk (issue 11): the existing cases most likely about the
// same matter, each with its score and reason, to join with one click or to set aside as a new case; the
// suggested kind, field and competent body beside their fields; the text's warnings under the content.
// Once the content has data-min-content characters and a sender is named (or the letter is anonymous), the
// page asks petitions/intake/suggestions/ (the answer of POST /api/v1/letters/suggestions) 400 ms after the
// last key. Changes are announced politely to screen readers. Without this script the form works the same:
// a likely case is kept as a suggestion to decide on the case page.
(() => {
  "use strict";

  const DELAY_MS = 400;
  const form = document.querySelector("form[data-intake-suggestions]");
  if (!(form instanceof HTMLFormElement)) {
    return;
  }
  const byId = (id) => document.getElementById(id);
  const field = (name) => form.elements.namedItem(name);
  const panel = byId("intake-suggestions");
  const list = byId("intake-suggestions-list");
  const summary = byId("intake-suggestions-summary");
  const status = byId("intake-suggestions-status");
  const choice = byId("intake-choice");
  const choiceText = byId("intake-choice-text");
  const caseInput = field("case_id");
  const newInput = field("confirmed_new");
  if (!panel || !list || !summary || !status || !choice || !choiceText || !caseInput || !newInput) {
    return;
  }
  const newButton = panel.querySelector("[data-intake-new]");
  const unchooseButton = panel.querySelector("[data-intake-unchoose]");
  const url = form.dataset.intakeSuggestions;
  const minContent = Number(form.dataset.minContent || "20");
  // Only the beginning of a long text is compared: one character more tells the server it was longer.
  const maxContent = Number(form.dataset.maxContent || "20000");
  // The kind and the field the officer chose himself: sent as chosen (the classifier keeps them).
  const chosenByOfficer = new Set();
  let timer = 0;
  let pending = null;
  let lastQuestion = "";
  let lastCount = -1;
  let cases = [];
  let applying = false; // a suggestion being used, not a choice by hand

  function announce(text) {
    // Emptied first, so that the same sentence twice is read twice.
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, 50);
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text !== undefined) {
      el.textContent = text;
    }
    return el;
  }

  function lowerFirst(text) {
    return text ? text.charAt(0).toLowerCase() + text.slice(1) : "";
  }

  // --- the question -------------------------------------------------------------------------------

  function value(name) {
    const el = field(name);
    return el && "value" in el ? el.value : "";
  }

  function question() {
    const anonymous = field("anonymous");
    const named = value("sender_name").trim() || value("sender_id_number").trim() || (anonymous && anonymous.checked);
    if (value("content").trim().length < minContent || !named) {
      return null;
    }
    const data = new FormData();
    for (const name of ["sender_name", "sender_id_number", "sender_address", "unit", "unit_pk"]) {
      data.set(name, value(name));
    }
    data.set("content", value("content").slice(0, maxContent + 1));
    if (anonymous && anonymous.checked) {
      data.set("anonymous", "on");
    }
    for (const name of chosenByOfficer) {
      data.set(name, value(name));
    }
    return data;
  }

  // The form's data-suggestions says where the question is: "waiting" (for the typing to pause), "asking",
  // "ready" (the answer shown, or nothing to ask).
  function state(value) {
    form.dataset.suggestions = value;
  }

  async function ask() {
    const data = question();
    const key = data ? JSON.stringify([...data.entries()]) : "";
    if (!data || key === lastQuestion) {
      if (!pending && !timer) {
        state("ready");
      }
      return;
    }
    lastQuestion = key;
    data.set("csrfmiddlewaretoken", value("csrfmiddlewaretoken"));
    if (pending) {
      pending.abort();
    }
    const asking = new AbortController();
    pending = asking;
    state("asking");
    panel.setAttribute("aria-busy", "true");
    try {
      const answer = await fetch(url, {
        method: "POST",
        body: data,
        signal: asking.signal,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!answer.ok) {
        throw new Error(String(answer.status));
      }
      const body = await answer.json();
      showCases(body.cases || []);
      showClassification(body.classification || null);
      showWarnings(body.warnings || []);
    } catch (error) {
      if (error.name !== "AbortError") {
        lastQuestion = "";
        hint("content", "Không tải được gợi ý. Vẫn vào sổ đơn được như thường.");
      }
    } finally {
      if (pending === asking) {
        pending = null;
        panel.removeAttribute("aria-busy");
        state(timer ? "waiting" : "ready");
      }
    }
  }

  function later() {
    window.clearTimeout(timer);
    state("waiting");
    timer = window.setTimeout(() => {
      timer = 0;
      ask();
    }, DELAY_MS);
  }

  // --- the cases ----------------------------------------------------------------------------------

  function caseItem(found) {
    const item = element("li", "border rounded-2 p-2 p-sm-3 mb-2 bg-body intake-case");
    item.dataset.caseId = String(found.case_id);
    const head = element("div", "d-flex flex-wrap align-items-baseline gap-2 mb-1");
    const link = element("a", "fw-semibold", `Vụ việc ${found.number}`);
    link.href = found.url;
    link.target = "_blank";
    link.rel = "noopener";
    link.id = `intake-case-${found.case_id}`;
    link.append(element("span", "visually-hidden", " (mở trong thẻ mới)"));
    const score = element("span", "badge text-bg-warning", `điểm ${found.percent}/100`);
    score.title = "Điểm: nội dung giống, cộng thêm khi cùng người gửi, cùng thôn, cùng đơn vị";
    head.append(link, score, element("span", "small text-body-secondary", `${found.unit.name} · ${found.status_label} · ${found.kind_label}`));
    const reason = element("p", "small mb-1", found.reason);
    reason.id = `intake-reason-${found.case_id}`;
    item.append(head, reason);
    if (found.joinable) {
      const join = element("button", "btn btn-sm btn-primary", "Gộp vào vụ việc này");
      join.type = "button";
      join.dataset.join = String(found.case_id);
      join.setAttribute("aria-describedby", `${link.id} ${reason.id}`);
      join.addEventListener("click", () => choose(found));
      const row = element("div", "d-grid d-sm-block mt-1");
      row.append(join);
      item.append(row);
    } else {
      item.append(element("p", "small text-body-secondary fst-italic mb-0", found.note));
    }
    return item;
  }

  function showCases(found) {
    cases = found;
    list.replaceChildren(...found.map(caseItem));
    const joinable = found.some((c) => c.joinable);
    if (newButton) {
      newButton.hidden = !joinable;
    }
    let text;
    if (found.length) {
      text = `Có ${found.length} vụ việc có thể cùng nội dung với đơn này.`;
      if (!joinable) {
        text += " Không vụ việc nào thuộc đơn vị này: đơn sẽ vào sổ như vụ việc mới.";
      }
    } else {
      text = "Không thấy vụ việc nào có thể cùng nội dung.";
    }
    summary.textContent = text;
    panel.hidden = !found.length && caseInput.value === "" && newInput.value === "";
    if (found.length !== lastCount) {
      announce(text);
    }
    lastCount = found.length;
    markChosen();
  }

  function markChosen() {
    list.querySelectorAll("button[data-join]").forEach((button) => {
      const on = button.dataset.join === caseInput.value;
      button.disabled = on;
      button.textContent = on ? "Đã chọn vụ việc này" : "Gộp vào vụ việc này";
    });
    if (newButton) {
      newButton.disabled = newInput.value !== "";
      newButton.textContent = newInput.value !== "" ? "Đã xác nhận là vụ việc mới" : "Đây là vụ việc mới";
    }
  }

  function choose(found) {
    caseInput.value = String(found.case_id);
    newInput.value = "";
    const link = element("a", "alert-link", found.number);
    link.href = found.url;
    link.target = "_blank";
    link.rel = "noopener";
    choiceText.replaceChildren("Đã chọn: gộp đơn vào vụ việc ", link, ` (${found.unit.name}).`);
    choice.hidden = false;
    markChosen();
    announce(`Đã chọn gộp đơn vào vụ việc ${found.number}. Bấm “Vào sổ” để lưu.`);
    if (unchooseButton) {
      unchooseButton.focus();
    }
  }

  function confirmNew() {
    caseInput.value = "";
    newInput.value = "true";
    choiceText.textContent = "Đã xác nhận: đây là vụ việc mới.";
    choice.hidden = false;
    markChosen();
    announce("Đã xác nhận đây là vụ việc mới, không gộp vào vụ việc nào.");
    if (unchooseButton) {
      unchooseButton.focus();
    }
  }

  function unchoose() {
    caseInput.value = "";
    newInput.value = "";
    choiceText.textContent = "";
    choice.hidden = true;
    markChosen();
    announce("Đã bỏ chọn: chưa quyết định gộp hay là vụ việc mới.");
    const first = list.querySelector("button[data-join]") || newButton;
    if (first) {
      first.focus();
    }
    panel.hidden = !cases.length;
  }

  // --- the classification and the warnings --------------------------------------------------------

  function hint(name, text, use) {
    const box = byId(`intake-hint-${name}`);
    const key = `${text}|${use ? "use" : ""}`;
    if (!box || box.dataset.shown === key) {
      return; // the same hint again is not read again
    }
    box.dataset.shown = key;
    if (!text) {
      box.replaceChildren();
      return;
    }
    const line = element("span", "text-body-secondary", text);
    box.replaceChildren(line);
    if (use) {
      const button = element("button", "btn btn-link btn-sm p-0 ms-1 align-baseline", "Dùng gợi ý");
      button.type = "button";
      button.addEventListener("click", () => {
        use();
        box.dataset.shown = "used";
        box.replaceChildren(element("span", "text-success", `Đã dùng gợi ý: ${use.label}.`));
      });
      box.append(" ", button);
    }
  }

  function setSelect(name, wanted) {
    const select = field(name);
    if (!(select instanceof HTMLSelectElement) || ![...select.options].some((o) => o.value === wanted)) {
      return false;
    }
    select.value = wanted;
    applying = true;
    try {
      select.dispatchEvent(new Event("change", { bubbles: true })); // the kind's own conditions (conditional.js)
    } finally {
      applying = false;
    }
    return true;
  }

  function suggestChoice(name, wanted, label, reason) {
    if (chosenByOfficer.has(name)) {
      return; // his choice stands; what he was told about it stays
    }
    const current = value(name);
    if (!wanted) {
      hint(name, "");
      return;
    }
    const text = `Gợi ý: ${label}${reason ? ` — vì ${lowerFirst(reason)}` : ""}`;
    if (current === wanted) {
      hint(name, text);
      return;
    }
    const use = () => setSelect(name, wanted);
    use.label = label;
    hint(name, text, use);
  }

  function showClassification(found) {
    if (!found) {
      ["kind", "subject", "competent_sector"].forEach((name) => hint(name, ""));
      return;
    }
    suggestChoice("kind", found.kind, found.kind_label, found.kind_reason);
    suggestChoice("subject", found.subject_id === null ? "" : String(found.subject_id), found.subject, found.subject_reason);
    if (found.body) {
      const parts = [found.body, found.handling].filter(Boolean).join(" — ");
      const text = `Cơ quan có thẩm quyền (gợi ý): ${parts}${found.basis ? ` (căn cứ: ${found.basis})` : ""}`;
      const sector = field("competent_sector");
      if (sector && "value" in sector && sector.value.trim() !== found.body) {
        const use = () => {
          sector.value = found.body;
          sector.dispatchEvent(new Event("input", { bubbles: true }));
        };
        use.label = found.body;
        hint("competent_sector", text, use);
      } else {
        hint("competent_sector", text);
      }
    } else {
      hint("competent_sector", "");
    }
  }

  function showWarnings(warnings) {
    hint("content", warnings.join(" "));
  }

  // --- wiring -------------------------------------------------------------------------------------

  for (const name of ["content", "sender_name", "sender_id_number", "sender_address"]) {
    const el = field(name);
    if (el) {
      el.addEventListener("input", later);
    }
  }
  for (const name of ["kind", "subject"]) {
    const el = field(name);
    if (el) {
      el.addEventListener("change", () => {
        chosenByOfficer.add(name);
        if (!applying) {
          hint(name, ""); // chosen by hand: the suggestion made before is no longer the question
        }
        later();
      });
    }
  }
  for (const name of ["anonymous", "unit"]) {
    const el = field(name);
    if (el) {
      el.addEventListener("change", later);
    }
  }
  if (newButton) {
    newButton.addEventListener("click", confirmNew);
  }
  if (unchooseButton) {
    unchooseButton.addEventListener("click", unchoose);
  }
  markChosen();
  // A form back from the server (another field to fix) asks at once: the choice made is shown again.
  ask();
})();
