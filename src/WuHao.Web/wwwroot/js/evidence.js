/*
 * Evidence uploads on weak rural links (issue 4, ADR-007). Progressive enhancement of forms marked
 * [data-evidence-form]; without this script the same forms post the original files and the server scales them.
 *  - Photos are scaled in the browser (long side 1600 px, JPEG) before upload and shown as thumbnails.
 *  - The form is sent with XMLHttpRequest (upload progress). If the connection drops, the page keeps
 *    everything typed and every photo, and says what to do; the form's submission key makes a retry safe.
 *  - New-record forms with [data-draft] keep a draft of the typed fields in localStorage until saved.
 * Written for old Android browsers: no optional chaining, no modules.
 */
(function () {
    'use strict';
    var LONG_SIDE = 1600;
    var QUALITY = 0.82;
    var state = {}; // per form key: { files: [File] }

    function formKey(form) { return form.getAttribute('data-draft') || location.pathname; }

    function sizeText(bytes) {
        return bytes < 1024 * 1024 ? Math.max(1, Math.round(bytes / 1024)) + ' KB' : (bytes / 1024 / 1024).toFixed(1) + ' MB';
    }

    function loadImage(file) {
        if (window.createImageBitmap) {
            return createImageBitmap(file, { imageOrientation: 'from-image' }).catch(function () { return createImageBitmap(file); });
        }
        return new Promise(function (resolve, reject) {
            var img = new Image();
            img.onload = function () { resolve(img); };
            img.onerror = reject;
            img.src = URL.createObjectURL(file);
        });
    }

    /* A JPEG no longer than LONG_SIDE; other files (PDF, HEIC, small images) as they are. */
    function scale(file) {
        if (!/^image\/(jpeg|png|webp)$/.test(file.type)) { return Promise.resolve(file); }
        return loadImage(file).then(function (img) {
            var w = img.width, h = img.height, long = Math.max(w, h);
            if (long <= LONG_SIDE && file.size <= 700 * 1024) { return file; }
            var k = Math.min(1, LONG_SIDE / long);
            var canvas = document.createElement('canvas');
            canvas.width = Math.round(w * k);
            canvas.height = Math.round(h * k);
            canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
            if (img.close) { img.close(); }
            return new Promise(function (resolve) {
                canvas.toBlob(function (blob) {
                    if (!blob || blob.size >= file.size) { resolve(file); return; }
                    var name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
                    try { resolve(new File([blob], name, { type: 'image/jpeg' })); } catch (e) { blob.name = name; resolve(blob); }
                }, 'image/jpeg', QUALITY);
            });
        }).catch(function () { return file; });
    }

    function status(form, text, kind) {
        var box = form.querySelector('[data-net-status]');
        if (!box) { return; }
        box.textContent = text || '';
        box.className = 'alert mt-3 alert-' + (kind || 'warning') + (text ? '' : ' d-none');
    }

    function renderPreviews(form) {
        var box = form.querySelector('[data-previews]');
        if (!box) { return; }
        var files = state[formKey(form)].files;
        box.innerHTML = '';
        files.forEach(function (file, i) {
            var item = document.createElement('div');
            item.className = 'evidence-preview';
            var pic;
            if (/^image\/(jpeg|png|webp)$/.test(file.type)) {
                pic = document.createElement('img');
                pic.src = URL.createObjectURL(file);
                pic.alt = file.name;
            } else {
                pic = document.createElement('div');
                pic.className = 'evidence-doc';
                pic.textContent = (file.name.split('.').pop() || '').toUpperCase();
            }
            var remove = document.createElement('button');
            remove.type = 'button';
            remove.className = 'btn btn-sm btn-light evidence-remove';
            remove.setAttribute('aria-label', '移除 ' + file.name);
            remove.textContent = '×';
            remove.addEventListener('click', function () { files.splice(i, 1); renderPreviews(form); });
            var caption = document.createElement('span');
            caption.className = 'evidence-caption';
            caption.textContent = file.name + ' · ' + sizeText(file.size);
            item.appendChild(pic);
            item.appendChild(remove);
            item.appendChild(caption);
            box.appendChild(item);
        });
        box.setAttribute('data-count', String(files.length));
        // The file inputs are emptied once their files are taken over: say what is attached, not "no file chosen".
        var attached = form.querySelector('[data-attached]');
        var names = files.map(function (f) { return f.name; });
        if (attached) { attached.textContent = files.length ? '已附上' + files.length + '个文件：' + names.join('、') : ''; }
        Array.prototype.forEach.call(form.querySelectorAll('input[type=file][data-scale]'), function (input) {
            input.classList.toggle('evidence-has-files', files.length > 0);
            input.title = files.length ? '已附上' + files.length + '个文件，可继续添加' : '';
            if (attached) {
                if (files.length) { input.setAttribute('aria-describedby', attached.id); } else { input.removeAttribute('aria-describedby'); }
            }
        });
    }

    function onFilesChosen(form, input) {
        var chosen = Array.prototype.slice.call(input.files || []);
        if (!chosen.length) { return; }
        status(form, '正在处理照片…', 'info');
        Promise.all(chosen.map(scale)).then(function (scaled) {
            var files = state[formKey(form)].files;
            scaled.forEach(function (f) { files.push(f); });
            input.value = '';
            status(form, '');
            renderPreviews(form);
        });
    }

    /* Draft of the typed fields (not files, not tokens), for new records. */
    function draftKey(form) { return 'wuhao-draft:' + form.getAttribute('data-draft'); }

    function saveDraft(form) {
        if (!form.hasAttribute('data-draft') || !window.localStorage) { return; }
        var data = {};
        Array.prototype.forEach.call(form.elements, function (el) {
            // The submission key travels with the draft: a retry of a submission that did arrive saves nothing twice.
            if (!el.name || el.type === 'file' || (el.type === 'hidden' && el.name !== 'Input.SubmissionKey')) { return; }
            if (el.type === 'checkbox' || el.type === 'radio') {
                if (!data[el.name]) { data[el.name] = []; }
                if (el.checked) { data[el.name].push(el.value); }
            } else {
                data[el.name] = [el.value];
            }
        });
        try { localStorage.setItem(draftKey(form), JSON.stringify(data)); } catch (e) { /* full or private mode */ }
    }

    function restoreDraft(form) {
        if (!form.hasAttribute('data-draft') || !window.localStorage) { return; }
        if (form.querySelector('.validation-summary-errors')) { return; } // the server's answer wins
        var raw = localStorage.getItem(draftKey(form));
        if (!raw) { return; }
        var data;
        try { data = JSON.parse(raw); } catch (e) { return; }
        Array.prototype.forEach.call(form.elements, function (el) {
            if (!el.name || !data.hasOwnProperty(el.name) || el.type === 'file' || (el.type === 'hidden' && el.name !== 'Input.SubmissionKey')) { return; }
            var values = data[el.name];
            if (el.type === 'checkbox' || el.type === 'radio') { el.checked = values.indexOf(el.value) >= 0; } else { el.value = values[0] || ''; }
        });
        status(form, '已恢复您上次没有保存的内容（照片需要重新选择）。', 'info');
    }

    function clearDraft(form) {
        if (form.hasAttribute('data-draft') && window.localStorage) { localStorage.removeItem(draftKey(form)); }
    }

    function submit(form, event) {
        event.preventDefault();
        var button = form.querySelector('button[type=submit]');
        var data = new FormData(form);
        if (data['delete']) { data['delete']('Uploads'); }
        state[formKey(form)].files.forEach(function (f) { data.append('Uploads', f, f.name); });
        var target = form.getAttribute('action') || location.href;
        var xhr = new XMLHttpRequest();
        xhr.open('POST', target);
        xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
        if (button) { button.disabled = true; }
        status(form, '正在保存…', 'info');
        xhr.upload.onprogress = function (e) {
            if (e.lengthComputable) { status(form, '正在上传… ' + Math.round(e.loaded * 100 / e.total) + '%', 'info'); }
        };
        var failed = function () {
            if (button) { button.disabled = false; }
            saveDraft(form);
            status(form, '网络中断，这条记录还没有保存。\n您填写的内容和照片都还在本页，请到信号好的地方再点“保存”（不会重复保存）。', 'warning');
        };
        xhr.onerror = failed;
        xhr.ontimeout = failed;
        xhr.onabort = failed;
        xhr.onload = function () {
            // Saved: the server names the page to go to (204 + X-Redirect) rather than redirecting the request, so
            // that the list is fetched once, by the navigation, not also by this request.
            var next = xhr.getResponseHeader('X-Redirect');
            if (xhr.status === 204 && next) {
                clearDraft(form);
                location.href = next;
                return;
            }
            var url = xhr.responseURL || '';
            var redirected = url && url.split('#')[0] !== new URL(target, location.href).href.split('#')[0];
            if (xhr.status >= 200 && xhr.status < 300 && redirected) {
                clearDraft(form);
                location.href = url;
                return;
            }
            var type = xhr.getResponseHeader('Content-Type') || '';
            if (type.indexOf('text/html') === 0 && xhr.status < 500) {
                // The form again, with the server's messages: show them, keep the chosen photos.
                var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
                var fresh = doc.querySelector('main');
                var main = document.querySelector('main');
                if (fresh && main && fresh.querySelector('[data-evidence-form]')) {
                    var key = formKey(form);
                    main.innerHTML = fresh.innerHTML;
                    var again = main.querySelector('[data-evidence-form]');
                    state[formKey(again)] = state[key];
                    enhance(again, true);
                    window.scrollTo(0, 0);
                    return;
                }
            }
            if (button) { button.disabled = false; }
            status(form, xhr.status === 413 ? '文件太大，没有保存。请去掉大文件后再试。' : '保存没有成功（' + xhr.status + '）。您填写的内容还在本页，请稍后再试。', 'danger');
        };
        xhr.send(data);
    }

    function enhance(form, keepState) {
        if (!window.FormData || !window.XMLHttpRequest) { return; }
        var key = formKey(form);
        if (!keepState || !state[key]) { state[key] = { files: [] }; }
        Array.prototype.forEach.call(form.querySelectorAll('input[type=file][data-scale]'), function (input) {
            input.addEventListener('change', function () { onFilesChosen(form, input); });
        });
        form.addEventListener('submit', function (e) { submit(form, e); });
        form.addEventListener('input', function () { saveDraft(form); });
        form.addEventListener('change', function () { saveDraft(form); });
        if (!keepState) { restoreDraft(form); }
        renderPreviews(form);
    }

    function start() {
        Array.prototype.forEach.call(document.querySelectorAll('form[data-evidence-form]'), function (form) { enhance(form, false); });
    }

    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
