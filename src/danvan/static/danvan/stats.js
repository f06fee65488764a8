// The statistics pages: draw the charts from the page's json_script (Chart.js, from npm) and sort the
// tables in the browser. Without JavaScript the tables are all there, in name order, with their totals.
(() => {
  const numbers = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
  const format = (value, percent) => numbers.format(value) + (percent ? "%" : "");
  // Bootstrap's colours, told apart also by the line's dash where several series share a chart.
  const palette = ["#0d6efd", "#d63384", "#198754", "#fd7e14", "#6f42c1"];
  const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1]];
  const points = ["circle", "rect", "triangle", "rectRot", "star"];

  // A long label on two or three lines rather than cut off at the chart's edge.
  function wrap(label, width) {
    if (label.length <= width) {
      return label;
    }
    const lines = [];
    let line = "";
    for (const word of label.split(" ")) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
    return lines;
  }

  function drawCharts() {
    const source = document.getElementById("stats-charts");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    const specs = JSON.parse(source.textContent || "{}");
    document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const spec = specs[canvas.dataset.chart];
      if (!spec) {
        return;
      }
      const line = spec.kind === "line";
      const horizontal = spec.kind === "hbar";
      const valueAxis = horizontal ? "x" : "y";
      const categoryAxis = horizontal ? "y" : "x";
      const datasets = spec.datasets.map((d, i) => ({
        label: d.label,
        data: d.data,
        backgroundColor: palette[i % palette.length],
        borderColor: palette[i % palette.length],
        borderDash: line ? dashes[i % dashes.length] : undefined,
        pointRadius: line ? 3 : undefined,
        pointStyle: line ? points[i % points.length] : undefined,
        tension: 0,
      }));
      const chart = new window.Chart(canvas, {
        type: line ? "line" : "bar",
        data: { labels: spec.labels.map((label) => wrap(label, horizontal ? 26 : 16)), datasets },
        options: {
          locale: "vi-VN",
          indexAxis: horizontal ? "y" : "x",
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            [valueAxis]: {
              beginAtZero: true,
              ticks: { precision: 0, callback: (value) => format(value, spec.percent) },
            },
            [categoryAxis]: { ticks: { autoSkip: !horizontal } },
          },
          plugins: {
            legend: { display: datasets.length > 1, position: "bottom", labels: { usePointStyle: line } },
            tooltip: {
              callbacks: {
                title: (items) => (items.length ? spec.labels[items[0].dataIndex] : ""),
                label: (item) => `${item.dataset.label}: ${format(item.parsed[valueAxis], spec.percent)}`,
              },
            },
          },
        },
      });
      canvas.dataset.drawn = String(chart.data.datasets.length);
    });
  }

  const collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

  function sortTable(table, column) {
    const headers = Array.from(table.tHead.rows[0].cells);
    const header = headers[column];
    const numeric = header.dataset.type === "number";
    const current = header.getAttribute("aria-sort");
    // Names first A→Z, figures first largest first; a second click turns the order round.
    const first = numeric ? "descending" : "ascending";
    const order = current === first ? (first === "ascending" ? "descending" : "ascending") : first;
    headers.forEach((th) => th.setAttribute("aria-sort", "none"));
    header.setAttribute("aria-sort", order);
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const fixed = rows.filter((row) => row.dataset.fixed);
    const sortable = rows.filter((row) => !row.dataset.fixed && row.cells.length > column);
    const key = (row) => row.cells[column].dataset.value || "";
    sortable.sort((a, b) => {
      const diff = numeric ? Number(key(a)) - Number(key(b)) : collator.compare(key(a), key(b));
      // Equal figures stay in name order.
      const tie = collator.compare(a.cells[0].dataset.value || "", b.cells[0].dataset.value || "");
      return (order === "ascending" ? diff : -diff) || tie;
    });
    body.append(...sortable, ...fixed);
    const status = table.closest("section")?.querySelector(".sort-status");
    if (status) {
      status.textContent = `Đã sắp xếp theo ${header.textContent.trim()}, ${order === "ascending" ? "tăng dần" : "giảm dần"}.`;
    }
  }

  function makeSortable(table) {
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach((th, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.append(...th.childNodes);
      button.title = "Sắp xếp theo cột này";
      button.addEventListener("click", () => sortTable(table, column));
      th.append(button);
    });
    const status = document.createElement("p");
    status.className = "sort-status visually-hidden";
    status.setAttribute("aria-live", "polite");
    table.closest("section")?.append(status);
  }

  function start() {
    document.querySelectorAll("table.sortable").forEach(makeSortable);
    drawCharts();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
