'use strict';
// "Add another stated cause" (or source) adds its row above the link and left the focus on
// the link: a keyboard user went on into the next block and came back by nine Shift+Tabs (an
// analyst's outside test). The new row's first field takes the focus. Django's inlines.js
// announces each row it adds with `formset:added`, its documented event. A static file: the
// Content-Security-Policy refuses inline scripts.
document.addEventListener('formset:added', (event) => {
    const first = event.target.querySelector(
        'select:not([hidden]), textarea, input:not([type=hidden])'
    );
    if (first) {
        first.focus();
    }
});

// A row removed took the focus with it, to the page's top: its block's "Add another" takes
// it (`formset:removed`, on the document, names the block).
document.addEventListener('formset:removed', (event) => {
    const group = document.getElementById(`${event.detail.formsetName}-group`);
    const add = group && group.querySelector('.add-row a');
    if (add) {
        add.focus();
    }
});
