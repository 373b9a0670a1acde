// The evaluation page: a print button, and a printed evaluation lists every gap, also those folded away on screen.
document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));
window.addEventListener('beforeprint', () => document.querySelectorAll('details.more-gaps').forEach(d => { d.open = true; }));
