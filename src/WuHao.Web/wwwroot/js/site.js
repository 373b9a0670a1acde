/*
 * What every page may use, without inline script (the Content-Security-Policy allows none, R-8.5):
 *  - form[data-confirm] asks its question before it is sent (deleting a record), a[data-confirm] before it is followed;
 *  - [data-bs-toggle=collapse] opens and closes its data-bs-target (the phone menu; Bootstrap's script is not loaded);
 *  - [data-print] prints the page; [data-print-date] shows the day it is printed.
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
    // A page printed long after it was opened carries the day it is printed (the layout's print footer, R-8.5).
    window.addEventListener('beforeprint', function () {
        var now = new Date();
        var text = now.getFullYear() + '年' + (now.getMonth() + 1) + '月' + now.getDate() + '日';
        Array.prototype.forEach.call(document.querySelectorAll('[data-print-date]'), function (el) { el.textContent = text; });
    });
    document.addEventListener('click', function (e) {
        var link = e.target && e.target.closest ? e.target.closest('a[data-confirm]') : null;
        if (link && !window.confirm(link.getAttribute('data-confirm'))) {
            e.preventDefault();
            return;
        }

        // The phone menu: all the app used of Bootstrap's 79 KB script bundle.
        var toggler = e.target && e.target.closest ? e.target.closest('[data-bs-toggle="collapse"]') : null;
        var panel = toggler ? document.querySelector(toggler.getAttribute('data-bs-target')) : null;
        if (panel) {
            var open = panel.classList.toggle('show');
            toggler.setAttribute('aria-expanded', open ? 'true' : 'false');
            toggler.classList.toggle('collapsed', !open);
            return;
        }

        var target = e.target && e.target.closest ? e.target.closest('[data-print]') : null;
        if (target) {
            e.preventDefault();
            window.print();
        }
    });
})();
