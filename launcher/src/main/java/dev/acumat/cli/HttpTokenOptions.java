package dev.acumat.cli;

import dev.acumat.analytics.secrets.SecretFile;
import dev.acumat.analytics.web.AccessToken;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The web server's access token: from {@code ACUMAT_HTTP_TOKEN}, or from {@code --http-token-file}
 * (a file only its owner may read). No option takes the token itself, because {@code ps} shows
 * every process's arguments to every user.
 */
final class HttpTokenOptions {
    static final String TOKEN_VARIABLE = "ACUMAT_HTTP_TOKEN";

    @Option(names = "--http-token-file", paramLabel = "FILE",
            description = "A file, readable only by its owner, holding the token the web server asks of every"
                    + " client (needed when --http is not loopback; or set ACUMAT_HTTP_TOKEN).")
    Path tokenFile;

    /**
     * The token, or null when none is given.
     *
     * @throws IllegalArgumentException naming the option or variable
     */
    AccessToken token(Map<String, String> env) {
        String fromEnv = env.get(TOKEN_VARIABLE);
        boolean hasEnv = fromEnv != null && !fromEnv.isEmpty();
        if (hasEnv && tokenFile != null) {
            throw new IllegalArgumentException("--http-token-file and " + TOKEN_VARIABLE
                    + " are both given; give the token one way");
        }
        if (tokenFile != null) {
            return AccessToken.of("--http-token-file", SecretFile.read("--http-token-file", tokenFile));
        }
        return hasEnv ? AccessToken.of(TOKEN_VARIABLE, fromEnv) : null;
    }
}
