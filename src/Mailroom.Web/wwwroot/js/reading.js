// Reading mail: dates in the reader's own time zone, and selecting several messages at once.
// Everything here is an enhancement: without scripts, dates show in UTC and the list's forms still work.
(() => {
  "use strict";

  const full = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  const dayMonth = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
  const date = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

  const sameDay = (a, b) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

  // The list: today shows the time, this year the day and month, older mail the full date.
  const listFormat = (instant, now) =>
    sameDay(instant, now) ? time.format(instant)
      : instant.getFullYear() === now.getFullYear() ? dayMonth.format(instant)
        : date.format(instant);

  const formatDates = () => {
    const now = new Date();
    for (const element of document.querySelectorAll("time[data-format]")) {
      const instant = new Date(element.getAttribute("datetime"));
      if (Number.isNaN(instant.getTime())) continue;
      element.textContent = element.dataset.format === "list" ? listFormat(instant, now) : full.format(instant);
      element.title = full.format(instant);
    }
  };

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

  const start = () => {
    formatDates();
    wireSelection();
    // Rows that live.js merged into the list arrive with UTC fallback text.
    document.addEventListener("live:rows", formatDates);
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
