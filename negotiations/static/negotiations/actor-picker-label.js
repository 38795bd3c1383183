'use strict';
// The actor picker (Django's select2 autocomplete) draws a combobox of its own that names
// itself after the chosen actor only: with none chosen it has no accessible name (axe
// `aria-input-field-name`). Name it after the field's <label> too, on the rows the page
// opens with and on each row "Add another" adds. A static file: the Content-Security-Policy
// refuses inline scripts. Runs after admin/js/autocomplete.js, which loads first.
{
    const $ = django.jQuery;

    function nameThePickers(root) {
        root.querySelectorAll('select.admin-autocomplete').forEach((select) => {
            const label = document.querySelector(`label[for="${select.id}"]`);
            const drawn = select.nextElementSibling;
            if (!label || !drawn || !drawn.classList.contains('select2')) {
                return;
            }
            label.id = label.id || `${select.id}-label`;
            const chosen = drawn.querySelector('.select2-selection__rendered');
            const box = drawn.querySelector('.select2-selection');
            if (chosen) {
                chosen.setAttribute('aria-labelledby', label.id);
            }
            if (box) {
                box.setAttribute('aria-labelledby', chosen ? `${label.id} ${chosen.id}` : label.id);
            }
        });
    }

    // A form that opens with the focus on a picker (its first field in error) put it on the
    // <select> select2 hides: typing went nowhere (a review). Its drawn box takes it.
    function focusTheDrawnBox() {
        const focused = document.activeElement;
        if (focused && focused.matches('select.admin-autocomplete')) {
            const box = focused.nextElementSibling?.querySelector('.select2-selection');
            if (box) {
                box.focus();
            }
        }
    }

    $(() => {
        nameThePickers(document);
        focusTheDrawnBox();
    });
    document.addEventListener('formset:added', (event) => nameThePickers(event.target));
}
