// The acceptance package page (issue 11 item 4): while the job is queued or running, ask its status every 2 s and move
// the progress bar; when it has finished (or failed), reload the page, which then shows the download link and failures.
(() => {
    const job = document.querySelector('[data-testid="package-job"]');
    if (!job || !['queued', 'running'].includes(job.dataset.state)) {
        return;
    }

    const bar = job.querySelector('progress');
    const done = job.querySelector('[data-testid="package-done"]');
    const total = job.querySelector('[data-testid="package-total"]');
    const tick = async () => {
        try {
            const response = await fetch(job.dataset.statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (response.ok) {
                const status = await response.json();
                done.textContent = status.done;
                total.textContent = status.total;
                bar.max = Math.max(status.total, 1);
                bar.value = status.done;
                bar.textContent = `${status.done} / ${status.total}`;
                if (!['queued', 'running'].includes(status.state)) {
                    window.location.reload();
                    return;
                }
            }
        } catch {
            // Offline for a moment: try again at the next tick.
        }

        window.setTimeout(tick, 2000);
    };
    window.setTimeout(tick, 2000);
})();
