// Send Mail As form: show the server fields only for "My own SMTP server", and move the port with the security
// choice (465 goes with SSL/TLS, 587 with STARTTLS) unless the user typed another port.
(() => {
  const form = document.getElementById("send-as-form");
  if (!form) return;
  const own = form.querySelector("[data-route-own]");
  const fields = form.querySelector("[data-server-fields]");
  const test = form.querySelector("[data-test-button]");
  const port = form.querySelector("[data-port]");
  const security = form.querySelector("[data-security]");
  const defaults = { SslOnConnect: "465", StartTls: "587" };

  const showServer = () => {
    fields.hidden = !own.checked;
    test.hidden = !own.checked;
  };
  form.querySelectorAll("input[name='Input.Route']").forEach((radio) => radio.addEventListener("change", showServer));
  security.addEventListener("change", () => {
    if (port.value === "" || Object.values(defaults).includes(port.value)) port.value = defaults[security.value];
  });
  showServer();
})();
