// budgetbook explorer: treemaps over data the page embeds (no network, no CDN).
// A click on a node opens the page of its work plan, sub-plan or row; the tables below each
// chart carry the same figures for keyboard and screen-reader users.
(function () {
  "use strict";
  var fmt = new Intl.NumberFormat("zh-TW");
  var font = getComputedStyle(document.documentElement).fontFamily;

  function option(el, data) {
    return {
      aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
      textStyle: { fontFamily: font },
      tooltip: {
        formatter: function (p) {
          var path = (p.treePathInfo || []).slice(1).map(function (n) { return n.name; });
          return path.join(" › ") + "<br><b>" + fmt.format(p.value) + "</b> 千元";
        }
      },
      series: [{
        type: "treemap", name: el.dataset.title || "", data: data,
        top: 4, left: 4, right: 4, bottom: 4,
        roam: false, nodeClick: false, leafDepth: null, breadcrumb: { show: false },
        label: { show: true, formatter: "{b}", overflow: "truncate" },
        levels: [
          // the root: no title bar of its own
          { itemStyle: { borderWidth: 0, gapWidth: 4 }, upperLabel: { show: false } },
          // work plans: a coloured title bar that opens the work plan
          { itemStyle: { borderWidth: 3, gapWidth: 2, borderColorSaturation: 0.55 },
            upperLabel: { show: true, height: 24, color: "#fff", fontWeight: "bold" } },
          // sub-plans: a lighter title bar that opens the sub-plan
          { colorSaturation: [0.35, 0.6],
            itemStyle: { borderWidth: 2, gapWidth: 1, borderColorSaturation: 0.35 },
            upperLabel: { show: true, height: 20, color: "#fff" } },
          // object classes
          { colorSaturation: [0.3, 0.55], itemStyle: { borderColorSaturation: 0.6, borderWidth: 1 } }
        ]
      }]
    };
  }

  function init(el) {
    var source = document.getElementById(el.dataset.treemap);
    if (!source || !window.echarts) { el.hidden = true; return; }  // the tables remain
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(el, JSON.parse(source.textContent)));
    chart.on("click", function (p) {
      if (p.data && p.data.url) { window.location.href = p.data.url; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.dataset.ready = "1";
  }

  document.querySelectorAll("[data-treemap]").forEach(init);

  // Time lines (comparison pages): one line per phase over the years; a missing year is a gap
  // (null), never 0; a partial year is a red triangle; a click on a point opens its page.
  function lineOption(el, d) {
    var colors = { proposed: "#0b5cad", enacted: "#c2571a" };
    return {
      aria: { enabled: true, label: { description: el.getAttribute("aria-label") } },
      textStyle: { fontFamily: font },
      legend: { top: 4 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var v = p.data || {}, year = d.years[p.dataIndex];
          return (year - 1911) + " 年度（" + year + "）" + p.seriesName +
            (v.agency ? "<br>" + v.agency : "") + "<br><b>" + fmt.format(p.value) + "</b> 千元" +
            (v.partial ? "<br>資料不完整" : "");
        }
      },
      xAxis: { type: "category", data: d.years.map(String), boundaryGap: false },
      yAxis: { type: "value", name: "千元", axisLabel: { formatter: function (v) { return fmt.format(v); } } },
      series: d.series.map(function (s) {
        return {
          type: "line", name: s.name, connectNulls: false, showAllSymbol: true, symbolSize: 9,
          itemStyle: { color: colors[s.phase] }, lineStyle: { color: colors[s.phase] },
          data: s.data.map(function (p) {
            if (!p) { return null; }
            return p.partial ? Object.assign({}, p, { symbol: "triangle", symbolSize: 16,
              itemStyle: { color: "#b42318" },
              label: { show: true, formatter: "不完整", color: "#b42318", position: "top" } }) : p;
          })
        };
      })
    };
  }

  document.querySelectorAll("[data-linechart]").forEach(function (el) {
    var source = document.getElementById(el.dataset.linechart);
    if (!source || !window.echarts) { el.hidden = true; return; }  // the table remains
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(lineOption(el, JSON.parse(source.textContent)));
    chart.on("click", function (p) {
      if (p.data && p.data.url) { window.location.href = p.data.url; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.dataset.ready = "1";
  });
})();
