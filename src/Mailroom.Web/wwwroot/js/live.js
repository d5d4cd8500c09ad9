// Live updates: one Server-Sent Events stream per page tells what changed (new mail, read state, a fetch, an account);
// the server draws every region again (the left pane, the list's rows, the fetch panel, banners) and this file swaps
// the new HTML in. Nothing is drawn here twice: without scripts the same regions simply show what the page was drawn with.
(() => {
  "use strict";

  const source = document.querySelector("meta[name='live-events']")?.getAttribute("content");
  if (!source || !window.EventSource) return;

  const parse = (html) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  };

  const load = async (url) => {
    const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    return response.ok ? parse(await response.text()) : null;
  };

  // Replaces an element by its new version, keeping keyboard focus on the same link or control if it was inside.
  const replaceKeepingFocus = (current, next) => {
    const focused = current.contains(document.activeElement) ? document.activeElement : null;
    const key = focused?.getAttribute("href") ?? focused?.getAttribute("name");
    current.replaceWith(next);
    if (key) next.querySelector(`[href="${CSS.escape(key)}"], [name="${CSS.escape(key)}"]`)?.focus({ preventScroll: true });
  };

  // Children are matched by position; only those whose HTML changed are replaced.
  const patchChildren = (container, fresh) => {
    const next = [...fresh.children];
    const current = [...container.children];
    if (next.length !== current.length) {
      container.replaceChildren(...next);
      return;
    }
    next.forEach((child, i) => { if (current[i].outerHTML !== child.outerHTML) replaceKeepingFocus(current[i], child); });
  };

  // --- The tab title carries the unread count of All mail, as in every mail client.
  const baseTitle = document.title;
  const showUnreadInTitle = () => {
    const count = document.querySelector("[data-live-nav] [data-unread-count='all']")?.textContent.trim();
    document.title = count ? `(${count}) ${baseTitle}` : baseTitle;
  };

  // --- The list: new rows go in where they belong; if the reader has scrolled down, nothing moves under them.
  let unseen = 0;
  const pill = (() => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "new-mail-pill";
    button.hidden = true;
    button.addEventListener("click", () => {
      window.scrollTo({ top: 0, behavior: "smooth" });
      hidePill();
    });
    return button;
  })();
  const hidePill = () => { unseen = 0; pill.hidden = true; };
  window.addEventListener("scroll", () => { if (window.scrollY === 0) hidePill(); }, { passive: true });

  const firstVisibleRow = (rows) => rows.find((row) => row.getBoundingClientRect().bottom > 0);

  const mergeRows = (region, fresh) => {
    const list = region.querySelector("ul.message-list");
    const freshList = fresh.querySelector("ul.message-list");
    if (!list || !freshList) {
      // From "No messages here yet" to a first message (or back): the whole region changes.
      region.replaceChildren(...fresh.childNodes);
      return;
    }
    const byId = new Map([...list.children].map((row) => [row.dataset.messageId, row]));
    const anchor = firstVisibleRow([...list.children]);
    const anchorTop = anchor?.getBoundingClientRect().top;
    const scrolled = window.scrollY > 0;
    let added = 0;
    let insertBefore = list.firstElementChild;
    for (const row of [...freshList.children]) {
      const existing = byId.get(row.dataset.messageId);
      if (existing) {
        // Read state may have changed; a row being selected or focused is left as the reader has it.
        const box = existing.querySelector("input[name=ids]");
        if (existing.className !== row.className && !box?.checked && !existing.contains(document.activeElement)) {
          existing.replaceWith(row);
          insertBefore = row.nextElementSibling;
        } else {
          insertBefore = existing.nextElementSibling;
        }
        continue;
      }
      list.insertBefore(row, insertBefore);
      row.classList.add("message-row--new");
      added++;
    }
    if (anchor && scrolled) window.scrollBy(0, anchor.getBoundingClientRect().top - anchorTop);
    if (added > 0 && scrolled) {
      unseen += added;
      pill.textContent = unseen === 1 ? "1 new message" : `${unseen} new messages`;
      pill.hidden = false;
    }
  };

  // --- Regions, each redrawn on the kinds of change it shows.
  const regions = () => {
    const found = [];
    const nav = document.querySelector("[data-live-nav]");
    if (nav) {
      found.push({
        element: nav, on: ["mail", "read", "fetch", "account"],
        url: () => `/live/nav?for=${encodeURIComponent(location.pathname + location.search)}`,
        apply: (fresh) => { patchChildren(nav, fresh); showUnreadInTitle(); },
      });
    }
    const list = document.querySelector("[data-live-list]");
    if (list) {
      found.push({ element: list, on: ["mail", "read", "account"], url: () => list.dataset.liveList, apply: (fresh) => mergeRows(list, fresh) });
    }
    for (const element of document.querySelectorAll("[data-live-src]")) {
      found.push({
        element, on: element.dataset.liveOn.split(" "), account: element.dataset.liveAccount,
        url: () => element.dataset.liveSrc,
        apply: (fresh) => patchChildren(element, fresh.firstElementChild ?? fresh),
      });
    }
    return found;
  };

  // One request per region at a time; changes that arrive meanwhile cause one more.
  const pending = new WeakMap();
  const refresh = async (region) => {
    const state = pending.get(region.element) ?? { busy: false, again: false };
    pending.set(region.element, state);
    if (state.busy) { state.again = true; return; }
    state.busy = true;
    try {
      do {
        state.again = false;
        const fresh = await load(region.url());
        if (fresh && region.element.isConnected) {
          region.apply(fresh);
          // New HTML carries times in UTC text: time.js writes them in the reader's zone.
          region.element.dispatchEvent(new CustomEvent("live:updated", { bubbles: true }));
        }
      } while (state.again);
    } catch {
      // The next change, or the next reconnect, redraws it.
    } finally {
      state.busy = false;
    }
  };

  let timer = 0;
  const due = new Set();
  const schedule = (change) => {
    for (const region of regions()) {
      const concerned = !change || (region.on.includes(change.change) && (!region.account || !change.accountId || region.account === change.accountId));
      if (concerned) due.add(region.element);
    }
    clearTimeout(timer);
    // Progress events come every second during a fetch: gather what arrives close together into one redraw.
    timer = setTimeout(() => {
      for (const region of regions()) if (due.has(region.element)) refresh(region);
      due.clear();
    }, 250);
  };

  // --- Desktop notifications, only after the user asked for them.
  const notifyKey = "mailroom.notifications";
  const notifyButton = document.querySelector("[data-notify-toggle]");
  const notificationsOn = () => window.Notification?.permission === "granted" && localStorage.getItem(notifyKey) === "on";
  const labelNotify = () => {
    if (!notifyButton) return;
    notifyButton.hidden = !window.Notification;
    notifyButton.textContent = notificationsOn() ? "Turn off desktop notifications" : "Turn on desktop notifications";
  };
  notifyButton?.addEventListener("click", async () => {
    if (notificationsOn()) localStorage.setItem(notifyKey, "off");
    else if (await Notification.requestPermission() === "granted") localStorage.setItem(notifyKey, "on");
    labelNotify();
  });
  labelNotify();

  const notify = (change) => {
    if (change.change !== "mail" || !notificationsOn() || document.visibilityState === "visible") return;
    const name = document.querySelector(`[data-live-nav] [data-account-name][data-account-id="${change.accountId}"]`)?.dataset.accountName;
    new Notification("New mail", { body: name ? `New mail in ${name}` : "New mail has arrived", tag: `mailroom-${change.accountId}` });
  };

  // --- The stream. The browser reconnects by itself and sends the last id it saw; the server replays what was missed.
  let connections = 0;
  const start = () => {
    document.querySelector("[data-live-list]")?.before(pill);
    showUnreadInTitle();
    const events = new EventSource(source);
    events.addEventListener("ready", () => {
      document.documentElement.dataset.live = "connected";
      // After a reconnect, draw everything once more: the replay covers missed events, this covers pruned ones too.
      if (++connections > 1) schedule(null);
    });
    events.addEventListener("change", (message) => {
      const change = JSON.parse(message.data);
      notify(change);
      schedule(change);
    });
    events.addEventListener("error", () => { document.documentElement.dataset.live = "reconnecting"; });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
