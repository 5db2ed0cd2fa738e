package io.switchboard.portal;

import io.switchboard.sync.Counts;
import io.switchboard.sync.SyncRun;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.web.util.HtmlUtils;

/**
 * The chart of the runs page, drawn on the server as inline SVG: per run, oldest on the left, a
 * stacked bar of its counts of changed objects (scale on the left) and a dot on the line of its
 * duration (scale on the right). Every bar and dot carries a title with its figures, and the table
 * under the chart gives the same figures as text.
 */
final class RunChart {

    static final int WIDTH = 760;
    static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int RIGHT = 56;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    /** A series of the stacked bars: its colour, its label, how it reads a run's counts. */
    record Series(String cssClass, String label, Function<Counts, Integer> value) {}

    private RunChart() {}

    /**
     * @param runs oldest first
     * @param labels the label of each run under its bar
     * @param durationLabel the name of the duration line
     * @param title the accessible name of the whole chart
     */
    static String svg(
            List<SyncRun> runs, List<String> labels, List<Series> series, String durationLabel, String title) {
        int n = runs.size();
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        int maxCount = 1;
        double maxSeconds = 1;
        for (SyncRun run : runs) {
            int sum =
                    series.stream().mapToInt(s -> s.value().apply(run.counts())).sum();
            maxCount = Math.max(maxCount, sum);
            maxSeconds = Math.max(maxSeconds, seconds(run));
        }
        maxCount = niceCeiling(maxCount);
        maxSeconds = niceCeiling((int) Math.ceil(maxSeconds));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"run-chart\" id=\"run-chart\" role=\"img\"")
                .append(" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-label=\"")
                .append(escape(title))
                .append("\"><title>")
                .append(escape(title))
                .append("</title>");
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "grid"));
            svg.append(text(LEFT - 6, y + 4, "end", format(maxCount * i / 4.0), "axis"));
            svg.append(text(WIDTH - RIGHT + 6, y + 4, "start", format(maxSeconds * i / 4.0) + " s", "axis"));
        }
        double slot = n == 0 ? plotW : plotW / n;
        double barW = Math.max(2, Math.min(28, slot * 0.6));
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            SyncRun run = runs.get(i);
            double cx = LEFT + slot * i + slot / 2;
            double base = TOP + plotH;
            for (Series s : series) {
                int value = s.value().apply(run.counts());
                if (value == 0) {
                    continue;
                }
                double h = plotH * value / maxCount;
                base -= h;
                svg.append("<rect class=\"bar ")
                        .append(s.cssClass())
                        .append("\" x=\"")
                        .append(format(cx - barW / 2))
                        .append("\" y=\"")
                        .append(format(base))
                        .append("\" width=\"")
                        .append(format(barW))
                        .append("\" height=\"")
                        .append(format(h))
                        .append("\"><title>")
                        .append(escape(labels.get(i) + " · " + s.label() + ": " + value))
                        .append("</title></rect>");
            }
            double y = TOP + plotH - plotH * seconds(run) / maxSeconds;
            points.append(format(cx)).append(',').append(format(y)).append(' ');
            if (n <= 6 || i % Math.ceil(n / 6.0) == 0) {
                svg.append(text(cx, HEIGHT - 8, "middle", labels.get(i), "axis"));
            }
        }
        if (n > 0) {
            svg.append("<polyline class=\"duration\" fill=\"none\" points=\"")
                    .append(points.toString().strip())
                    .append("\"/>");
            for (int i = 0; i < n; i++) {
                String[] xy = points.toString().strip().split(" ")[i].split(",");
                svg.append("<circle class=\"duration-dot\" r=\"3\" cx=\"")
                        .append(xy[0])
                        .append("\" cy=\"")
                        .append(xy[1])
                        .append("\"><title>")
                        .append(escape(
                                labels.get(i) + " · " + durationLabel + ": " + format(seconds(runs.get(i))) + " s"))
                        .append("</title></circle>");
            }
        }
        return svg.append("</svg>").toString();
    }

    static double seconds(SyncRun run) {
        if (run.finishedAt() == null) {
            return 0;
        }
        return Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0;
    }

    /** The top of a scale of four equal whole steps at or above the value: 4, 8, 12, 20, 40, 80, 120, 200… */
    private static int niceCeiling(int value) {
        for (int base = 1; ; base *= 10) {
            for (int m : new int[] {4, 8, 12, 20}) {
                if ((long) base * m >= value) {
                    return base * m;
                }
            }
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String css) {
        return "<line class=\"" + css + "\" x1=\"" + format(x1) + "\" y1=\"" + format(y1) + "\" x2=\"" + format(x2)
                + "\" y2=\"" + format(y2) + "\"/>";
    }

    private static String text(double x, double y, String anchor, String value, String css) {
        return "<text class=\"" + css + "\" x=\"" + format(x) + "\" y=\"" + format(y) + "\" text-anchor=\"" + anchor
                + "\">" + escape(value) + "</text>";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
