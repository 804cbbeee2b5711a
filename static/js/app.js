// Submit the language switcher as soon as a language is picked; the button stays
// for keyboard and no-script users.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("language-select");
  if (select) {
    select.addEventListener("change", () => select.form.submit());
  }
});
