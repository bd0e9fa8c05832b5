/* Forms that keep people's work:
 * - a form marked data-warn-unsaved asks before the page is left with changes not saved;
 * - a form is sent once: a second click while the first is on its way does nothing
 *   (the server refuses a re-post of the same page too);
 * - after a failed submit, focus moves to the error summary (GOV.UK pattern).
 */
(function () {
  "use strict";
  var dirty = new Set();

  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var mark = function () { dirty.add(form); };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
  });

  document.querySelectorAll("form[method='post'], form[method='POST']").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending === "true") {
        event.preventDefault();
        return;
      }
      form.dataset.sending = "true";
      dirty.clear();
      // Allow a new attempt if the page is kept (e.g. the browser's own validation, or Back).
      window.setTimeout(function () { form.dataset.sending = "false"; }, 8000);
    });
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending='true']").forEach(function (form) {
      form.dataset.sending = "false";
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size === 0) { return undefined; }
    event.preventDefault();
    event.returnValue = "";
    return "";
  });

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (field && !field.matches("input, select, textarea, button")) {
        field = field.querySelector("input, select, textarea") || field;  // a group's first
      }
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({block: "center"});
      }
    });
  });
}());
