package io.yima.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status port's control tokens, read once from the configured file, each belonging to a named holder, so the
 * audit log records whose token was used rather than a name the browser claims. The file holds one
 * {@code name:token} line per operator ({@code #} comments and blank lines allowed); a file of one line that is
 * not {@code name:token} is the older single-token form, its holder named {@value #SINGLE_HOLDER}. Comparison is
 * constant-time and runs over every token, so the response time reveals neither how much of a guess was right nor
 * whose token it was close to. {@link #toString()} never shows a token.
 */
public final class BearerToken {

    private static final String PREFIX = "Bearer ";
    /** The holder of a single-token file's token (the form without names). */
    public static final String SINGLE_HOLDER = "token holder";
    static final int MIN_TOKEN = 16;
    /** A holder's name: letters (any script), digits, space, dot, underscore, hyphen; 1 to 40 of them. */
    private static final Pattern NAMED = Pattern.compile("([\\p{L}\\p{N} ._-]{1,40}):(.*)");

    private final List<String> holders;
    private final List<byte[]> tokens;

    private BearerToken(List<String> holders, List<byte[]> tokens) {
        this.holders = holders;
        this.tokens = tokens;
    }

    /** No token file: every control request is refused. */
    public static BearerToken none() {
        return new BearerToken(List.of(), List.of());
    }

    /** Reads the token file; errors name the file and the line, never a token. */
    public static BearerToken load(Path tokenFile) {
        if (tokenFile == null) {
            return none();
        }
        String text;
        try {
            text = Files.readString(tokenFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("status.token_file: cannot read " + tokenFile
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        return parse(text, tokenFile.toString());
    }

    static BearerToken parse(String text, String file) {
        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String[] raw = text.split("\\R", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.add(line);
                numbers.add(i + 1);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException("status.token_file: " + file + " holds no token");
        }
        List<String> holders = new ArrayList<>();
        List<byte[]> tokens = new ArrayList<>();
        Set<String> seenNames = new HashSet<>();
        Set<String> seenTokens = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = NAMED.matcher(lines.get(i));
            String name;
            String token;
            if (m.matches() && m.group(2).strip().length() >= MIN_TOKEN) {
                name = m.group(1).strip();
                token = m.group(2).strip();
            } else if (lines.size() == 1) {
                name = SINGLE_HOLDER;
                token = lines.get(0);
            } else {
                throw new IllegalStateException("status.token_file: " + file + " line " + numbers.get(i)
                        + ": expected name:token (a name of letters, digits, space . _ - and a token of at least "
                        + MIN_TOKEN + " characters)");
            }
            if (token.length() < MIN_TOKEN) {
                throw new IllegalStateException("status.token_file: " + file + " line " + numbers.get(i)
                        + " must hold a token of at least " + MIN_TOKEN + " characters");
            }
            if (name.isEmpty() || !seenNames.add(name)) {
                throw new IllegalStateException("status.token_file: " + file + " line " + numbers.get(i)
                        + ": the name '" + name + "' is given twice (one line per operator)");
            }
            if (!seenTokens.add(token)) {
                throw new IllegalStateException("status.token_file: " + file + " line " + numbers.get(i)
                        + ": this token is also given to another name (each operator needs a token of their own)");
            }
            holders.add(name);
            tokens.add(token.getBytes(StandardCharsets.UTF_8));
        }
        return new BearerToken(List.copyOf(holders), List.copyOf(tokens));
    }

    public boolean configured() {
        return !tokens.isEmpty();
    }

    /** Checks an {@code Authorization} header value. */
    public boolean admits(String authorization) {
        return holder(authorization).isPresent();
    }

    /** Whose token an {@code Authorization} header carries; empty when it is none of the file's. */
    public Optional<String> holder(String authorization) {
        if (tokens.isEmpty() || authorization == null || !authorization.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] offered = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        int match = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (MessageDigest.isEqual(tokens.get(i), offered)) { // every token compared, no early exit
                match = i;
            }
        }
        return match < 0 ? Optional.empty() : Optional.of(holders.get(match));
    }

    @Override
    public String toString() {
        return tokens.isEmpty() ? "BearerToken[none]" : "BearerToken[" + tokens.size() + " × ****]";
    }
}
