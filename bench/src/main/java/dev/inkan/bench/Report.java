package dev.inkan.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** The run as a Markdown table and a PNG chart: throughput and p50/p99 latency against concurrency. */
public final class Report {
    public static final String TABLE = "bench.md";
    public static final String CHART = "bench.png";

    private Report() {}

    static String markdown(List<LevelResult> results, String header) {
        StringBuilder b = new StringBuilder(header);
        b.append("| CA | clients | issued | certs/s | p50 ms | p99 ms | max ms | server CPU ms/cert | HSM CPU ms/cert"
                + " | generator CPU ms/cert | store KB/cert | OCSP GET/s | OCSP POST/s | failed | stall |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LevelResult r : results) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %.0f | %.0f | %.1f | %s | %.1f | %s | %s | %s | %d | %s |%n",
                    r.target(), r.clients(), r.issued(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.maxMs(),
                    r.serverMsPerCertificate(),
                    r.hsmMsPerCertificate() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f (%d sig.)",
                            r.hsmMsPerCertificate(), r.hsmSignatures()),
                    r.clientMsPerCertificate(),
                    r.storeKbPerCertificate() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", r.storeKbPerCertificate()),
                    rate(r.ocspGetPerSecond()), rate(r.ocspPostPerSecond()),
                    r.failed(), r.stall().isEmpty() ? "" : r.stall()));
        }
        List<String> ratios = ratios(results);
        if (!ratios.isEmpty()) {
            b.append("\nInkan's throughput as a share of Pebble's at the same concurrency: ")
                    .append(String.join(", ", ratios)).append(".\n");
        }
        List<String> flat = flatness(results);
        if (!flat.isEmpty()) {
            b.append("\nThroughput on the pre-filled store as a share of the empty store's at the same concurrency: ")
                    .append(String.join(", ", flat)).append(".\n");
        }
        for (LevelResult r : results) {
            if (!r.errors().isEmpty()) {
                b.append("\nErrors, ").append(r.target()).append(" at ").append(r.clients()).append(" clients:\n");
                r.errors().forEach(e -> b.append("- `").append(e.replace('`', '\'').replace('\n', ' ')).append("`\n"));
            }
        }
        return b.toString();
    }

    private static String rate(double perSecond) {
        return perSecond < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private static List<String> ratios(List<LevelResult> results) {
        return results.stream().filter(r -> r.target().equals("Inkan")).flatMap(i -> results.stream()
                .filter(p -> p.target().equals("Pebble") && p.clients() == i.clients() && p.perSecond() > 0)
                .map(p -> String.format(Locale.ROOT, "%d clients %.0f %%", i.clients(), 100 * i.perSecond() / p.perSecond())))
                .toList();
    }

    /** The name of a level run on a store pre-filled with {@code certificates}. */
    static String prefilledName(String target, int certificates) {
        return String.format(Locale.ROOT, "%s, %,d stored", target, certificates);
    }

    private static List<String> flatness(List<LevelResult> results) {
        return results.stream().filter(r -> r.target().startsWith("Inkan, ")).flatMap(f -> results.stream()
                .filter(e -> e.target().equals("Inkan") && e.clients() == f.clients() && e.perSecond() > 0)
                .map(e -> String.format(Locale.ROOT, "%d clients %.0f %% (%.1f/s against %.1f/s)", f.clients(),
                        100 * f.perSecond() / e.perSecond(), f.perSecond(), e.perSecond())))
                .toList();
    }

    static void write(List<LevelResult> results, String header, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TABLE), markdown(results, header));
        chart(results, dir.resolve(CHART));
    }

    static void chart(List<LevelResult> results, Path png) throws IOException {
        Set<String> targets = new LinkedHashSet<>();
        results.forEach(r -> targets.add(r.target()));
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        for (String t : targets) {
            for (LevelResult r : results) {
                if (!r.target().equals(t)) {
                    continue;
                }
                Integer clients = r.clients();
                throughput.addValue(r.perSecond(), t, clients);
                latency.addValue(r.issued() > 0 ? Math.max(1, r.p50Ms()) : null, t + " p50", clients);
                latency.addValue(r.issued() > 0 ? Math.max(1, r.p99Ms()) : null, t + " p99", clients);
            }
        }
        JFreeChart left = ChartFactory.createBarChart("Throughput", "concurrent clients", "certificates/s",
                throughput, PlotOrientation.VERTICAL, true, false, false);
        JFreeChart right = ChartFactory.createLineChart("Latency, newOrder to certificate downloaded",
                "concurrent clients", "ms (log scale)", latency, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot lines = right.getCategoryPlot();
        LogAxis y = new LogAxis("ms (log scale)");
        y.setSmallestValue(1);
        y.setNumberFormatOverride(new DecimalFormat("#,##0"));
        lines.setRangeAxis(y);
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) lines.getRenderer();
        renderer.setDefaultShapesVisible(true);
        for (JFreeChart c : List.of(left, right)) {
            c.setBackgroundPaint(Color.WHITE);
            c.getCategoryPlot().setBackgroundPaint(new Color(245, 245, 245));
        }
        BufferedImage image = new BufferedImage(1400, 560, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            left.draw(g, new Rectangle2D.Double(0, 0, 700, 560));
            right.draw(g, new Rectangle2D.Double(700, 0, 700, 560));
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }
}
