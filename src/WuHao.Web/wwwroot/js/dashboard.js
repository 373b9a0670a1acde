// The dashboard's charts. The tables beside them are the content; the charts are drawn over them once the page
// has loaded, so a phone on a slow network reads the numbers before the 1 MB chart library arrives. The numbers come
// from the JSON data island the page writes (the same read model as GET /api/v1/units/{unitId}/dashboard); nothing
// here is inline, nothing is computed twice. Tooltips render on the canvas (renderMode 'richText'): ECharts' HTML
// tooltips carry style attributes the Content-Security-Policy (style-src 'self') refuses.
(() => {
    const island = document.getElementById('dashboard-data');
    const script = document.currentScript;
    if (!island || !script) {
        return;
    }

    const data = JSON.parse(island.textContent || '{}');
    const colours = { met: '#198754', partialHigh: '#ffc107', partial: '#fd7e14', unmet: '#dc3545', bar: '#0d6efd', line: '#6f42c1' };
    const grid = { left: 8, right: 16, top: 28, bottom: 8, containLabel: true };
    const tooltip = { trigger: 'axis', renderMode: 'richText', confine: true };
    const charts = [];

    const box = (name, height) => {
        const el = document.querySelector(`[data-chart="${name}"]`);
        if (!el) {
            return null;
        }

        el.style.height = `${height}px`;
        el.classList.add('mb-2');
        return el;
    };

    const draw = (name, height, option, onClick) => {
        const el = box(name, height);
        if (!el) {
            return;
        }

        const chart = window.echarts.init(el, null, { renderer: 'canvas' });
        chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: 'inherit' } }, option));
        if (onClick) {
            chart.on('click', onClick);
            chart.getZr().setCursorStyle('pointer');
        }

        el.dataset.drawn = 'true';
        charts.push(chart);
    };

    const go = (i) => {
        const unit = data.ranking[i];
        if (unit) {
            window.location.href = unit.url;
        }
    };

    const drawAll = () => {
        const ranking = data.ranking || [];
        const indicators = data.indicators || [];
        if (ranking.length > 0) {
            draw('ranking', Math.max(160, ranking.length * 24 + 50), {
                tooltip,
                grid,
                xAxis: { type: 'value', name: '总分' },
                yAxis: { type: 'category', inverse: true, data: ranking.map((u) => u.name), axisLabel: { width: 110, overflow: 'truncate' } },
                series: [{
                    type: 'bar',
                    name: '总分',
                    data: ranking.map((u) => ({ value: u.total, itemStyle: { color: u.passed ? colours.met : colours.unmet } })),
                    label: { show: true, position: 'right' },
                }],
            }, (p) => go(p.dataIndex));
        }

        if (ranking.length > 0 && indicators.length > 0) {
            const cells = [];
            ranking.forEach((u, y) => indicators.forEach((c, x) => {
                const s = u.statuses[x];
                const level = s === 'pending' ? null : s === 'met' ? 3 : s === 'unmet' ? 0 : (u.shares[x] ?? 0) >= 0.5 ? 2 : 1;
                cells.push([x, y, level]);
            }));
            draw('heat', Math.max(180, ranking.length * 22 + 70), {
                tooltip: { renderMode: 'richText', confine: true, formatter: (p) => `${ranking[p.value[1]].name}\n${indicators[p.value[0]].code} ${indicators[p.value[0]].name}：${ranking[p.value[1]].scores[p.value[0]] ?? '—'}` },
                grid,
                xAxis: { type: 'category', data: indicators.map((c) => c.code), axisLabel: { interval: 0, rotate: 90 }, splitArea: { show: true } },
                yAxis: { type: 'category', inverse: true, data: ranking.map((u) => u.name), axisLabel: { width: 110, overflow: 'truncate' } },
                visualMap: {
                    show: false,
                    type: 'piecewise',
                    dimension: 2,
                    pieces: [
                        { value: 0, color: colours.unmet }, { value: 1, color: colours.partial },
                        { value: 2, color: colours.partialHigh }, { value: 3, color: colours.met },
                    ],
                },
                series: [{ type: 'heatmap', data: cells, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
            }, (p) => go(p.value[1]));
        }

        const gaps = data.openGaps || [];
        if (gaps.length > 0) {
            draw('gaps', Math.max(160, gaps.length * 24 + 50), {
                tooltip,
                grid,
                xAxis: { type: 'value', name: '单位数', minInterval: 1 },
                yAxis: { type: 'category', inverse: true, data: gaps.map((g) => g.code), axisLabel: { interval: 0 } },
                series: [{ type: 'bar', name: '有差距的单位', data: gaps.map((g) => g.units), itemStyle: { color: colours.unmet }, label: { show: true, position: 'right' } }],
            });
        }

        const elders = data.elders || [];
        draw('elders', 240, {
            tooltip,
            grid,
            legend: { top: 0 },
            xAxis: { type: 'category', data: elders.map((e) => `${e.year}年`) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
                { type: 'bar', name: '年末在册', data: elders.map((e) => e.active), itemStyle: { color: colours.bar } },
                { type: 'line', name: '比上年增减', data: elders.map((e) => e.growth), itemStyle: { color: colours.line } },
            ],
        });

        const rates = data.rates || [];
        draw('rates', 240, {
            tooltip,
            grid,
            xAxis: { type: 'category', data: rates.map((r) => `${r.year}年`) },
            yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
            series: [{ type: 'line', name: '达标率（%）', data: rates.map((r) => r.rate), itemStyle: { color: colours.met }, label: { show: true, formatter: '{c}%' } }],
        });

        const months = data.activitiesPerMonth || [];
        draw('months', 240, {
            tooltip,
            grid,
            xAxis: { type: 'category', data: months.map((m) => `${m.month}月`) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', name: '活动', data: months.map((m) => m.count), itemStyle: { color: colours.bar } }],
        });

        const types = (data.activitiesPerType || []).filter((t) => t.count > 0);
        if (types.length > 0) {
            draw('types', Math.max(160, types.length * 24 + 50), {
                tooltip,
                grid,
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', inverse: true, data: types.map((t) => t.type), axisLabel: { interval: 0 } },
                series: [{ type: 'bar', name: '活动', data: types.map((t) => t.count), itemStyle: { color: colours.bar }, label: { show: true, position: 'right' } }],
            });
        }

        const deadlines = data.deadlines || [];
        if (deadlines.length > 0) {
            const kinds = [...new Set(deadlines.map((x) => x.kindLabel))];
            const count = (kind, missed) => deadlines.filter((x) => x.kindLabel === kind && x.missed === missed).length;
            draw('deadlines', Math.max(140, kinds.length * 28 + 70), {
                tooltip,
                grid,
                legend: { top: 0 },
                xAxis: { type: 'value', minInterval: 1 },
                yAxis: { type: 'category', inverse: true, data: kinds },
                series: [
                    { type: 'bar', stack: 'all', name: '已逾期', data: kinds.map((k) => count(k, true)), itemStyle: { color: colours.unmet } },
                    { type: 'bar', stack: 'all', name: '即将到期', data: kinds.map((k) => count(k, false)), itemStyle: { color: colours.partialHigh } },
                ],
            });
        }

        window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
    };

    const load = () => {
        const lib = document.createElement('script');
        lib.src = script.dataset.echarts;
        lib.addEventListener('load', drawAll);
        document.body.appendChild(lib);
    };

    // After the tables have rendered and the page has finished loading: the library never holds the numbers up.
    if (document.readyState === 'complete') {
        load();
    } else {
        window.addEventListener('load', load);
    }
})();
