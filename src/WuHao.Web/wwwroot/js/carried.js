/* Values a new form carries over from the last record: the note says so ("沿用上次"), the carried
 * choices are marked, and one tap on 清除 unticks them. Loaded only by the pages that carry values over. */
(function () {
    'use strict';

    function carriedBoxes(note) {
        var group = document.querySelector('[data-carried-group]');
        var values = (note.getAttribute('data-carried') || '').split('|');
        if (!group) { return []; }
        return Array.prototype.filter.call(group.querySelectorAll('input[type=checkbox]'), function (box) {
            return values.indexOf(box.value) >= 0;
        });
    }

    function mark(note) {
        carriedBoxes(note).forEach(function (box) {
            var chip = box.closest('.check-chip');
            if (chip && box.checked) { chip.classList.add('carried'); }
        });
    }

    function init() {
        var note = document.querySelector('[data-carried]');
        if (note) { mark(note); }
    }

    document.addEventListener('click', function (e) {
        var button = e.target.closest && e.target.closest('[data-clear-carried]');
        if (!button) { return; }
        var note = button.closest('[data-carried]');
        carriedBoxes(note).forEach(function (box) {
            box.checked = false;
            var chip = box.closest('.check-chip');
            if (chip) { chip.classList.remove('carried'); }
            box.dispatchEvent(new Event('change', { bubbles: true }));
        });
        note.remove();
        var first = document.querySelector('[data-carried-group] input[type=checkbox]');
        if (first) { first.focus(); }
    });

    // A carried choice the user touches is the user's own: it loses its mark.
    document.addEventListener('change', function (e) {
        var box = e.target;
        if (!box.matches || !box.matches('[data-carried-group] input[type=checkbox]')) { return; }
        var chip = box.closest('.check-chip');
        if (chip && e.isTrusted) { chip.classList.remove('carried'); }
    });

    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
}());
