package io.yima.vault;

/**
 * The GS1 mod-10 check digit of GTINs, SSCCs and GLNs (GS1 General Specifications, "Check digit calculation"):
 * from the right, digits are weighted 3, 1, 3, 1, …; the check digit brings the sum up to a multiple of ten.
 */
public final class Gs1CheckDigit {
    private Gs1CheckDigit() {
    }

    /** The check digit for {@code digits} (the number without its check digit, 1 to 17 digits or more). */
    public static int of(String digits) {
        requireDigits(digits);
        int sum = 0;
        boolean three = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            sum += three ? 3 * d : d;
            three = !three;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when the last digit of {@code number} is the check digit of the others. */
    public static boolean valid(String number) {
        if (number == null || number.length() < 2 || !number.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return false;
        }
        return of(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1) - '0';
    }

    private static void requireDigits(String digits) {
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("a GS1 number is made of digits only, got \"" + digits + "\"");
        }
    }
}
