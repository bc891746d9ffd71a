// charts/all.js — the part of ECharts WsChart draws with: pie, bar, line and
// gauge, with grid, title, legend and tooltip, on canvas.  Imported only
// dynamically (WsChart's first mount): a page shows its text before ECharts
// arrives, and the public portal never fetches it unless its 成效 tab is opened.
import * as echarts from 'echarts/core'
import { PieChart, BarChart, GaugeChart, LineChart } from 'echarts/charts'
import { TooltipComponent, LegendComponent, GridComponent, TitleComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([PieChart, BarChart, GaugeChart, LineChart, TooltipComponent, LegendComponent, GridComponent, TitleComponent, CanvasRenderer])

export { echarts }
