package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessTokenTest {
    private static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void acceptsLongTokensOfAUrlAndCookieSafeAlphabet() {
        assertThat(AccessToken.of("--http-token-file", HEX).matches(HEX)).isTrue();
        assertThat(AccessToken.of("x", "abcdEFGH0123/=_-.~").matches("abcdEFGH0123/=_-.~")).isTrue();
        for (String bad : new String[] {"short", "a".repeat(15), "a".repeat(257), HEX + " ", HEX + ";", HEX + "+",
            HEX + "%", "\u00e4" + HEX, HEX + "\n"}) {
            assertThatThrownBy(() -> AccessToken.of("ACUMAT_HTTP_TOKEN", bad)).as(bad)
                    .hasMessageStartingWith("ACUMAT_HTTP_TOKEN: ").hasMessageNotContaining(bad.strip());
        }
        assertThatThrownBy(() -> AccessToken.of("x", null)).hasMessageStartingWith("x: ");
    }

    @Test
    void matchesOnlyItselfAndShowsNothing() {
        AccessToken t = AccessToken.of("x", HEX);
        for (String other : new String[] {null, "", HEX.substring(1), HEX + "0", HEX.toUpperCase(java.util.Locale.ROOT),
            HEX.substring(0, 63) + "e"}) {
            assertThat(t.matches(other)).as(other).isFalse();
        }
        assertThat(t.toString()).doesNotContain(HEX).doesNotContain("0011");
    }

    @Test
    void readsTheBearerHeaderAndBuildsRedirectsThatStayOnThisSite() {
        assertThat(AccessGuard.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(AccessGuard.bearer("BEARER abc ")).isEqualTo("abc");
        assertThat(AccessGuard.bearer("Basic abc")).isNull();
        assertThat(AccessGuard.bearer("Bear")).isNull();
        assertThat(AccessGuard.bearer(null)).isNull();
        assertThat(AccessGuard.withoutLogin("/", "token=x")).isEqualTo("/");
        assertThat(AccessGuard.withoutLogin("/history", "mat=a&token=x&from=7d")).isEqualTo("/history?mat=a&from=7d");
        assertThat(AccessGuard.withoutLogin("/history", "tokens=1&token")).isEqualTo("/history?tokens=1");
        assertThat(AccessGuard.withoutLogin("//evil.example", "token=x")).isEqualTo("/");
        assertThat(AccessGuard.withoutLogin("/\\evil.example", null)).isEqualTo("/");
    }

    @Test
    void hostAndOriginHeadersAreReadWithoutDns() {
        assertThat(LocalNames.isLocal("127.0.0.1:8080", "127.0.0.1")).isTrue();
        assertThat(LocalNames.isLocal("mat-box:8080", "mat-box")).as("the name it listens on").isTrue();
        assertThat(LocalNames.isLocal("[::1]:8080", "::1")).isTrue();
        assertThat(LocalNames.isLocal(null, "127.0.0.1")).isFalse();
        assertThat(LocalNames.isLocal("127.0.0.1.nip.io", "127.0.0.1")).isFalse();
        assertThat(LocalNames.isLocal("1.2.3.4", "127.0.0.1")).isFalse();
        assertThat(LocalNames.sameAuthority("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(LocalNames.sameAuthority("https://acumat.example.net", "acumat.example.net")).isTrue();
        assertThat(LocalNames.sameAuthority("https://acumat.example.net:443", "ACUMAT.example.net")).isTrue();
        assertThat(LocalNames.sameAuthority("http://[::1]:8080", "[::1]:8080")).isTrue();
        assertThat(LocalNames.sameAuthority("http://127.0.0.1:8081", "127.0.0.1:8080")).isFalse();
        assertThat(LocalNames.sameAuthority("http://localhost:8080", "127.0.0.1:8080")).isFalse();
        assertThat(LocalNames.sameAuthority("null", "127.0.0.1:8080")).isFalse();
        assertThat(LocalNames.sameAuthority("http://a:8080", null)).isFalse();
        assertThat(LocalNames.sameAuthority("ftp://a:8080", "a:8080")).isFalse();
        assertThat(LocalNames.sameAuthority("http://u@a:8080", "a:8080")).isFalse();
    }
}
