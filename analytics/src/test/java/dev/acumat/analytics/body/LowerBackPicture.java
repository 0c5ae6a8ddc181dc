package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws docs/images/lower-back.png: a real supine PMD frame (bed mat) and a simulated
 * acupressure-mat frame, each with its heatmap, contact outline, body axis, shoulder and pelvis
 * landmarks and the lumbar region with its coverage.
 *
 * <pre>
 * java -cp ... dev.acumat.analytics.body.LowerBackPicture [OUTPUT]   (see docs/ANALYTICS.md)
 * </pre>
 */
public final class LowerBackPicture {
    private static final int MARGIN = 24;
    private static final int TITLE = 64;
    private static final Color BACKGROUND = new Color(250, 250, 248);
    private static final Color LANDMARK = new Color(0, 200, 255);
    private static final Color REGION = new Color(60, 255, 90);
    private static final float[][] RAMP = {   // pressure, dark to bright
        {20, 20, 45}, {75, 25, 110}, {170, 40, 100}, {235, 100, 40}, {250, 200, 60}, {255, 250, 200},
    };

    private LowerBackPicture() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "docs/images/lower-back.png");
        PressureMap real = PmdFrames.converter().map(pmd("S1-1-line40.txt"));
        Panel left = new Panel(real, 4.5, "Real: PMD subject S1, supine",
                "bed mat 64 x 32 at 28 mm, raw counts", Double.NaN);
        SimFrames sim = new SimFrames(Scenarios.create("still", 5, 1, MatGeometry.ACUPRESSURE));
        for (int i = 0; i < 40; i++) {
            sim.next();
        }
        Panel right = new Panel(sim.map(), 9, "Simulated: acupressure mat, supine",
                "32 x 20 at 22 mm, kPa; 175 cm, 70 kg", sim.truth().lumbarCoverage());
        int width = left.width + right.width + 3 * MARGIN;
        int height = Math.max(left.height, right.height) + 2 * MARGIN + 40;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        left.draw(g, MARGIN, MARGIN);
        right.draw(g, 2 * MARGIN + left.width, MARGIN);
        legend(g, MARGIN, height - 30);
        g.dispose();
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(img, "png", out.toFile());
        System.out.println("wrote " + out);
    }

    private static int[] pmd(String name) throws IOException {
        try (InputStream in = LowerBackPicture.class.getResourceAsStream("/pmd/" + name)) {
            return PmdFrames.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.DARK_GRAY);
        g.drawString("white: contact outline   dashed: body axis   blue: shoulder and pelvis landmarks   "
                + "green: lumbar region (filled cells in contact)", x, y + 14);
    }

    /** One frame, analysed and drawn at a scale of {@code pxPerCm}. */
    private static final class Panel {
        final PressureMap map;
        final double scale;
        final String title;
        final String subtitle;
        final BodyReading reading;
        final BodyShape shape;
        final LowerBack back;
        final double truth;
        final int width;
        final int height;

        /**
         * Each panel has its own analyzer: an analyzer keeps its landmarks and shape in buffers
         * that the next frame overwrites, and the panels are drawn after both are analysed.
         */
        Panel(PressureMap map, double pxPerCm, String title, String subtitle, double truth) {
            ShippedAnalyzers analyzer = new ShippedAnalyzers();
            this.map = map;
            this.scale = pxPerCm;
            this.title = title;
            this.subtitle = subtitle;
            this.reading = analyzer.analyze(map);
            this.shape = analyzer.measure(map);
            this.back = analyzer.of(map).landmarks();
            this.truth = truth;
            this.width = (int) Math.round(map.cols() * map.spec().colPitchCm() * pxPerCm);
            this.height = (int) Math.round(map.rows() * map.spec().rowPitchCm() * pxPerCm) + TITLE;
        }

        void draw(Graphics2D g, int x0, int y0) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, x0, y0 + 16);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(subtitle, x0, y0 + 34);
            LowerBackRegion region = reading.lowerBack();
            String result = String.format(Locale.ROOT, "%s (%.0f %%); lower back %s", reading.posture().label(),
                    100 * reading.confidence(), region == null ? "not found"
                            : String.format(Locale.ROOT, "%.0f %% in contact", 100 * region.coverage()));
            if (!Double.isNaN(truth)) {
                result += String.format(Locale.ROOT, " (truth %.0f %%)", 100 * truth);
            }
            g.drawString(result, x0, y0 + 52);
            int top = y0 + TITLE;
            heatmap(g, x0, top);
            outline(g, x0, top);
            if (region != null) {
                regionCells(g, x0, top, region);
            }
            landmarks(g, x0, top, region);
            scaleBar(g, x0 + 6, top + (int) Math.round(map.rows() * map.spec().rowPitchCm() * scale) - 8);
        }

        private void heatmap(Graphics2D g, int x0, int y0) {
            float[] p = map.pressures();
            float[] sorted = p.clone();
            Arrays.sort(sorted);
            double top = Math.max(1e-6, sorted[(int) (0.99 * (sorted.length - 1))]);
            for (int r = 0; r < map.rows(); r++) {
                for (int c = 0; c < map.cols(); c++) {
                    double v = Math.min(1, Math.sqrt(p[r * map.cols() + c] / top));
                    g.setColor(p[r * map.cols() + c] > 0 ? ramp(v) : new Color(20, 20, 45));
                    g.fillRect(px(x0, c), py(y0, r), px(x0, c + 1) - px(x0, c), py(y0, r + 1) - py(y0, r));
                }
            }
        }

        private void outline(Graphics2D g, int x0, int y0) {
            g.setColor(new Color(255, 255, 255, 200));
            g.setStroke(new BasicStroke(1.5f));
            for (int r = 0; r < map.rows(); r++) {
                for (int c = 0; c < map.cols(); c++) {
                    boolean in = map.contact(r, c);
                    if (c + 1 < map.cols() && in != map.contact(r, c + 1)) {
                        g.drawLine(px(x0, c + 1), py(y0, r), px(x0, c + 1), py(y0, r + 1));
                    }
                    if (r + 1 < map.rows() && in != map.contact(r + 1, c)) {
                        g.drawLine(px(x0, c), py(y0, r + 1), px(x0, c + 1), py(y0, r + 1));
                    }
                }
            }
        }

        private void regionCells(Graphics2D g, int x0, int y0, LowerBackRegion region) {
            for (int i = 0; i < region.cells().length; i++) {
                if (region.cells()[i] && map.contacts()[i]) {
                    int r = i / map.cols();
                    int c = i % map.cols();
                    g.setColor(new Color(60, 255, 90, 110));
                    g.fillRect(px(x0, c), py(y0, r), px(x0, c + 1) - px(x0, c), py(y0, r + 1) - py(y0, r));
                }
            }
            Path2D poly = new Path2D.Double();
            double[] o = region.outlineCm();
            for (int i = 0; i < o.length; i += 2) {
                double x = x0 + o[i] * scale;
                double y = y0 + o[i + 1] * scale;
                if (i == 0) {
                    poly.moveTo(x, y);
                } else {
                    poly.lineTo(x, y);
                }
            }
            poly.closePath();
            g.setColor(REGION);
            g.setStroke(new BasicStroke(3f));
            g.draw(poly);
        }

        private void landmarks(Graphics2D g, int x0, int y0, LowerBackRegion region) {
            double half = (shape.uMax - shape.uMin) / 2;
            double mid = (shape.uMax + shape.uMin) / 2;
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
            line(g, x0, y0, mid - half, 0, mid + half, 0);
            if (!back.found) {
                return;
            }
            double w = back.pelvisWidthCm / 2 + 3;
            g.setColor(LANDMARK);
            g.setStroke(new BasicStroke(3f));
            line(g, x0, y0, back.shoulderU, back.shoulderV - w, back.shoulderU, back.shoulderV + w);
            line(g, x0, y0, back.pelvisU, back.pelvisV - w, back.pelvisU, back.pelvisV + w);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            label(g, x0, y0, "shoulders", back.shoulderU, back.shoulderV + w);
            label(g, x0, y0, "pelvis", back.pelvisU, back.pelvisV + w);
            if (region != null) {
                g.setColor(REGION);
                double lu = (back.shoulderU + back.pelvisU) / 2 + (LowerBack.TOP + LowerBack.BOTTOM - 1) / 2
                        * (back.pelvisU - back.shoulderU);
                label(g, x0, y0, "L1-L5", lu, back.pelvisV + w);
            }
        }

        private void line(Graphics2D g, int x0, int y0, double u0, double v0, double u1, double v1) {
            g.draw(new Line2D.Double(x0 + shape.x(u0, v0) * scale, y0 + shape.y(u0, v0) * scale,
                    x0 + shape.x(u1, v1) * scale, y0 + shape.y(u1, v1) * scale));
        }

        private void label(Graphics2D g, int x0, int y0, String text, double u, double v) {
            int x = (int) Math.round(x0 + shape.x(u, v) * scale) + 4;
            int y = (int) Math.round(y0 + shape.y(u, v) * scale) + 5;
            x = Math.min(x, x0 + width - g.getFontMetrics().stringWidth(text) - 2);
            Color c = g.getColor();
            g.setColor(new Color(0, 0, 0, 150));
            g.fillRect(x - 2, y - 12, g.getFontMetrics().stringWidth(text) + 4, 16);
            g.setColor(c);
            g.drawString(text, x, y);
        }

        private void scaleBar(Graphics2D g, int x, int y) {
            int len = (int) Math.round(10 * scale);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x, y, x + len, y);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("10 cm", x, y - 4);
        }

        private int px(int x0, int col) {
            return x0 + (int) Math.round(col * map.spec().colPitchCm() * scale);
        }

        private int py(int y0, int row) {
            return y0 + (int) Math.round(row * map.spec().rowPitchCm() * scale);
        }
    }

    private static Color ramp(double t) {
        double x = t * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) x);
        double f = x - i;
        return new Color((int) (RAMP[i][0] + f * (RAMP[i + 1][0] - RAMP[i][0])),
                (int) (RAMP[i][1] + f * (RAMP[i + 1][1] - RAMP[i][1])),
                (int) (RAMP[i][2] + f * (RAMP[i + 1][2] - RAMP[i][2])));
    }
}
