package dev.acumat.analytics.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a secret (a token, a password) from a file that only its owner may read: any
 * permission for the group or for others is refused, as ssh refuses a private key. The secret is
 * the file's content without its trailing line end; it must be UTF-8 and at most
 * {@value #MAX_BYTES} bytes. Errors name the option the file came from and never show the
 * content.
 */
public final class SecretFile {
    /** Larger files are no secret of ours but a mistake (a key store, a log). */
    public static final int MAX_BYTES = 4096;

    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFile() {
    }

    /**
     * The secret in {@code file}.
     *
     * @param option the option or variable that named the file, for the messages
     * @throws IllegalArgumentException naming {@code option}: no such file, readable by others,
     *     too large, not UTF-8, or empty
     */
    public static String read(String option, Path file) {
        checkOwnerOnly(option, file);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(option + ": " + file + " is larger than " + MAX_BYTES
                        + " bytes; it should hold the secret alone");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + ": no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(option + ": " + file + " is not UTF-8 text");
        }
        // `echo secret > file` adds a line end that is no part of the secret.
        String secret = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(option + ": " + file + " is empty");
        }
        return secret;
    }

    /**
     * Refuses a file whose group or others have any permission. A file system without POSIX
     * permissions (Windows) has nothing to check here: its ACLs are the operator's business.
     */
    static void checkOwnerOnly(String option, Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(option + ": " + (Files.exists(file) ? "not a regular file: "
                        : "no such file: ") + file);
            }
            // The view follows a link: what matters is who can read the secret itself.
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read the permissions of " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
        extra.addAll(permissions);
        extra.retainAll(NOT_OWNER);
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(option + ": " + file + " may be read or changed by others than its owner"
                    + " (mode " + mode(permissions) + "); chmod 600 " + file);
        }
    }

    private static String mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format(java.util.Locale.ROOT, "%03o", mode);
    }
}
