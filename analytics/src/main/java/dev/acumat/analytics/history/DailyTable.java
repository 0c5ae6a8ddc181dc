package dev.acumat.analytics.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-day totals ({@link DailyTotals}) for {@code acumat history --daily}: as an aligned table
 * with a totals line, or as CSV with the JSON field names of {@code GET /api/daily}. The
 * lower-back time comes first after the date: it is what the advice of 5-10 minutes a day at
 * first, up to 20, is about.
 */
public final class DailyTable {
    private static final boolean[] RIGHT = {false, false, true, true, true, true};

    private DailyTable() {
    }

    /** The table, or one line saying there is nothing; the mat column only {@code withMat}. */
    public static String render(List<DailyTotals.Day> days, boolean withMat) {
        if (days.isEmpty()) {
            return "no sessions\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"date", "mat", "lower back", "on the mat", "sessions", "shifts"});
        double lowerBack = 0;
        double onMat = 0;
        for (DailyTotals.Day d : days) {
            rows.add(new String[] {d.date().toString(), d.mat(), SessionTable.mmss(d.lowerBackTimeS()),
                SessionTable.mmss(d.timeOnMatS()), Integer.toString(d.sessions()), Long.toString(d.postureShifts())});
            lowerBack += d.lowerBackTimeS();
            onMat += d.timeOnMatS();
        }
        return SessionTable.aligned(rows, RIGHT, withMat) + days.size() + (days.size() == 1 ? " day: " : " days: ")
                + SessionTable.mmss(lowerBack / days.size()) + " a day with the lower back on the spikes, "
                + SessionTable.mmss(onMat / days.size()) + " on the mat\n";
    }

    /** RFC 4180, CRLF line ends, a header row; the columns are the JSON field names. */
    public static String csv(List<DailyTotals.Day> days) {
        StringBuilder b = new StringBuilder("mat,date,sessions,time_on_mat_s,lower_back_time_s,posture_shifts")
                .append(SessionCsv.CRLF);
        for (DailyTotals.Day d : days) {
            b.append(SessionCsv.text(d.mat())).append(',').append(d.date()).append(',').append(d.sessions()).append(',')
                    .append(SessionCsv.seconds(d.timeOnMatS())).append(',').append(SessionCsv.seconds(d.lowerBackTimeS()))
                    .append(',').append(d.postureShifts()).append(SessionCsv.CRLF);
        }
        return b.toString();
    }
}
