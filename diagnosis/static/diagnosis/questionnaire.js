// Autosave of the questionnaire. htmx posts each answer the moment it is given; this script
// shows "Saving…", retries when the connection drops, keeps "don't know" and the levels
// exclusive, totals the 100-point split live, and holds navigation until saves have landed.
(() => {
  "use strict";
  const messagesElement = document.getElementById("questionnaire-messages");
  const messages = messagesElement ? JSON.parse(messagesElement.textContent) : {};
  // Every request posts the whole item form, and hx-sync queues them per form in order, so
  // the last request carries the latest values. A form counts as saved once the request that
  // carried its latest edit has been answered.
  const unsaved = new Set(); // forms with edits the server has not confirmed
  const edits = new WeakMap(); // form -> number of edits so far
  const sent = new WeakMap(); // xhr -> number of edits it carried
  const attempts = new WeakMap();
  const edited = (form) => {
    unsaved.add(form);
    edits.set(form, (edits.get(form) || 0) + 1);
  };
  let inFlight = 0;

  const answerForm = (element) => element && element.closest && element.closest("form[data-answer]");
  const statusOf = (form) => form && form.querySelector(".save-status");
  const say = (form, text) => {
    const status = statusOf(form);
    if (status) status.textContent = text;
  };

  // "Don't know" and the levels of a current/target item exclude each other. Capture phase,
  // so the values are settled before htmx reads the form.
  document.addEventListener("change", (event) => {
    const input = event.target;
    const form = answerForm(input);
    if (!form) return;
    edited(form);
    const dontKnow = form.querySelector("[data-dont-know]");
    if (!dontKnow) return;
    if (input === dontKnow && dontKnow.checked) {
      form.querySelectorAll("input[type=radio]").forEach((radio) => { radio.checked = false; });
    } else if (input.type === "radio") {
      dontKnow.checked = false;
    }
  }, true);

  document.addEventListener("input", (event) => {
    const form = answerForm(event.target);
    if (form) edited(form);
    const split = event.target.closest && event.target.closest("[data-points-split]");
    if (split) updateTotals(split);
  });

  function updateTotals(split) {
    for (const column of ["today", "desired"]) {
      let sum = 0;
      split.querySelectorAll(`input[data-points-column="${column}"]`).forEach((input) => {
        const value = parseInt(input.value, 10);
        if (!Number.isNaN(value)) sum += value;
      });
      const output = split.querySelector(`[data-points-total="${column}"]`);
      const note = split.querySelector(`[data-points-note="${column}"]`);
      if (output) output.textContent = String(sum);
      if (note) {
        let text = messages.pointsOk;
        if (sum < 100) text = (messages.pointsLeft || "%s").replace("%s", 100 - sum);
        if (sum > 100) text = (messages.pointsOver || "%s").replace("%s", sum - 100);
        note.textContent = text;
        note.classList.toggle("text-success", sum === 100);
        note.classList.toggle("text-danger", sum !== 100);
      }
    }
  }
  document.querySelectorAll("[data-points-split]").forEach(updateTotals);

  const body = document.body;
  body.addEventListener("htmx:beforeRequest", (event) => {
    inFlight += 1;
    const form = answerForm(event.detail.elt);
    if (event.detail.xhr) sent.set(event.detail.xhr, edits.get(form) || 0);
    say(form, messages.saving);
  });

  // Only the server's own save fragments are shown (refusals come with a 4xx status). Anything
  // else -- a login page after the session expired, an error page -- is never swapped in.
  body.addEventListener("htmx:beforeSwap", (event) => {
    const xhr = event.detail.xhr;
    const fragment = Boolean(xhr.getResponseHeader("X-Answer-Status"));
    event.detail.shouldSwap = fragment && xhr.status < 500;
    if (fragment) event.detail.isError = false;
  });

  function retryLater(element, text) {
    const form = answerForm(element);
    say(form, text);
    const count = (attempts.get(element) || 0) + 1;
    attempts.set(element, count);
    const delay = Math.min(30000, 1000 * 2 ** Math.min(count, 5));
    window.setTimeout(() => htmx.trigger(element, "retry"), delay);
  }

  body.addEventListener("htmx:afterRequest", (event) => {
    inFlight = Math.max(0, inFlight - 1);
    const element = event.detail.elt;
    const xhr = event.detail.xhr;
    const status = xhr ? xhr.status : 0;
    const answered = xhr && xhr.getResponseHeader("X-Answer-Status");
    if (status >= 200 && status < 300 && answered === "saved") {
      attempts.delete(element);
      const form = answerForm(element);
      if (sent.get(xhr) === (edits.get(form) || 0)) unsaved.delete(form);
    } else if (status === 0) {
      retryLater(element, messages.offline);
    } else if (status >= 500) {
      retryLater(element, messages.failed);
    } else if (!answered) {
      say(answerForm(element), messages.gone);
    }
  });

  // Leaving the page: wait (briefly) for pending saves, sending debounced ones at once.
  function flush() {
    unsaved.forEach((form) => {
      form.querySelectorAll("textarea[hx-post], input[hx-post]").forEach((field) => {
        htmx.trigger(field, "change");
      });
    });
    return new Promise((resolve) => {
      const started = Date.now();
      const wait = () => {
        if ((inFlight === 0 && unsaved.size === 0) || Date.now() - started > 5000) resolve();
        else if (inFlight === 0 && Date.now() - started > 1500) resolve();
        else window.setTimeout(wait, 100);
      };
      window.setTimeout(wait, 50);
    });
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-questionnaire-nav]");
    if (!link || (unsaved.size === 0 && inFlight === 0)) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    flush().then(() => { window.location.href = link.href; });
  });

  // Submitting is one press: the button is disabled while the answers are on their way.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest && event.target.closest("form[data-submit-once]");
    if (form) form.querySelectorAll("button[type=submit]").forEach((b) => { b.disabled = true; });
  });

  // A page the browser brings back from its back/forward cache is as it was when left: after
  // submitting, "Back" would show a live Submit button. Ask the server for the page instead.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && document.querySelector("form[data-submit-once]")) {
      window.location.reload();
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (inFlight > 0 || unsaved.size > 0) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
