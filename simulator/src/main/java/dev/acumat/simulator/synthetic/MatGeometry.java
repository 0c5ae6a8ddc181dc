package dev.acumat.simulator.synthetic;

/**
 * A sensor grid and where it lies under the person.
 *
 * <p>Coordinates (cm) are those of the body model's world: {@code y} runs from the top of the
 * head of the 175 cm reference person lying supine in the default position (y = 0) towards the
 * heels; {@code x} runs across, 0 on the body's midline, positive towards that supine person's
 * LEFT hand side. A taller or shorter person lies with the trunk centre (y = 70) in the same
 * place, so the back stays on the mat and only head and feet move.
 * Row 0 is the head end. Column 0 is the person's RIGHT hand side when supine (as seen from
 * above, a supine person's right is on the viewer's left, like an image of a face), so columns
 * grow towards the person's left. Cell (r, c) has its centre at
 * {@code x = centreXCm + (c + 0.5 - cols / 2) * colPitch}, {@code y = topCm + (r + 0.5) * rowPitch}.
 *
 * @param rows        sensor rows, 1..256
 * @param cols        sensor columns, 1..256
 * @param rowPitchMm  distance between row centres
 * @param colPitchMm  distance between column centres
 * @param topCm       world y of the mat's head-end edge (how far below the vertex of the default
 *                    supine person the mat begins; negative when the mat reaches past the head)
 * @param centreXCm   world x of the mat's centre line (0: centred under the body)
 */
public record MatGeometry(int rows, int cols, double rowPitchMm, double colPitchMm, double topCm,
                          double centreXCm) {
    /**
     * The acupressure mat: 32 x 20 at 22 mm (70.4 x 44 cm), its top edge 25 cm below the vertex,
     * so the scapulae lie under the top rows and the sacrum and buttocks under the bottom rows
     * while the head rests off the mat on a pillow.
     */
    public static final MatGeometry ACUPRESSURE = new MatGeometry(32, 20, 22, 22, 25.0, 0);

    /** A bed-size mat of 64 x 32 at 28 mm (179 x 90 cm) carrying the whole body, head to heels. */
    public static final MatGeometry BED = new MatGeometry(64, 32, 28, 28, -2.1, 0);

    /**
     * A lumbar pad: 16 x 16 at 25 mm (40 x 40 cm) under the lower back alone, centred on the
     * reference body's lumbar band (L1 to L5/S1, world y 61 to 75 cm), so it reaches from the
     * lower ribs to the top of the sacrum and shows neither the shoulders nor the buttocks whole.
     */
    public static final MatGeometry LUMBAR_PAD = new MatGeometry(16, 16, 25, 25, 48.0, 0);

    /** Centre of the acupressure mat and of the reference body, in world y (cm). */
    private static final double SHORT_MAT_CENTRE_CM = 60.2;
    private static final double BODY_CENTRE_CM = 87.5;

    public MatGeometry {
        if (rows < 1 || rows > 256 || cols < 1 || cols > 256) {
            throw new IllegalArgumentException("rows and cols must be 1..256: " + rows + " x " + cols);
        }
        if (!(rowPitchMm > 0 && rowPitchMm <= 1000 && colPitchMm > 0 && colPitchMm <= 1000)) {
            throw new IllegalArgumentException("pitch must be in (0, 1000] mm: " + rowPitchMm + " x " + colPitchMm);
        }
        if (!Double.isFinite(topCm) || !Double.isFinite(centreXCm)) {
            throw new IllegalArgumentException("mat offsets must be finite");
        }
    }

    /**
     * A square-pitch grid placed by length: a short mat (70 cm) is centred where the acupressure
     * mat is (the back, shoulders to buttocks), a body-length mat (175 cm and more) is centred on
     * the body, and lengths between are placed proportionally, so any grid shows the back.
     */
    public static MatGeometry of(int rows, int cols, double pitchMm) {
        return of(rows, cols, pitchMm, pitchMm);
    }

    /** {@link #of(int, int, double)} with a pitch of its own between rows and between columns. */
    public static MatGeometry of(int rows, int cols, double rowPitchMm, double colPitchMm) {
        double lengthCm = rows * rowPitchMm / 10;
        double t = Math.max(0, Math.min(1, (lengthCm - 70) / (175 - 70)));
        double centre = SHORT_MAT_CENTRE_CM + t * (BODY_CENTRE_CM - SHORT_MAT_CENTRE_CM);
        return new MatGeometry(rows, cols, rowPitchMm, colPitchMm, centre - lengthCm / 2, 0);
    }

    public int cells() {
        return rows * cols;
    }

    public double lengthCm() {
        return rows * rowPitchMm / 10;
    }

    public double widthCm() {
        return cols * colPitchMm / 10;
    }

    /** Area of one cell in square metres, to turn a pressure in kPa into a force in kN. */
    public double cellAreaM2() {
        return rowPitchMm * colPitchMm * 1e-6;
    }

    /** World x of column c's centre. */
    public double cellX(int c) {
        return centreXCm + (c + 0.5 - cols / 2.0) * colPitchMm / 10;
    }

    /** World y of row r's centre. */
    public double cellY(int r) {
        return topCm + (r + 0.5) * rowPitchMm / 10;
    }
}
