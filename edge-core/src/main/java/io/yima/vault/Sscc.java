package io.yima.vault;

/**
 * A GS1 Serial Shipping Container Code (SSCC-18): extension digit, the brand's GS1 company prefix (7 to 10
 * digits), a serial reference filling the rest of 17 digits, and the {@link Gs1CheckDigit}.
 *
 * @param digits the 18 digits, check digit last
 * @param prefixLength how many of digits 2… are the company prefix (needed for the EPC URI; not in the digits)
 */
public record Sscc(String digits, int prefixLength) {
    public Sscc {
        if (digits == null || digits.length() != 18 || !Gs1CheckDigit.valid(digits)) {
            throw new IllegalArgumentException("an SSCC is 18 digits with a valid GS1 check digit, got \"" + digits
                    + "\"");
        }
        if (prefixLength < 7 || prefixLength > 10) {
            throw new IllegalArgumentException("a GS1 company prefix has 7 to 10 digits, got " + prefixLength);
        }
    }

    /** The largest serial a company prefix of this length leaves room for (10^(16 - length) - 1). */
    public static long maxSerial(int prefixLength) {
        checkPrefixLength(prefixLength);
        long max = 1;
        for (int i = 0; i < 16 - prefixLength; i++) {
            max *= 10;
        }
        return max - 1;
    }

    /** Builds the SSCC; the serial must fit the room the prefix leaves. */
    public static Sscc of(String companyPrefix, int extension, long serial) {
        checkPrefix(companyPrefix);
        if (extension < 0 || extension > 9) {
            throw new IllegalArgumentException("the SSCC extension digit is 0 to 9, got " + extension);
        }
        long max = maxSerial(companyPrefix.length());
        if (serial < 0 || serial > max) {
            throw new IllegalArgumentException("SSCC serial " + serial + " does not fit a company prefix of "
                    + companyPrefix.length() + " digits (0 to " + max + ")");
        }
        String body = extension + companyPrefix + pad(serial, 16 - companyPrefix.length());
        return new Sscc(body + Gs1CheckDigit.of(body), companyPrefix.length());
    }

    /** Checks a company prefix as configured: 7 to 10 digits. */
    public static void checkPrefix(String companyPrefix) {
        if (companyPrefix == null || !companyPrefix.matches("[0-9]{7,10}")) {
            throw new IllegalArgumentException("a GS1 company prefix is 7 to 10 digits, got \"" + companyPrefix + "\"");
        }
    }

    private static void checkPrefixLength(int n) {
        if (n < 7 || n > 10) {
            throw new IllegalArgumentException("a GS1 company prefix has 7 to 10 digits, got " + n);
        }
    }

    /**
     * The 18 digits of an SSCC as a scanner or a person may give it: bare, as a GS1 element string {@code (00)…} or
     * {@code 00…} (20 digits), with spaces; null when it is not one (check digit wrong included).
     */
    public static String digitsOf(String read) {
        if (read == null) {
            return null;
        }
        String r = read.replace(" ", "").strip();
        if (r.startsWith("(00)")) {
            r = r.substring(4);
        } else if (r.length() == 20 && r.startsWith("00")) {
            r = r.substring(2);
        } else if (r.startsWith("urn:epc:id:sscc:")) {
            String[] parts = r.substring("urn:epc:id:sscc:".length()).split("\\.");
            if (parts.length != 2 || parts[1].isEmpty() || parts[0].length() + parts[1].length() != 17) {
                return null;
            }
            r = parts[1].charAt(0) + parts[0] + parts[1].substring(1);
            if (!r.matches("[0-9]{17}")) {
                return null;
            }
            r = r + Gs1CheckDigit.of(r);
        }
        return r.length() == 18 && Gs1CheckDigit.valid(r) ? r : null;
    }

    public String companyPrefix() {
        return digits.substring(1, 1 + prefixLength);
    }

    public int extension() {
        return digits.charAt(0) - '0';
    }

    public long serial() {
        return Long.parseLong(digits.substring(1 + prefixLength, 17));
    }

    /** The EPC pure identity URI: {@code urn:epc:id:sscc:<prefix>.<extension><serial>} (no check digit). */
    public String epcUri() {
        return epcUri(digits, prefixLength);
    }

    static String epcUri(String digits, int prefixLength) {
        return "urn:epc:id:sscc:" + digits.substring(1, 1 + prefixLength) + "." + digits.charAt(0)
                + digits.substring(1 + prefixLength, 17);
    }

    /** The GS1 element string as printed under a GS1-128 bar code: {@code (00)} and the 18 digits. */
    public String elementString() {
        return "(00)" + digits;
    }

    /** The data of the GS1-128 symbol without FNC1: {@code 00} and the 18 digits. */
    public String barcodeData() {
        return "00" + digits;
    }

    private static String pad(long n, int width) {
        String s = Long.toString(n);
        return "0".repeat(width - s.length()) + s;
    }
}
