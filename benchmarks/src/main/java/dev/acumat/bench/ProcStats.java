package dev.acumat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CPU time and memory of a process, from Linux's /proc and the JDK's jcmd. */
public final class ProcStats {
    /** USER_HZ: the unit of /proc/PID/stat's times; 100 on every Linux the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** User plus system CPU seconds of a process. */
    public static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** Resident set size in MiB. */
    public static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /**
     * The Java heap a JVM really holds: used bytes right after a full collection (jcmd GC.run,
     * then GC.heap_info), in MiB. What stays after a full GC is what the program needs.
     */
    public static double liveHeapMb(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        // G1: " garbage-first heap   total 262144K, used 23456K [..."
        for (String line : info.split("\n")) {
            int used = line.indexOf(" used ");
            if (line.contains("heap") && line.contains("total") && used > 0) {
                String n = line.substring(used + 6).split("K")[0].trim();
                return Long.parseLong(n) / 1024.0;
            }
        }
        throw new IOException("could not read the heap of process " + pid + " from: " + info);
    }

    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
