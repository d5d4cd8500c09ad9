// Send Mail As list: Verify buttons open their code dialog; Remove asks first.
(() => {
  document.querySelectorAll("[data-open-dialog]").forEach((button) => {
    button.addEventListener("click", () => {
      const dialog = document.getElementById(button.dataset.openDialog);
      if (dialog && !dialog.open) dialog.showModal();
    });
  });

  // A dialog re-rendered after a wrong code opens modal again, with its message.
  document.querySelectorAll("dialog[data-modal-open='true']").forEach((dialog) => {
    dialog.close();
    dialog.showModal();
  });

  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
