// Fetch now and the live progress bar of the fetch panel. Polls the JSON status every 2 s while a fetch runs,
// and reloads the history whenever a run has ended. Fetch now forms on the Mail Accounts list post to the API
// instead of reloading the page (their no-script fallback is the page's own FetchNow handler).
(() => {
  "use strict";

  const size = window.mailroom.byteSize;

  const token = () => document.querySelector("meta[name='request-verification-token']")?.getAttribute("content") ?? "";

  const fetchNow = (url) => fetch(url, { method: "POST", headers: { RequestVerificationToken: token(), Accept: "application/json" } });

  const utcTime = (iso) => {
    const time = document.createElement("time");
    time.dateTime = iso;
    time.textContent = `${new Date(iso).toISOString().slice(11, 16)} UTC`;
    return time;
  };

  const cell = (row, text) => {
    const td = row.insertCell();
    td.textContent = text;
    return td;
  };

  const renderHistory = (panel, runs) => {
    const table = panel.querySelector("[data-fetch-history]");
    if (!table) return;
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const run of runs) {
      const row = body.insertRow();
      row.insertCell().append(utcTime(run.startedAt));
      cell(row, run.durationSeconds == null ? "running" : `${Math.round(run.durationSeconds * 10) / 10} s`);
      cell(row, run.skippedMessages > 0 ? `${run.newMessages} (${run.skippedMessages} left on server)` : String(run.newMessages));
      cell(row, size(run.newBytes));
      cell(row, run.failureMessage == null ? run.outcome : `${run.outcome}: ${run.failureMessage}`);
    }
    table.toggleAttribute("hidden", runs.length === 0);
    table.dataset.running = String(runs.some((run) => run.durationSeconds == null));
  };

  const refreshHistory = async (panel) => {
    const response = await fetch(`${panel.dataset.statusUrl}/history`, { headers: { Accept: "application/json" } });
    if (response.ok) renderHistory(panel, (await response.json()).slice(0, 10));
  };

  const renderIdle = (note, status) => {
    const span = document.createElement("span");
    if (status.lastFailureMessage != null) {
      span.className = "fetch-panel__error";
      span.textContent = `Last fetch failed: ${status.lastFailureMessage}`;
    } else if (status.nextFetchAt != null) {
      span.append("Next fetch at ", utcTime(status.nextFetchAt), ".");
    } else {
      span.textContent = "The first fetch starts within seconds.";
    }
    note.replaceChildren(span);
  };

  const render = (panel, status) => {
    panel.querySelector("[data-fetch-progress]").toggleAttribute("hidden", !status.fetching);
    const idle = panel.querySelector("[data-fetch-idle]");
    idle.toggleAttribute("hidden", status.fetching);
    if (!status.fetching) {
      renderIdle(idle, status);
      return;
    }
    panel.querySelector("[data-fetch-bar]").value = status.percent ?? 0;
    const eta = status.estimatedSecondsLeft == null ? "" : `, about ${Math.ceil(status.estimatedSecondsLeft)} s left`;
    panel.querySelector("[data-fetch-text]").textContent =
      `${status.messagesDone} of ${status.messagesTotal} messages (${size(status.bytesDone)} of ${size(status.bytesTotal)})${eta}`;
  };

  // A run that starts and ends between two polls is never seen fetching, but it moves the next scheduled fetch.
  // The status can also turn idle while the history still lists the run as running: refresh until it has ended.
  const runKey = (status) => `${status.fetching}|${status.startedAt}|${status.nextFetchAt}|${status.lastFailureMessage}`;
  const historyRunning = (panel) => panel.querySelector("[data-fetch-history]")?.dataset.running === "true";

  const poll = async (panel) => {
    const response = await fetch(panel.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const status = await response.json();
    render(panel, status);
    const key = runKey(status);
    const changed = panel.dataset.runKey !== undefined && panel.dataset.runKey !== key;
    if (!status.fetching && (changed || historyRunning(panel))) await refreshHistory(panel);
    panel.dataset.runKey = key;
    panel.dataset.fetching = String(status.fetching);
  };

  document.addEventListener("DOMContentLoaded", () => {
    for (const panel of document.querySelectorAll("[data-fetch-panel]")) {
      panel.querySelector("[data-fetch-now]")?.addEventListener("click", async () => {
        await fetchNow(panel.dataset.statusUrl);
        panel.dataset.fetching = "true";
      });
      poll(panel);
      setInterval(() => { if (panel.dataset.fetching === "true" || document.visibilityState === "visible") poll(panel); }, 2000);
    }

    for (const form of document.querySelectorAll("form[data-fetch-now-url]")) {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const result = form.closest("li")?.querySelector("[data-fetch-now-result]");
        const response = await fetchNow(form.dataset.fetchNowUrl);
        if (!result) return;
        result.textContent = response.ok ? "Fetching now. New mail appears in the account's folder as it arrives."
          : response.status === 409 ? "This account is disabled; enable it before fetching."
          : "Fetch now did not start. Reload the page and try again.";
      });
    }
  });
})();
