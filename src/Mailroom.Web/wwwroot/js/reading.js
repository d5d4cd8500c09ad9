// Reading mail: selecting several messages at once (dates are time.js's).
// An enhancement only: without scripts the list's forms still work.
(() => {
  "use strict";

  const wireSelection = () => {
    const form = document.querySelector("[data-message-list]");
    if (!form) return;
    const boxes = () => [...form.querySelectorAll("input[name=ids]")];
    const all = form.querySelector("[data-select-all]");
    const count = form.querySelector("[data-selected-count]");
    const actions = [...form.querySelectorAll("[data-needs-selection]")];
    const update = () => {
      const checked = boxes().filter(b => b.checked).length;
      for (const action of actions) action.disabled = checked === 0;
      if (count) count.textContent = checked === 0 ? "" : `${checked} selected`;
      if (all) {
        all.checked = checked > 0 && checked === boxes().length;
        all.indeterminate = checked > 0 && checked < boxes().length;
      }
      for (const box of boxes()) box.closest("[data-row]")?.classList.toggle("is-selected", box.checked);
    };
    all?.addEventListener("change", () => {
      for (const box of boxes()) box.checked = all.checked;
      update();
    });
    form.addEventListener("change", event => {
      if (event.target.name === "ids") update();
    });
    update();
  };

  const start = () => wireSelection();

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Search as you type (search.js) swaps the list in place.
  document.addEventListener("mailroom:list-replaced", start);
})();
