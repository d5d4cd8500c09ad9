// Add/edit POP3 account form: provider prefill, SSL/port defaults, and Test Account through the JSON API
// without leaving the page (so the typed password stays in its field). Without this script the form still
// works with plain posts. No inline script anywhere: the page runs under a strict Content-Security-Policy.
(() => {
  "use strict";
  const form = document.getElementById("account-form");
  if (!form) return;

  const field = (name) => form.elements.namedItem(name);
  const email = field("Input.EmailAddress");
  const host = field("Input.Host");
  const port = field("Input.Port");
  const useSsl = form.querySelector("input[type=checkbox][name='Input.UseSsl']");
  const userName = field("Input.UserName");
  const password = field("Input.Password");
  const token = field("Input.ApprovalToken");
  const testButton = document.getElementById("test-button");
  const saveButton = document.getElementById("save-button");
  const saveHint = document.getElementById("save-help");
  const result = document.getElementById("test-result");
  const providerNote = document.getElementById("provider-note");
  const isNew = form.dataset.isNew === "true";
  const providers = JSON.parse(document.getElementById("known-providers")?.textContent || "[]");

  // Use SSL switches between the two standard POP3 ports, but never overrides a port the user chose.
  useSsl.addEventListener("change", () => {
    if (useSsl.checked && port.value === "110") port.value = "995";
    if (!useSsl.checked && port.value === "995") port.value = "110";
    settingsChanged();
  });

  // The user name follows the email address until the user types one of their own.
  let userNameFollowsEmail = !userName.value || userName.value === email.value;
  userName.addEventListener("input", () => { userNameFollowsEmail = userName.value === ""; });
  email.addEventListener("input", () => {
    if (userNameFollowsEmail && userName.value !== email.value) {
      userName.value = email.value;
      settingsChanged();
    }
    showProvider(false);
  });
  email.addEventListener("change", () => showProvider(true));

  function findProvider(address) {
    const at = address.lastIndexOf("@");
    if (at < 0) return null;
    const domain = address.slice(at + 1).trim().replace(/\.$/, "").toLowerCase();
    return providers.find((p) => p.domains.some((d) => d.toLowerCase() === domain)) || null;
  }

  function showProvider(prefill) {
    const provider = findProvider(email.value);
    providerNote.replaceChildren();
    providerNote.hidden = !provider || !provider.note;
    if (provider && provider.note) {
      const name = document.createElement("strong");
      name.textContent = provider.name + ":";
      providerNote.append(name, " " + provider.note);
    }
    if (prefill && provider && provider.host && !host.value) {
      host.value = provider.host;
      port.value = String(provider.port);
      useSsl.checked = provider.useSsl;
      settingsChanged();
    }
  }

  // Any change to what was tested voids the test: Save waits for a new one (an edit that leaves the
  // connection alone saves without a test).
  const connectionFields = [host, port, useSsl, userName, password];
  connectionFields.forEach((input) => input.addEventListener("input", settingsChanged));

  // Whether the server, port, SSL, user name or password differ from what the page was loaded with.
  let connectionChanged = false;

  function settingsChanged() {
    connectionChanged = true;
    token.value = "";
    if (result.firstElementChild) result.firstElementChild.classList.add("verdict--stale");
    setSaveEnabled(false);
  }

  function setSaveEnabled(enabled) {
    saveButton.disabled = !enabled;
    saveHint.hidden = enabled;
  }

  form.addEventListener("submit", async (event) => {
    if (event.submitter !== testButton || form.dataset.plainPost === "true") return;
    event.preventDefault();
    testButton.disabled = true;
    testButton.textContent = "Testing…";
    showPending();
    try {
      const response = await fetch(form.dataset.testUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          // The API accepts the sign-in cookie only with the antiforgery token the layout publishes.
          RequestVerificationToken: document.querySelector("meta[name=request-verification-token]")?.content || "",
        },
        body: JSON.stringify(requestBody()),
      });
      if (response.status === 200) {
        const report = await response.json();
        token.value = report.approvalToken;
        showSuccess(report);
        setSaveEnabled(true);
      } else if (response.status === 422 || response.status === 400) {
        showFailure(await response.json());
        token.value = "";
        setSaveEnabled(!isNew && !connectionChanged);
      } else {
        plainPost();
      }
    } catch {
      plainPost();
    } finally {
      testButton.disabled = false;
      testButton.textContent = "Test Account";
    }
  });

  // Anything unexpected (signed out, server error): fall back to the form post, which always works.
  function plainPost() {
    form.dataset.plainPost = "true";
    form.requestSubmit(testButton);
  }

  function requestBody() {
    const after = form.querySelector("input[name='Input.AfterRetrieval']:checked")?.value;
    return {
      displayName: field("Input.DisplayName").value,
      emailAddress: email.value,
      host: host.value,
      port: Number(port.value) || null,
      useSsl: useSsl.checked,
      userName: userName.value,
      password: password.value,
      afterRetrieval: { DeleteFromServer: "delete", DeleteAfterDays: "delete-after-days" }[after] || "keep",
      deleteAfterDays: Number(field("Input.DeleteAfterDays").value) || null,
    };
  }

  function panel(className, role, title) {
    const section = document.createElement("section");
    section.className = "verdict " + className;
    section.setAttribute("role", role);
    const heading = document.createElement("h2");
    heading.textContent = title;
    section.append(heading);
    result.replaceChildren(section);
    return section;
  }

  function paragraph(section, text, className) {
    const p = document.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    section.append(p);
  }

  function showPending() {
    paragraph(panel("verdict--pending", "status", "Testing…"), "Connecting to the server and signing in.");
  }

  function showSuccess(report) {
    const section = panel("verdict--success", "status", "Test succeeded");
    paragraph(section, "Mailroom signed in and can fetch this mailbox. Save the account to start.");
    const list = document.createElement("dl");
    const row = (term, value) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      list.append(dt, dd);
    };
    row("Connection", report.tlsVersion);
    row("Capabilities", report.capabilities.join(", "));
    row("Messages on the server", `${report.messageCount} (${window.mailroom.byteSize(report.totalSize)})`);
    if (report.loginDelaySeconds != null) row("Time between sign-ins", `at least ${formatDuration(report.loginDelaySeconds)} (LOGIN-DELAY)`);
    if (report.expireDays != null) {
      const days = report.expireDays < 0 ? "forever" : report.expireDays === 0 ? "no longer than the session" : `${report.expireDays} days`;
      row("Server keeps retrieved messages", `${days} (EXPIRE)`);
    }
    section.append(list);
  }

  function showFailure(problem) {
    if (problem.kind) {
      const section = panel("verdict--failure", "alert", problem.title);
      section.dataset.kind = problem.kind;
      section.dataset.reason = problem.reason;
      paragraph(section, problem.message, "verdict__message");
      paragraph(section, problem.guidance, "verdict__guidance");
      return;
    }
    const section = panel("verdict--failure", "alert", "Some fields need attention");
    Object.values(problem.errors || {}).flat().forEach((message) => paragraph(section, message));
  }

  function formatDuration(seconds) {
    if (seconds < 60) return `${seconds} seconds`;
    if (seconds < 7200) return `${Math.floor(seconds / 60)} minutes`;
    return `${(seconds / 3600).toFixed(1).replace(/\.0$/, "")} hours`;
  }
})();
