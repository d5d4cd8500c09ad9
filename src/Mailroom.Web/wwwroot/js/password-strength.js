// Password strength meter: asks /api/auth/password-strength (zxcvbn on the server, nothing stored) as the user types
// and shows the score as a bar plus the reason in words. The server checks again on submit; this is only a hint.
(() => {
  document.querySelectorAll("[data-password-meter]").forEach((meter) => {
    const input = document.getElementById(meter.dataset.passwordMeter);
    const email = meter.dataset.emailInput ? document.getElementById(meter.dataset.emailInput) : null;
    const bar = meter.querySelector("[data-meter-bar]");
    const text = meter.querySelector("[data-meter-text]");
    const labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];
    let timer = 0;
    let latest = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const asked = ++latest;
        if (input.value.length === 0) {
          meter.hidden = true;
          return;
        }
        const response = await fetch("/api/auth/password-strength", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ password: input.value, email: email ? email.value : meter.dataset.email }),
        });
        if (!response.ok || asked !== latest) return;
        const result = await response.json();
        meter.hidden = false;
        bar.value = result.score;
        meter.dataset.acceptable = result.acceptable;
        text.textContent = result.acceptable ? labels[result.score] : `${labels[result.score]}: ${result.reason}`;
      }, 250);
    });
  });
})();
