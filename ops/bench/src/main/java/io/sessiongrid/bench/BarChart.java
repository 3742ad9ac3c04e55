package io.sessiongrid.bench;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;

/**
 * A grouped bar chart written as a PNG, for the benchmark reports: one group per category (a backend, a
 * session count), one bar per series (a workload, a store), the value printed on each bar. Not thread safe;
 * build one, add values, write it.
 */
public final class BarChart {
    private final String title;
    private final String valueLabel;
    private final String valueFormat;
    private final DefaultCategoryDataset data = new DefaultCategoryDataset();

    public BarChart(String title, String valueLabel, String valueFormat) {
        this.title = title;
        this.valueLabel = valueLabel;
        this.valueFormat = valueFormat;
    }

    /** What the value axis shows. */
    public String valueLabel() {
        return valueLabel;
    }

    public BarChart add(String series, String category, double value) {
        data.addValue(value, series, category);
        return this;
    }

    /** Writes the chart, 1000 × 560 pixels, without needing a display. */
    public void writePng(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryAxis categories = new CategoryAxis();
        categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDefaultItemLabelGenerator(
                new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat(valueFormat)));
        bars.setDefaultItemLabelsVisible(true);
        Color[] palette = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};
        for (int i = 0; i < palette.length; i++) {
            bars.setSeriesPaint(i, palette[i]);
        }
        CategoryPlot plot = new CategoryPlot(data, categories, new NumberAxis(valueLabel), bars);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 560);
    }
}
