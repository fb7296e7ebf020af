// The part of ECharts the explorer draws with (static/app.js): treemaps on canvas, time lines
// in SVG, with tooltips, a legend, a grid and ARIA descriptions. scripts/build-web bundles this
// into static/vendor/echarts.min.js (a third of the whole library), served locally.
import * as echarts from "echarts/core";
import { LineChart, TreemapChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";

echarts.use([TreemapChart, LineChart, AriaComponent, GridComponent, LegendComponent,
  TooltipComponent, CanvasRenderer, SVGRenderer]);
window.echarts = echarts;
