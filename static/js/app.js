// Submit the language switcher as soon as a language is picked; the button stays
// for keyboard and no-script users.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("language-select");
  if (select) {
    select.addEventListener("change", () => select.form.submit());
  }
});

// "Copy link": copy the address in the field the button names, and say so on the button.
// Without the clipboard (an insecure origin) the address is selected, for Ctrl+C.
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  if (!field) return;
  field.select();
  const copied = () => {
    const label = button.firstChild;
    if (label && label.nodeType === Node.TEXT_NODE) label.textContent = button.dataset.copied;
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(copied, () => {});
  } else if (document.execCommand && document.execCommand("copy")) {
    copied();
  }
});
