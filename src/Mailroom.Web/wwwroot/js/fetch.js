// Fetch now, on an account's fetch panel and on the Mail Accounts list, posted to the API instead of reloading the
// page (the list's no-script fallback is the page's own FetchNow handler). What the fetch then does is drawn by the
// server and swapped in by live.js; this file only says whether the fetch could start, and why not.
(() => {
  "use strict";

  const token = () => document.querySelector("meta[name='request-verification-token']")?.getAttribute("content") ?? "";

  const fetchNow = async (url) => {
    const response = await fetch(url, { method: "POST", headers: { RequestVerificationToken: token(), Accept: "application/json" } });
    if (response.ok) return "Fetching now. New mail appears in the account's folder as it arrives.";
    // 409: the account is disabled; the answer says why and what to do.
    if (response.status === 409) return await response.json();
    return "Fetch now did not start. Reload the page and try again.";
  };

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-fetch-panel] [data-fetch-now]");
    if (!button) return;
    const panel = button.closest("[data-fetch-panel]");
    const text = await fetchNow(panel.dataset.statusUrl);
    const result = panel.querySelector("[data-fetch-now-result]");
    if (result) result.textContent = text;
  });

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-fetch-now-url]");
    if (!form) return;
    event.preventDefault();
    const text = await fetchNow(form.dataset.fetchNowUrl);
    const result = form.closest("li")?.querySelector("[data-fetch-now-result]");
    if (result) result.textContent = text;
  });
})();
