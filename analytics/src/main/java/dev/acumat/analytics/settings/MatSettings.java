package dev.acumat.analytics.settings;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.WireFormat;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Settings given per mat id ({@code --mat-order MAT_ID=ORDER}), immutable. They are read and
 * checked once at start, so a mistake stops the service with a line that names the setting; a
 * mat nobody named gets {@link Mat#DEFAULTS}.
 *
 * <p>A further per-mat setting is a component of {@link Mat} with its default in
 * {@link Mat#DEFAULTS} and a {@code with} method, and a {@link Builder} method that reads its
 * {@code MAT_ID=VALUE} entries through {@code entries}, as {@link Builder#orders} does.
 */
public final class MatSettings {
    /** No mat has settings of its own. */
    public static final MatSettings NONE = new MatSettings(new TreeMap<>());

    /**
     * One mat's settings.
     *
     * @param order how the mat's cells map to acumat's canonical order
     */
    public record Mat(CellOrder order) {
        /** What a mat has when nothing was set for it. */
        public static final Mat DEFAULTS = new Mat(CellOrder.NONE);

        public Mat {
            Objects.requireNonNull(order, "order");
        }

        public Mat withOrder(CellOrder order) {
            return new Mat(order);
        }
    }

    private final Map<String, Mat> mats;

    private MatSettings(TreeMap<String, Mat> mats) {
        this.mats = Collections.unmodifiableMap(mats);
    }

    /** The settings of {@code matId}: its own, else the defaults. */
    public Mat of(String matId) {
        return mats.getOrDefault(matId, Mat.DEFAULTS);
    }

    /** The cell order of {@code matId}'s frames. */
    public CellOrder order(String matId) {
        return of(matId).order();
    }

    /** The mats named, by id in alphabetical order. */
    public Map<String, Mat> mats() {
        return mats;
    }

    public boolean isEmpty() {
        return mats.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatSettings other && other.mats.equals(mats);
    }

    @Override
    public int hashCode() {
        return mats.hashCode();
    }

    /** For the start-up log: {@code mat-1 order=flip-cols; mat-2 order=transpose}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        mats.forEach((id, m) -> s.append(s.length() > 0 ? "; " : "").append(id).append(" order=").append(m.order()));
        return s.length() == 0 ? "none" : s.toString();
    }

    /** Collects settings mat by mat; not thread-safe, {@link #build} makes the immutable value. */
    public static final class Builder {
        private final TreeMap<String, Mat> mats = new TreeMap<>();

        private Builder() {
        }

        /** Sets {@code matId}'s cell order. */
        public Builder order(String matId, CellOrder order) {
            Objects.requireNonNull(order, "order");
            return set(matId, m -> m.withOrder(order));
        }

        /**
         * Reads the entries of a cell-order setting, each {@code MAT_ID=ORDER} with ORDER as
         * {@link CellOrder#parse} takes it; blank entries are skipped.
         *
         * @param setting the setting's name for the messages, e.g. {@code --mat-order}
         * @throws IllegalArgumentException naming the setting and the entry that is wrong
         */
        public Builder orders(String setting, Collection<String> entries) {
            return entries(setting, "ORDER", entries, (m, value) -> m.withOrder(CellOrder.parse(value)));
        }

        public MatSettings build() {
            return mats.isEmpty() ? NONE : new MatSettings(new TreeMap<>(mats));
        }

        private Builder set(String matId, UnaryOperator<Mat> change) {
            if (!WireFormat.isValidMatId(matId)) {
                throw new IllegalArgumentException("'" + matId + "' is not a mat id (1..64 of A-Z a-z 0-9 . _ : -)");
            }
            mats.put(matId, change.apply(mats.getOrDefault(matId, Mat.DEFAULTS)));
            return this;
        }

        /** Reads {@code MAT_ID=VALUE} entries of one setting, each mat at most once, through {@code set}. */
        private Builder entries(String setting, String valueName, Collection<String> entries,
                                BiFunction<Mat, String, Mat> set) {
            Set<String> seen = new HashSet<>();
            for (String entry : entries) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException(setting + ": '" + e + "' is not MAT_ID=" + valueName);
                }
                String matId = e.substring(0, eq).strip();
                if (!seen.add(matId)) {
                    throw new IllegalArgumentException(setting + ": mat " + matId + " is given twice");
                }
                try {
                    set(matId, m -> set.apply(m, e.substring(eq + 1).strip()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(setting + ": " + (WireFormat.isValidMatId(matId) ? matId + ": " : "")
                            + ex.getMessage());
                }
            }
            return this;
        }
    }
}
