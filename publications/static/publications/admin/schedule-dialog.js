/* Wagtail's "Atur jadwal terbit" dialog (go-live and expiry).
 *
 * 1. Nothing in it is saved until "Simpan jadwal". Autosave posts the whole edit form while
 *    the dialog is open, which saved a half-chosen go-live date; it now sends the schedule as
 *    last saved (the fields' default values). Closing the dialog already puts the fields back
 *    (Wagtail's w-action#reset), and "Simpan jadwal" submits the form itself.
 * 2. The date picker opens below its field and covered "Simpan jadwal": a click meant for the
 *    button picked another day. When it would cover the button, it opens above the field.
 */
(() => {
  const DIALOG = "#schedule-publishing-dialog";
  const FIELDS = ["go_live_at", "expire_at"];

  document.addEventListener("w-autosave:save", (event) => {
    const formData = event.detail && event.detail.formData;
    if (!(formData instanceof FormData)) return;
    FIELDS.forEach((name) => {
      const input = event.target.querySelector(`${DIALOG} input[name="${name}"]`);
      if (input) formData.set(name, input.defaultValue);
    });
  });

  const overlaps = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  const keepSaveButtonClear = (picker, input) => {
    const button = document.querySelector(`${DIALOG} button.action-save`);
    if (!button || !input) return;
    const area = picker.getBoundingClientRect();
    if (!overlaps(area, button.getBoundingClientRect())) return;
    const top = input.getBoundingClientRect().top - area.height;
    if (top < 0) return;
    // The picker is position: fixed inside the dialog: viewport coordinates.
    picker.style.bottom = "";
    picker.style.top = `${top}px`;
  };

  const { jQuery } = window;
  if (!jQuery) return;
  // The picker positions itself in its own "open" handler; this one runs after it.
  jQuery(document).on("open.xdsoft", `${DIALOG} .xdsoft_datetimepicker`, function onOpen() {
    const input = jQuery(this).data("input");
    keepSaveButtonClear(this, input && input[0]);
  });
})();
