package dev.acumat.analytics.web;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** One mat as the live view knows it: what its frames are read with, its watchers, its latest session. */
final class LiveMat {
    final String id;
    volatile CellOrder order;
    volatile MatKind kind;
    /** The mat's own last mat_layout, or null: the feed thread's. */
    MatLayout stated;
    volatile DeviceInfo info;  // the feed thread's: what the spec was made from
    volatile MatSpec spec;
    volatile MatAnalyzer analyzer;
    volatile long lastFrameWallMillis;
    volatile String session;  // the latest acumat.sessions record, JSON, or null
    final Set<LiveClient> clients = new CopyOnWriteArraySet<>();

    LiveMat(String id, MatSettings.Resolved resolved) {
        this.id = id;
        this.order = resolved.order();
        this.kind = resolved.kind();
    }
}
