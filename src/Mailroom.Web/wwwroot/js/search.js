// Search as you type. The search box is a plain GET form (Enter searches without any script); with scripts, the
// list below it follows the words as they are typed, the last word matching as a prefix, without a page load.
(() => {
  "use strict";

  const form = document.querySelector("form[role='search']");
  const input = form?.querySelector("input[name='q']");
  if (!form || !input) return;

  // before:/after: dates mean days in the reader's time zone.
  const zone = form.querySelector("[data-search-time-zone]");
  if (zone) zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";

  let timer;
  let pending;

  const update = async () => {
    const list = document.querySelector("[data-mail-list]");
    if (!list) return; // Only the list page updates in place; elsewhere Enter searches.
    const params = new URLSearchParams(new FormData(form));
    if (input.value.trim()) params.set("partial", "true");
    else params.delete("q");
    const address = params.size ? `/?${params}` : "/";
    pending?.abort();
    pending = new AbortController();
    let html;
    try {
      const response = await fetch(address, { signal: pending.signal, headers: { Accept: "text/html" } });
      if (!response.ok) return;
      html = await response.text();
    } catch (error) {
      if (error.name === "AbortError") return;
      throw error;
    }
    const page = new DOMParser().parseFromString(html, "text/html");
    const fresh = page.querySelector("[data-mail-list]");
    if (!fresh) return;
    document.querySelector("[data-mail-list]")?.replaceWith(document.adoptNode(fresh));
    document.title = page.title;
    // The address is this search, so Back and reload show these same results.
    history.replaceState(null, "", address);
    document.dispatchEvent(new CustomEvent("mailroom:list-replaced"));
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
})();
