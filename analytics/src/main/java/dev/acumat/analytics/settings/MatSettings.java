package dev.acumat.analytics.settings;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings given per mat id ({@code --mat-order MAT_ID=ORDER}, {@code --mat-layout
 * MAT_ID=LAYOUT}, {@code --mat-posture-model MAT_ID=FILE}) and the posture model of every other
 * mat, immutable. A mat's cell order and layout may also come from the mat itself (its
 * {@code mat_layout} message); an entry given here wins over it ({@link #resolve}). They are read and checked
 * once at start, so a mistake stops the service with a line that names the setting; a mat
 * nobody named gets {@link Mat#DEFAULTS}.
 *
 * <p>A further per-mat setting is a component of {@link Mat} with its default in
 * {@link Mat#DEFAULTS} and a {@code with} method, and a {@link Builder} method that reads its
 * {@code MAT_ID=VALUE} entries through {@code entries}, as {@link Builder#orders} does.
 */
public final class MatSettings {
    /** No mat has settings of its own. */
    public static final MatSettings NONE = new MatSettings(new TreeMap<>(), null);

    private static final Logger log = LoggerFactory.getLogger(MatSettings.class);

    /**
     * One mat's settings.
     *
     * @param order        how the mat's cells map to acumat's canonical order; null: not given (the
     *                     mat's own, else the canonical order)
     * @param postureModel the mat's posture model; null: the one every mat has
     *                     ({@link MatSettings#postureModel(MatSpec)})
     * @param layout       what kind of mat it is; null: not given (the mat's own, else by its size)
     */
    public record Mat(CellOrder order, PostureModel postureModel, MatKind layout) {
        /** What a mat has when nothing was set for it. */
        public static final Mat DEFAULTS = new Mat(null, null, null);

        public Mat(CellOrder order, PostureModel postureModel) {
            this(order, postureModel, null);
        }

        public Mat withOrder(CellOrder order) {
            return new Mat(Objects.requireNonNull(order, "order"), postureModel, layout);
        }

        public Mat withPostureModel(PostureModel postureModel) {
            return new Mat(order, postureModel, layout);
        }

        public Mat withLayout(MatKind layout) {
            return new Mat(order, postureModel, Objects.requireNonNull(layout, "layout"));
        }
    }

    /**
     * A mat's cell order and kind as the analysis uses them.
     *
     * @param order the cell order its frames are turned by
     * @param kind  its kind; {@link MatKind#NOT_STATED}: judged by its size
     */
    public record Resolved(CellOrder order, MatKind kind) {
        public static final Resolved DEFAULTS = new Resolved(CellOrder.NONE, MatKind.NOT_STATED);
    }

    private final Map<String, Mat> mats;
    /** The model of mats without one of their own; null: the shipped one for the mat's size. */
    private final PostureModel defaultModel;
    /**
     * Mats (and the layout of their size) already warned about a model of another layout. The
     * one mutable part, and only to keep the log to a line per mat: analyzers are made again
     * at every device-info and restart of a task.
     */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private MatSettings(TreeMap<String, Mat> mats, PostureModel defaultModel) {
        this.mats = Collections.unmodifiableMap(mats);
        this.defaultModel = defaultModel;
    }

    /** The settings of {@code matId}: its own, else the defaults. */
    public Mat of(String matId) {
        return mats.getOrDefault(matId, Mat.DEFAULTS);
    }

    /** The cell order given for {@code matId}'s frames, else the canonical one. */
    public CellOrder order(String matId) {
        CellOrder order = of(matId).order();
        return order == null ? CellOrder.NONE : order;
    }

    /**
     * The cell order and kind of {@code matId} whose last {@code mat_layout} message was
     * {@code stated} (null: none came): an entry given here wins, part by part, over what the mat
     * says; a cell order with a step this version does not know (a reserved bit) counts as not
     * stated.
     */
    public Resolved resolve(String matId, MatLayout stated) {
        Mat mat = of(matId);
        CellOrder statedOrder = stated == null ? null : stated.cellOrder();
        CellOrder order = mat.order() != null ? mat.order() : statedOrder != null ? statedOrder : CellOrder.NONE;
        MatKind kind = mat.layout() != null ? mat.layout() : stated == null ? MatKind.NOT_STATED : stated.kind();
        return new Resolved(order, kind);
    }

    /**
     * The posture model for a mat of {@code spec} and {@code kind}: as {@link #postureModel(MatSpec)},
     * except that a stated kind picks the shipped model of its layout instead of the mat's size,
     * and a lumbar pad has none (null).
     */
    public PostureModel postureModel(MatSpec spec, MatKind kind) {
        if (kind == MatKind.LUMBAR_PAD) {
            return null;
        }
        if (kind == MatKind.NOT_STATED) {
            return postureModel(spec);
        }
        PostureModel.Layout layout = PostureModel.Layout.of(spec, kind);
        PostureModel model = of(spec.matId()).postureModel();
        model = model != null ? model : defaultModel;
        if (model == null) {
            return PostureModel.shipped(layout);
        }
        if (model.layout() != layout && warned.add(spec.matId() + " " + layout.label())) {
            log.warn("mat {}: its posture model is for a {} mat, the mat is {}; using it anyway", spec.matId(),
                    model.layout().label(), layout.label());
        }
        return model;
    }

    /**
     * The posture model for a mat of {@code spec} (its id and size): the mat's own, else the one
     * given for every mat, else the shipped one for its size. A model made for another layout
     * than the mat's size implies is used all the same, as asked, with a warning in the log
     * once per mat.
     */
    public PostureModel postureModel(MatSpec spec) {
        PostureModel model = of(spec.matId()).postureModel();
        model = model != null ? model : defaultModel;
        if (model == null) {
            return PostureModel.shippedFor(spec);
        }
        String mismatch = model.layoutMismatch(spec);
        if (mismatch != null && warned.add(spec.matId() + " " + PostureModel.Layout.of(spec).label())) {
            log.warn("mat {}: its posture model is {}; using it anyway", spec.matId(), mismatch);
        }
        return model;
    }

    /** The posture model of mats without one of their own; null: the shipped one for each mat's size. */
    public PostureModel defaultPostureModel() {
        return defaultModel;
    }

    /** The mats named, by id in alphabetical order. */
    public Map<String, Mat> mats() {
        return mats;
    }

    /** Whether nothing was set: every mat has the defaults and the shipped models. */
    public boolean isEmpty() {
        return mats.isEmpty() && defaultModel == null;
    }

    /**
     * Reads a posture model file given by {@code setting} (e.g. {@code --posture-model}).
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with the file
     */
    public static PostureModel readPostureModel(String setting, Path file) {
        try {
            return Builder.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatSettings other && other.mats.equals(mats) && other.defaultModel == defaultModel;
    }

    @Override
    public int hashCode() {
        return mats.hashCode() * 31 + System.identityHashCode(defaultModel);
    }

    /**
     * For the start-up log: {@code every mat posture-model=torso; mat-1 order=flip-cols;
     * mat-2 order=transpose posture-model=whole-body} (a model by its layout).
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (defaultModel != null) {
            s.append("every mat posture-model=").append(defaultModel.layout().label());
        }
        mats.forEach((id, m) -> {
            s.append(s.length() > 0 ? "; " : "").append(id);
            if (m.order() != null) {
                s.append(" order=").append(m.order());
            }
            if (m.layout() != null) {
                s.append(" layout=").append(m.layout());
            }
            if (m.postureModel() != null) {
                s.append(" posture-model=").append(m.postureModel().layout().label());
            }
        });
        return s.length() == 0 ? "none" : s.toString();
    }

    /** Collects settings mat by mat; not thread-safe, {@link #build} makes the immutable value. */
    public static final class Builder {
        private final TreeMap<String, Mat> mats = new TreeMap<>();
        private PostureModel defaultModel;

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

        /** Sets {@code matId}'s kind. */
        public Builder layout(String matId, MatKind layout) {
            Objects.requireNonNull(layout, "layout");
            return set(matId, m -> m.withLayout(layout));
        }

        /**
         * Reads the entries of a layout setting, each {@code MAT_ID=LAYOUT} with LAYOUT one of
         * {@code full-body}, {@code torso}, {@code lumbar-pad}; blank entries are skipped.
         *
         * @param setting the setting's name for the messages, e.g. {@code --mat-layout}
         * @throws IllegalArgumentException naming the setting and the entry that is wrong
         */
        public Builder layouts(String setting, Collection<String> entries) {
            return entries(setting, "LAYOUT", entries, (m, value) -> m.withLayout(MatKind.parse(value)));
        }

        /**
         * Reads the entries of a posture-model setting, each {@code MAT_ID=FILE} with FILE a
         * model {@code acumat train-posture} wrote; blank entries are skipped.
         *
         * @throws IllegalArgumentException naming the setting, the entry and what is wrong with its file
         */
        public Builder postureModels(String setting, Collection<String> entries) {
            return entries(setting, "FILE", entries, (m, value) -> m.withPostureModel(read(Path.of(value))));
        }

        /**
         * Reads the posture model of every mat without one of its own; a null file leaves the
         * shipped models.
         *
         * @throws IllegalArgumentException naming the setting and what is wrong with the file
         */
        public Builder defaultPostureModel(String setting, Path file) {
            if (file != null) {
                defaultModel = readPostureModel(setting, file);
            }
            return this;
        }

        public MatSettings build() {
            return mats.isEmpty() && defaultModel == null ? NONE : new MatSettings(new TreeMap<>(mats), defaultModel);
        }

        private static PostureModel read(Path file) {
            if (file.toString().isEmpty()) {
                throw new IllegalArgumentException("no posture model file given");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException((Files.isDirectory(file) ? "is a directory, not a posture model: "
                        : "no such file: ") + file);
            }
            try {
                return PostureModel.read(file);
            } catch (IOException e) {
                // PostureModel.read's message already names the file.
                throw new IllegalArgumentException(e.getMessage(), e);
            }
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
