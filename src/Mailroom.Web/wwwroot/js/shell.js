// Menus and the collapsible left pane of the app shell. Loaded from a file: the CSP allows no inline script.
// Loaded first on every page, so it also holds what the other scripts share (window.mailroom).
(() => {
  "use strict";

  // The one byte-size formatter for scripts, the same as the server's ByteSize.Format: "812 B", "14 KB", "2.3 MB".
  const oneDecimal = (value) => String(Math.round(value * 10) / 10);
  const byteSize = (bytes) => bytes < 1024 ? `${bytes} B`
    : bytes < 1048576 ? `${Math.ceil(bytes / 1024)} KB`
    : bytes < 1073741824 ? `${oneDecimal(bytes / 1048576)} MB` : `${oneDecimal(bytes / 1073741824)} GB`;
  window.mailroom = Object.freeze({ byteSize });

  const closeMenus = (except) => {
    for (const button of document.querySelectorAll("[data-menu-button][aria-expanded='true']")) {
      if (button === except) continue;
      button.setAttribute("aria-expanded", "false");
      document.getElementById(button.getAttribute("aria-controls"))?.setAttribute("hidden", "");
    }
  };

  const setNavOpen = (open) => {
    document.body.classList.toggle("app--nav-open", open);
    document.querySelector("[data-nav-toggle]")?.setAttribute("aria-expanded", String(open));
  };

  document.addEventListener("click", (event) => {
    const menuButton = event.target.closest("[data-menu-button]");
    if (menuButton) {
      const panel = document.getElementById(menuButton.getAttribute("aria-controls"));
      const open = menuButton.getAttribute("aria-expanded") !== "true";
      closeMenus(menuButton);
      menuButton.setAttribute("aria-expanded", String(open));
      panel?.toggleAttribute("hidden", !open);
      if (open) panel?.querySelector("a, button")?.focus();
      return;
    }
    if (!event.target.closest("[data-menu]")) closeMenus();
    if (event.target.closest("[data-nav-toggle]")) {
      setNavOpen(!document.body.classList.contains("app--nav-open"));
    } else if (event.target.closest("[data-nav-scrim]")) {
      setNavOpen(false);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = document.querySelector("[data-menu-button][aria-expanded='true']");
    closeMenus();
    setNavOpen(false);
    open?.focus();
  });
})();
