package dev.acumat.simulator.synthetic;

import dev.acumat.contract.Posture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The named scenarios of the simulator ({@code --scenario NAME}). Each is finite; durations
 * are in seconds and become frames at the mat's rate. Small shifts move the body 4 to 5 cm
 * (sometimes with a 2 to 3 degree turn) over 1 to 2 s and then lie still for several seconds;
 * posture changes take 2.5 to 3 s.
 */
public final class Scenarios {
    private static final Map<String, Supplier<Script>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("empty", Scenarios::empty);
        REGISTRY.put("lie-down", Scenarios::lieDown);
        REGISTRY.put("still", Scenarios::still);
        REGISTRY.put("shifts", Scenarios::shifts);
        REGISTRY.put("roll", Scenarios::roll);
        REGISTRY.put("sit-up", Scenarios::sitUp);
        REGISTRY.put("stand", Scenarios::stand);
        REGISTRY.put("get-off", Scenarios::getOff);
        REGISTRY.put("on-off", Scenarios::onOff);
        REGISTRY.put("session", Scenarios::session);
    }

    private Scenarios() {
    }

    /** The scenario names, in a sensible order for a listing. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** The time line of a scenario. */
    public static Script script(String name) {
        Supplier<Script> s = REGISTRY.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", names()));
        }
        return s.get();
    }

    /** A scenario on a mat: the default adult and sensor, at {@code hz} frames a second. */
    public static SyntheticMat create(String name, double hz, long seed, MatGeometry geometry) {
        return new SyntheticMat(script(name), geometry, hz, seed);
    }

    /** A scenario on the acupressure mat. */
    public static SyntheticMat create(String name, double hz, long seed) {
        return create(name, hz, seed, MatGeometry.ACUPRESSURE);
    }

    /** A scenario for a given body and sensor. */
    public static SyntheticMat create(String name, double hz, long seed, MatGeometry geometry, Body body,
                                      SensorModel sensor) {
        return new SyntheticMat(script(name), body, geometry, sensor, hz, seed);
    }

    static Script empty() {
        return Script.builder("empty").hold("empty", 10).build();
    }

    static Script lieDown() {
        Script.Builder b = Script.builder("lie-down");
        lieDown(b.hold("empty", 2));
        return b.hold("still", 6).build();
    }

    static Script still() {
        return Script.builder("still", supine()).hold("still", 120).build();
    }

    static Script shifts() {
        Script.Builder b = Script.builder("shifts", supine()).hold("still", 6);
        smallShifts(b, 7, true);
        return b.build();
    }

    static Script roll() {
        Script.Builder b = Script.builder("roll", supine()).hold("still", 5);
        rollAndBack(b, Posture.LEFT, 8);
        b.hold("still", 5);
        rollAndBack(b, Posture.RIGHT, 8);
        return b.hold("still", 5).build();
    }

    static Script sitUp() {
        return Script.builder("sit-up", supine())
                .hold("still", 5)
                .change("sit-up", 3, Posture.SITTING)
                .hold("sit", 6)
                .change("lie-back", 3, Posture.SUPINE)
                .hold("still", 5)
                .build();
    }

    static Script stand() {
        Pose feet = Pose.of(Posture.STANDING);
        return Script.builder("stand")
                .hold("empty", 2)
                .getOn("step-on", 1.5, feet)
                .hold("stand", 5)
                .move("weight-shift", 1.5, Segment.Motion.SHIFT, feet.withWeightShift(0.35))
                .hold("stand", 4)
                .move("weight-shift", 2, Segment.Motion.SHIFT, feet.withWeightShift(-0.35))
                .hold("stand", 4)
                .move("weight-shift", 1.5, Segment.Motion.SHIFT, feet)
                .hold("stand", 4)
                .getOff("step-off", 1.5)
                .hold("empty", 2)
                .build();
    }

    static Script getOff() {
        Script.Builder b = Script.builder("get-off", supine()).hold("still", 4);
        return sitUpAndOff(b).hold("empty", 4).build();
    }

    /**
     * Empty for 15 s, get on and lie down, lie still for 30 s, sit up and get off, empty for 15 s:
     * empty long enough for an analysis to learn the empty mat first and to find it again at the
     * end, which matters once the empty mat carries a load of its own
     * ({@link SensorModel#stuckShare()}, {@link SensorModel#topperKpa()}).
     */
    static Script onOff() {
        Script.Builder b = Script.builder("on-off").hold("empty", 15);
        lieDown(b);
        b.hold("still", 30);
        return sitUpAndOff(b).hold("empty", 15).build();
    }

    /**
     * A whole acupressure session of about 3.5 minutes: get on and lie down, lie still, a few
     * small shifts, a short lift to reposition, a roll onto the left side and back, sit up and
     * get off.
     */
    static Script session() {
        Script.Builder b = Script.builder("session").hold("empty", 5);
        lieDown(b);
        b.hold("still", 60);
        smallShifts(b, 10, false);
        b.hold("still", 10).lift("lift", 4, 0.25).hold("still", 15);
        rollAndBack(b, Posture.LEFT, 30);
        b.hold("still", 20);
        return sitUpAndOff(b).hold("empty", 5).build();
    }

    private static Pose supine() {
        return Pose.of(Posture.SUPINE);
    }

    /** Sit down at the foot end of the mat, then lie back. */
    private static void lieDown(Script.Builder b) {
        b.getOn("get-on", 2, Pose.of(Posture.SITTING)).hold("sit", 2).change("lie-back", 3, Posture.SUPINE);
    }

    private static Script.Builder sitUpAndOff(Script.Builder b) {
        return b.change("sit-up", 3, Posture.SITTING).hold("sit", 2).getOff("get-off", 2);
    }

    private static void rollAndBack(Script.Builder b, Posture side, double stay) {
        String name = side.label();
        b.change("roll-" + name, 2.5, side).hold("side-" + name, stay).change("roll-back", 2.5, Posture.SUPINE);
    }

    /**
     * Shifts to absolute places {dx, dy, rotation, lumbar contact, seconds}. Each moves the body
     * 4 to 5 cm from the last, mostly across: on a mat shorter than the body, a move along it
     * pushes as much load off one end as it brings on at the other, and the centre of pressure
     * barely follows. The lumbar contact changes with each (a third to four fifths of the band),
     * as the pelvis tilts differently every time one settles. The long list is the "shifts"
     * scenario, the first three the session's.
     */
    private static void smallShifts(Script.Builder b, double stillSeconds, boolean all) {
        double[][] places = {
            {-4, 1, -2, 0.1, 1.5},
            {0, 3, 1, 0.5, 2},
            {4, 2, 0, 0.2, 1},
            {0, -2, 3, 0.9, 1.5},
            {-3.5, 2, -1, 0.35, 2},
        };
        int n = all ? places.length : 3;
        for (int i = 0; i < n; i++) {
            double[] p = places[i];
            b.shift("shift", p[4], p[0], p[1], p[2], p[3]).hold("still", stillSeconds);
        }
    }
}
