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

// A live character count under every field with a limit (data-max-chars): "123 / 2,000",
// red past the limit. The browser does not cut a paste (no maxlength): the server refuses
// text over the limit with a message next to the field and the text stays for editing.
(() => {
  const format = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function count(field, output) {
    const length = [...field.value].length; // characters, as the server counts them
    const limit = Number(field.dataset.maxChars);
    output.textContent = `${format.format(length)} / ${format.format(limit)}`;
    output.classList.toggle("text-danger", length > limit);
    output.classList.toggle("fw-semibold", length > limit);
  }

  function attach(root) {
    root.querySelectorAll("[data-max-chars]").forEach((field) => {
      if (field.dataset.counted) {
        return;
      }
      field.dataset.counted = "true";
      const output = document.createElement("div");
      output.className = "form-text text-end char-count";
      output.id = `${field.id || field.name}-count`;
      field.setAttribute(
        "aria-describedby",
        [field.getAttribute("aria-describedby"), output.id].filter(Boolean).join(" "),
      );
      field.insertAdjacentElement("afterend", output);
      field.addEventListener("input", () => count(field, output));
      count(field, output);
    });
  }

  document.addEventListener("DOMContentLoaded", () => attach(document));
  document.addEventListener("htmx:load", (event) => attach(event.target));
})();
