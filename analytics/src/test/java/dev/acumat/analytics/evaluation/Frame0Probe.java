package dev.acumat.analytics.evaluation;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.offline.LabelledRecordings;
import java.nio.file.Paths;

/** Research scaffolding. */
public final class Frame0Probe {
    public static void main(String[] a) throws Exception {
        LabelledRecordings rec = LabelledRecordings.read(Paths.get(a[0]));
        for (LabelledRecordings.Label l : rec.labels()) {
            if (!l.mat().equals("pmd1")) {
                continue;
            }
            LabelledRecordings.Frames f = LabelledRecordings.frames(l);
            MatAnalyzer m = new MatAnalyzer(f.spec(), null);
            MatAnalyzer.FrameResult r0 = m.analyze(0, f.frames().get(0));
            double area0 = r0.body().bodyAreaCm2();
            double load0 = r0.contact().loadForceN();
            double c0 = r0.contact().contactAreaCm2();
            MatAnalyzer p = new MatAnalyzer(f.spec(), null);
            MatAnalyzer.FrameResult r = p.analyze(0, f.frames().get(l.from() + 5));
            System.out.printf("%s frame0 contact %.0f pressing %.0f load %.0f | person pressing %.0f load %.0f ratio %.2f%n",
                    l.file().getParent().getFileName() + "/" + l.file().getFileName(), c0, area0, load0,
                    r.body().bodyAreaCm2(), r.contact().loadForceN(), load0 / r.contact().loadForceN());
        }
    }
}
