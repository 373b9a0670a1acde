/*
 * What every page may use, without inline script (the Content-Security-Policy allows none, R-8.5):
 *  - form[data-confirm] asks its question before it is sent (deleting a record), a[data-confirm] before it is followed;
 *  - [data-print] prints the page.
 * Written for old Android browsers: no arrow functions, no optional chaining.
 */
(function () {
    'use strict';
    document.addEventListener('submit', function (e) {
        var form = e.target;
        var question = form && form.getAttribute ? form.getAttribute('data-confirm') : null;
        if (question && !window.confirm(question)) {
            e.preventDefault();
            e.stopImmediatePropagation();
        }
    }, true);
    document.addEventListener('click', function (e) {
        var link = e.target && e.target.closest ? e.target.closest('a[data-confirm]') : null;
        if (link && !window.confirm(link.getAttribute('data-confirm'))) {
            e.preventDefault();
            return;
        }

        var target = e.target && e.target.closest ? e.target.closest('[data-print]') : null;
        if (target) {
            e.preventDefault();
            window.print();
        }
    });
})();
