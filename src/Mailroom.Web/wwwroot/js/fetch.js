// Fetch now and the live progress bar of the fetch panel. Polls the JSON status every 2 s while a fetch runs.
(() => {
  "use strict";

  const size = (bytes) => bytes < 1024 ? `${bytes} B`
    : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;

  const token = () => document.querySelector("meta[name='request-verification-token']")?.getAttribute("content") ?? "";

  const render = (panel, status) => {
    panel.querySelector("[data-fetch-progress]").toggleAttribute("hidden", !status.fetching);
    panel.querySelector("[data-fetch-idle]").toggleAttribute("hidden", status.fetching);
    if (!status.fetching) return;
    panel.querySelector("[data-fetch-bar]").value = status.percent ?? 0;
    const eta = status.estimatedSecondsLeft == null ? "" : `, about ${Math.ceil(status.estimatedSecondsLeft)} s left`;
    panel.querySelector("[data-fetch-text]").textContent =
      `${status.messagesDone} of ${status.messagesTotal} messages (${size(status.bytesDone)} of ${size(status.bytesTotal)})${eta}`;
  };

  const poll = async (panel) => {
    const response = await fetch(panel.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const status = await response.json();
    render(panel, status);
    panel.dataset.fetching = String(status.fetching);
  };

  document.addEventListener("DOMContentLoaded", () => {
    for (const panel of document.querySelectorAll("[data-fetch-panel]")) {
      panel.querySelector("[data-fetch-now]")?.addEventListener("click", async () => {
        await fetch(panel.dataset.statusUrl, { method: "POST", headers: { RequestVerificationToken: token() } });
        panel.dataset.fetching = "true";
      });
      poll(panel);
      setInterval(() => { if (panel.dataset.fetching === "true" || document.visibilityState === "visible") poll(panel); }, 2000);
    }
  });
})();
