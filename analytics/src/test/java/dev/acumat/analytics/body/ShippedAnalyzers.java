package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;
import java.util.EnumMap;
import java.util.Map;

/** An analyzer per layout with the shipped models, each map analysed by its mat's. */
final class ShippedAnalyzers {
    private final Map<PostureModel.Layout, BodyAnalyzer> analyzers = new EnumMap<>(PostureModel.Layout.class);

    BodyAnalyzer of(PressureMap map) {
        return analyzers.computeIfAbsent(PostureModel.Layout.of(map.spec()),
                l -> new BodyAnalyzer(PostureModel.shipped(l)));
    }

    BodyReading analyze(PressureMap map) {
        return of(map).analyze(map);
    }

    BodyShape measure(PressureMap map) {
        return of(map).measure(map);
    }
}
