package dev.acumat.analytics.evaluation;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.offline.PostureTraining;
import java.io.PrintWriter;
import java.nio.file.Paths;

/** Research scaffolding. */
public final class TrainDev {
    public static void main(String[] a) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        PostureTraining.run(new PostureTraining.Options(Paths.get(a[0]), PostureModel.Layout.of(a[1]),
                Integer.parseInt(a[2]), a.length > 3 ? Paths.get(a[3]) : null, true, true), out);
    }
}
