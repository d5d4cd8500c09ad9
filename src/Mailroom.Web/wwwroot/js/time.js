// One way to show time, on every page: each <time datetime data-format> is written in the reader's time zone (the one
// stored for them, else the browser's), in one family of formats, with the exact instant and its UTC offset on hover.
// Without scripts the server's text stays: the same family, in UTC, saying so.
(() => {
  "use strict";

  const stored = document.querySelector("meta[name='time-zone']")?.getAttribute("content");
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = stored || browserZone;
  const format = (options) => new Intl.DateTimeFormat(undefined, { timeZone: zone, hourCycle: "h23", ...options });

  const clock = format({ hour: "2-digit", minute: "2-digit" });
  const dayMonth = format({ day: "numeric", month: "short" });
  const date = format({ day: "numeric", month: "short", year: "numeric" });
  const dayKey = format({ year: "numeric", month: "2-digit", day: "2-digit" });
  const yearKey = format({ year: "numeric" });
  const full = format({ weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const exact = format({
    weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "longOffset",
  });

  // list: today the time, this year day and month, older the date. time: the time, with the day unless today. full: everything.
  const text = (kind, instant, now) => {
    const today = dayKey.format(instant) === dayKey.format(now);
    const thisYear = yearKey.format(instant) === yearKey.format(now);
    switch (kind) {
      case "list": return today ? clock.format(instant) : thisYear ? dayMonth.format(instant) : date.format(instant);
      case "time": return today ? clock.format(instant) : `${(thisYear ? dayMonth : date).format(instant)}, ${clock.format(instant)}`;
      default: return full.format(instant);
    }
  };

  const render = (root = document) => {
    const now = new Date();
    for (const element of root.querySelectorAll("time[data-format]")) {
      const instant = new Date(element.getAttribute("datetime"));
      if (Number.isNaN(instant.getTime())) continue;
      const label = text(element.dataset.format, instant, now);
      // "no date" mail keeps its words and shows when it was fetched instead.
      element.textContent = element.dataset.prefix ? `${element.dataset.prefix} ${label}` : label;
      element.title = exact.format(instant);
    }
  };

  // The first page a signed-in user sees stores the browser's zone for them (and so for emails and every device).
  const remember = () => {
    const token = document.querySelector("meta[name='request-verification-token']")?.getAttribute("content");
    if (stored !== "" || !token) return;
    fetch("/api/me/time-zone", {
      method: "PUT",
      headers: { "Content-Type": "application/json", RequestVerificationToken: token },
      body: JSON.stringify({ timeZone: browserZone }),
    }).catch(() => { /* the next page tries again */ });
  };

  const start = () => {
    render();
    remember();
  };
  document.addEventListener("live:updated", (event) => render(event.target instanceof Element ? event.target : document));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
