package io.yima.vault.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Detects the form of an input and feeds every package inside it through decryption and line parsing: a zip of
 * package files, an {@code applycodedownload} JSON response, base64 text, or raw encrypted bytes. The user never
 * says which.
 */
final class PackageReader {
    private static final int PEEK = 512;
    private static final JsonFactory JSON = new JsonFactory();

    private final PackageDecryptor decryptor;

    PackageReader(byte[] key16) {
        this.decryptor = new PackageDecryptor(key16);
    }

    /** Reads one input; returns the number of package files it held. */
    int read(NamedInput input, Consumer<ParsedCode> sink) throws IOException {
        try (InputStream raw = input.source().open()) {
            return readPart(input.name(), new BufferedInputStream(raw, 64 * 1024), sink, true);
        }
    }

    private int readPart(String name, BufferedInputStream in, Consumer<ParsedCode> sink, boolean zipAllowed)
            throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        if (head.length == 0) {
            throw new ImportException(name + ": empty file");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            if (!zipAllowed) {
                throw new ImportException(name + ": a zip inside a zip is not a code package");
            }
            return readZip(name, in, sink);
        }
        int first = 0;
        while (first < head.length && isSpace(head[first])) {
            first++;
        }
        if (first < head.length && head[first] == '{' && noControlBytes(head)) {
            readJson(name, in, sink);
            return 1;
        }
        if (isBase64Text(head)) {
            decrypt(name, in, true, sink);
        } else if (isText(head)) {
            throw new ImportException(name + ": not a code package (text that is neither base64 nor an"
                    + " applycodedownload response)");
        } else {
            decrypt(name, in, false, sink);
        }
        return 1;
    }

    private void decrypt(String name, InputStream in, boolean base64, Consumer<ParsedCode> sink) throws IOException {
        LineSplitter lines = new LineSplitter(name, sink);
        decryptor.decrypt(name, in, base64, lines);
        lines.finish();
    }

    private int readZip(String name, InputStream in, Consumer<ParsedCode> sink) throws IOException {
        // Entry names are only shown in messages; Latin-1 reads any byte, so a zip made on a Chinese Windows (GBK
        // names, no UTF-8 flag) imports instead of failing on its file names.
        ZipInputStream zip = new ZipInputStream(in, StandardCharsets.ISO_8859_1);
        int files = 0;
        try {
            for (ZipEntry e = nextEntry(zip, name); e != null; e = nextEntry(zip, name)) {
                if (e.isDirectory()) {
                    continue;
                }
                InputStream entry = new FilterInputStream(zip) {
                    @Override
                    public void close() {
                        // the zip stream stays open for the next entry
                    }
                };
                files += readPart(name + "!" + e.getName(), new BufferedInputStream(entry, 64 * 1024), sink, false);
            }
        } catch (ZipException e) {
            throw new ImportException(name + ": corrupt zip (" + e.getMessage() + ")");
        } catch (EOFException e) {
            // the JDK's zip reader says nothing more than EOFException (message null) for a cut-off zip
            throw new ImportException(name + ": truncated zip (the file ends inside an entry)");
        }
        if (files == 0) {
            throw new ImportException(name + ": zip contains no package files");
        }
        return files;
    }

    private static String where(com.fasterxml.jackson.core.JsonProcessingException e) {
        long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
        return at < 0 ? "" : " at byte " + at;
    }

    /**
     * Jackson's own words for the problem, without the parts that are its internals: "(start marker at [Source:
     * REDACTED (`StreamReadFeature…` disabled); line: 1, column: 1])" is what PackageParserFuzz found in a message.
     */
    static String jsonProblem(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        for (String internals : new String[] {"\n", " (start marker", " at [Source", "[Source"}) {
            int cut = m.indexOf(internals);
            if (cut >= 0) {
                m = m.substring(0, cut);
            }
        }
        return m.strip();
    }

    private static ZipEntry nextEntry(ZipInputStream zip, String name) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            // an entry flagged UTF-8 whose name is not: the JDK's reader throws this, not a ZipException
            throw new ImportException(name + ": corrupt zip (an entry name is not valid UTF-8)");
        }
    }

    private void readJson(String name, InputStream in, Consumer<ParsedCode> sink) throws IOException {
        Long errcode = null;
        String errmsg = null;
        String buffer = null;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ImportException(name + ": not an applycodedownload response (expected a JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "errcode" -> errcode = p.getValueAsLong();
                    case "errmsg" -> errmsg = p.getValueAsString();
                    case "buffer" -> buffer = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    default -> p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportException(name + ": not valid JSON" + where(e) + " (" + jsonProblem(e) + ")");
        }
        if (errcode != null && errcode != 0) {
            throw new ImportException(name + ": applycodedownload failed with errcode " + errcode
                    + (errmsg == null ? "" : " (" + errmsg + ")"));
        }
        if (buffer == null) {
            throw new ImportException(name + ": applycodedownload response has no \"buffer\" string");
        }
        decrypt(name, new ByteArrayInputStream(buffer.getBytes(StandardCharsets.US_ASCII)), true, sink);
    }

    /**
     * JSON text holds no control bytes but whitespace; ciphertext that happens to start with '{' (one raw package in
     * 256) almost surely does within its first bytes, so it is not mistaken for an applycodedownload response.
     */
    private static boolean noControlBytes(byte[] head) {
        for (byte c : head) {
            if (c >= 0 && c < 0x20 && !isSpace(c) || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Base64 text, possibly damaged: printable, and almost all of it base64 characters (prose has spaces). */
    private static boolean isBase64Text(byte[] head) {
        if (!isText(head)) {
            return false;
        }
        int base64 = 0;
        for (byte c : head) {
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' || c == '\n' || c == '\r') {
                base64++;
            }
        }
        return base64 * 10 >= head.length * 9;
    }

    /** Ciphertext is uniformly random; a head of nothing but printable ASCII is some text file. */
    private static boolean isText(byte[] head) {
        for (byte c : head) {
            if ((c < 0x20 || c > 0x7E) && !isSpace(c)) {
                return false;
            }
        }
        return true;
    }
}
