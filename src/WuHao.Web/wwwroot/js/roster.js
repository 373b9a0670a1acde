// The roster import form: upload with a progress bar, the size checked before sending, and the answer shown
// in place. Without it the form posts as usual. Kept out of the page: the Content-Security-Policy allows no inline script.
(function () {
    var form = document.getElementById('import-form');
    if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
    form.addEventListener('submit', function (e) {
        var input = form.querySelector('input[type=file]');
        var file = input.files && input.files[0];
        var box = document.getElementById('import-progress');
        var bar = box.querySelector('.progress-bar');
        var stage = document.getElementById('import-stage');
        var button = form.querySelector('button[type=submit]');
        if (!file) { return; }
        e.preventDefault();
        box.hidden = false;
        if (file.size > +form.getAttribute('data-max-bytes')) {
            bar.style.width = '0%'; bar.textContent = '';
            stage.className = 'small mt-1 mb-0 flag-red';
            stage.textContent = '文件大小' + (file.size / 1048576).toFixed(1) + 'MB，超过了' + form.getAttribute('data-max-text') + '的上限，没有上传：请分成几个文件导入。';
            return;
        }
        button.disabled = true;
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.upload.onprogress = function (ev) {
            if (ev.lengthComputable) {
                var p = Math.round(ev.loaded * 100 / ev.total);
                bar.style.width = p + '%'; bar.textContent = p + '%';
                stage.textContent = '正在上传 ' + p + '%…';
            }
        };
        xhr.upload.onload = function () {
            bar.style.width = '100%'; bar.textContent = '100%';
            stage.textContent = '已上传，正在逐行检查，请稍候…';
        };
        xhr.onload = function () {
            if (xhr.responseURL && xhr.responseURL !== form.action) { location.href = xhr.responseURL; return; }
            document.open(); document.write(xhr.responseText); document.close();
        };
        xhr.onerror = function () {
            button.disabled = false;
            stage.className = 'small mt-1 mb-0 flag-red';
            stage.textContent = '上传失败：网络中断，或文件超过了上限。请检查后重试。';
        };
        xhr.send(new FormData(form));
    });
})();
