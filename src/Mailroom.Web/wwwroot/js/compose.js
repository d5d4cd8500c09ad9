// Compose: send (into the send queue, for the undo window or a scheduled time) in the background, so that a refused message (wrong password, refused recipient, too large) is
// explained at once and the draft, attached files included, stays exactly as it was.
(() => {
  const form = document.getElementById("compose-form");
  if (!form) return;
  const result = document.getElementById("send-result");
  const button = form.querySelector("[data-send-button]");

  const clearErrors = () => form.querySelectorAll("[data-error-for]").forEach((el) => { el.textContent = ""; });

  const showVerdict = (verdict) => {
    result.replaceChildren();
    if (!verdict) return;
    const section = document.createElement("section");
    section.className = "verdict verdict--failure";
    section.setAttribute("role", "alert");
    section.dataset.kind = verdict.kind;
    section.dataset.reason = verdict.reason;
    const title = document.createElement("h2");
    title.className = "verdict__title";
    title.textContent = "Not sent: " + verdict.title;
    const message = document.createElement("p");
    message.textContent = verdict.message;
    const guidance = document.createElement("p");
    guidance.className = "verdict__guidance";
    guidance.textContent = verdict.guidance;
    section.append(title, message, guidance);
    if (verdict.passwordOutdated) {
      const link = document.createElement("a");
      link.href = "/settings/mail/send-as/" + encodeURIComponent(form.elements["Input.FromAddressId"].value) + "/edit#password";
      link.textContent = "Update the saved SMTP password";
      const p = document.createElement("p");
      p.append(link);
      section.append(p);
    }
    const kept = document.createElement("p");
    kept.className = "field__help";
    kept.textContent = "Your message was not sent; it is still here.";
    section.append(kept);
    result.append(section);
  };

  const sendAt = form.querySelector("[data-send-at]");
  const scheduleAt = form.querySelector("[data-schedule-at]");

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    // Schedule send: the picker holds the user's wall-clock time; the server gets the instant, offset included.
    const scheduling = event.submitter?.hasAttribute("data-schedule-button");
    if (scheduling && !scheduleAt.value) {
      form.querySelector('[data-error-for="SendAt"]').textContent = "Choose the date and time to send at.";
      scheduleAt.focus();
      return;
    }
    sendAt.value = scheduling ? new Date(scheduleAt.value).toISOString() : "";
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Mailroom-Fetch": "1" },
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (answer.sent) {
        window.location.assign(answer.redirect);
        return;
      }
      showVerdict(answer.verdict);
      for (const [field, messages] of Object.entries(answer.errors || {})) {
        const target = form.querySelector(`[data-error-for="${field}"]`);
        if (target) target.textContent = messages.join(" ");
      }
      (result.firstElementChild || form.querySelector("[data-error-for]:not(:empty)"))?.scrollIntoView({ block: "center" });
    } catch {
      showVerdict({ title: "No answer", message: "Mailroom could not be reached.", guidance: "Check your connection and press Send again." });
    } finally {
      button.disabled = false;
    }
  });
})();
