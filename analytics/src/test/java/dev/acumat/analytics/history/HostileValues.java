package dev.acumat.analytics.history;

import java.util.List;

/** What an attacker, a fuzzer or a confused script may put into any parameter. */
public final class HostileValues {
    private HostileValues() {
    }

    public static final List<String> ALL = List.of(
            "'", "\"", "mat-A'", "mat-A\"", "\"mat-A\"",
            "; DROP DATABASE acumat", "mat-A; DROP DATABASE acumat", "'; DROP DATABASE acumat; --",
            "\"; DROP DATABASE \"acumat\"", "mat-A' OR \"mat\" =~ /.*/ --", "mat-A' OR 1=1",
            "/.*/", "/mat-.*/", "mat-A\\", "\\", "\\'", "\\\"",
            "mat-A\nmat-B", "mat-A\r\nX-Injected: 1", "\n", "\u0000", "mat-A\u0000",
            "m\u00e4t", "\ud83d\ude00", "mat-\ud83d\ude00", "\u202emat-A", "\uff4d\uff41\uff54",
            "a".repeat(10_000), "", " ", "mat-A ",
            "SELECT * FROM session", "DROP DATABASE acumat", "SHOW DATABASES", "$mat", "$from", "now()", "now() - 1h",
            "mat-A%", "*", "../mats", "..", "%00", "%2e%2e", "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>",
            "-1", "0", "99999999999999999999", "NaN", "1e308", "+100000-01-01T00:00:00Z", "2026-13-45",
            "1969-12-31T23:59:59Z", "999999w", "7d; DROP DATABASE acumat", "now'", "true", "null", "{}", "[]",
            // Regular expressions and their delimiters: a value must never become a pattern.
            "mat-.*", "mat-A|mat-B", "^mat-A$", "(?i)MAT-A", "=~ /mat/", "/mat-A/ OR true", "mat-A/", "/",
            // Encodings that a second decoding, or a normalisation, would turn into something else.
            "%27", "%2527", "mat-A%27", "\u2028", "\ufeffmat-A", "mat-A\u0301", "\u0130", "\ud800",
            // Just past every bound: 64 (a mat id), 200 (any value), a limit and a range.
            "m".repeat(65), "m".repeat(201), "1001", (TimeRange.MAX_DAYS + 1) + "d", "2200-01-01", "9".repeat(19),
            // Statement separators and comments of InfluxQL.
            "mat-A;SHOW USERS", "mat-A -- x", "mat-A /* x */", "mat-A\tOR", "mat-A\u0000; DROP DATABASE acumat");
}
