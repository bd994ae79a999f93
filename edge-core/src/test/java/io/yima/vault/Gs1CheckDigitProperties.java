package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The GS1 mod-10 check digit against GS1's published examples, and the properties that make it a check digit:
 * every single wrong digit and every swap of two adjacent digits that differ by other than 5 is caught.
 */
class Gs1CheckDigitProperties {
    @Example
    void gs1PublishedExamples() {
        // GS1 General Specifications, SSCC example (00) 3 7610425 002123456 9
        assertThat(Gs1CheckDigit.of("37610425002123456")).isEqualTo(9);
        // GS1 EPC Tag Data Standard: (00)106141412345678908 <-> urn:epc:id:sscc:0614141.1234567890
        assertThat(Gs1CheckDigit.of("10614141234567890")).isEqualTo(8);
        // GS1 check digit calculator, GTIN-13 629104150021 3
        assertThat(Gs1CheckDigit.of("629104150021")).isEqualTo(3);
        // EAN-13 4006381333931 and UPC-A 036000291452
        assertThat(Gs1CheckDigit.valid("4006381333931")).isTrue();
        assertThat(Gs1CheckDigit.valid("036000291452")).isTrue();
        assertThat(Gs1CheckDigit.valid("036000291453")).isFalse();
    }

    @Example
    void theTagDataStandardSsccExampleRoundTrips() {
        Sscc s = Sscc.of("0614141", 1, 234_567_890L);
        assertThat(s.digits()).isEqualTo("106141412345678908");
        assertThat(s.epcUri()).isEqualTo("urn:epc:id:sscc:0614141.1234567890");
        assertThat(s.elementString()).isEqualTo("(00)106141412345678908");
        assertThat(Sscc.digitsOf("urn:epc:id:sscc:0614141.1234567890")).isEqualTo(s.digits());
        assertThat(Sscc.digitsOf("(00) 106141412345678908")).isEqualTo(s.digits());
        assertThat(Sscc.digitsOf("00106141412345678908")).isEqualTo(s.digits());
        assertThat(Sscc.digitsOf("106141412345678907")).isNull();
    }

    @Example
    void badInputIsRefusedInWords() {
        assertThatThrownBy(() -> Gs1CheckDigit.of("12a4")).hasMessageContaining("digits only");
        assertThatThrownBy(() -> Sscc.of("061414", 1, 1)).hasMessageContaining("7 to 10 digits");
        assertThatThrownBy(() -> Sscc.of("0614141000", 1, 1_000_000)).hasMessageContaining("does not fit");
        assertThat(Sscc.maxSerial(7)).isEqualTo(999_999_999L);
        assertThat(Sscc.maxSerial(10)).isEqualTo(999_999L);
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(17);
    }

    @Property(tries = 500)
    void appendingTheCheckDigitMakesAValidNumber(@ForAll("numbers") String n) {
        int d = Gs1CheckDigit.of(n);
        assertThat(d).isBetween(0, 9);
        assertThat(Gs1CheckDigit.valid(n + d)).isTrue();
        assertThat(Gs1CheckDigit.valid(n + (d + 1) % 10)).isFalse();
    }

    @Property(tries = 500)
    void leadingZerosDoNotChangeIt(@ForAll("numbers") String n) {
        // GTIN-8/12/13 are checked as GTIN-14 padded with zeros: the weights run from the right
        assertThat(Gs1CheckDigit.of("0000" + n)).isEqualTo(Gs1CheckDigit.of(n));
    }

    @Property(tries = 1000)
    void everySingleWrongDigitIsCaught(@ForAll("numbers") String n, @ForAll @IntRange(min = 0, max = 16) int at,
                                       @ForAll @IntRange(min = 1, max = 9) int delta) {
        String valid = n + Gs1CheckDigit.of(n);
        int i = at % valid.length();
        char wrong = (char) ('0' + (valid.charAt(i) - '0' + delta) % 10);
        String changed = valid.substring(0, i) + wrong + valid.substring(i + 1);
        assertThat(Gs1CheckDigit.valid(changed)).isFalse();
    }

    @Property(tries = 1000)
    void adjacentSwapsAreCaughtUnlessTheDigitsDifferByFive(@ForAll("numbers") String n,
                                                           @ForAll @IntRange(min = 0, max = 16) int at) {
        String valid = n + Gs1CheckDigit.of(n);
        if (valid.length() < 2) {
            return;
        }
        int i = at % (valid.length() - 1);
        char a = valid.charAt(i);
        char b = valid.charAt(i + 1);
        String swapped = valid.substring(0, i) + b + a + valid.substring(i + 2);
        boolean caught = !Gs1CheckDigit.valid(swapped);
        assertThat(caught).isEqualTo(a != b && Math.abs(a - b) != 5);
    }

    @Property(tries = 300)
    void ssccsRoundTripThroughEveryForm(@ForAll @IntRange(min = 7, max = 10) int prefixLength,
                                        @ForAll @IntRange(min = 0, max = 9) int extension,
                                        @ForAll @IntRange(min = 0, max = 999_999) int serial,
                                        @ForAll @IntRange(min = 0, max = 9_999_999) int prefixSeed) {
        String prefix = String.format("%010d", prefixSeed).substring(10 - prefixLength);
        Sscc s = Sscc.of(prefix, extension, serial);
        assertThat(s.digits()).hasSize(18).startsWith(extension + prefix);
        assertThat(s.serial()).isEqualTo(serial);
        assertThat(s.companyPrefix()).isEqualTo(prefix);
        assertThat(Sscc.digitsOf(s.epcUri())).isEqualTo(s.digits());
        assertThat(Sscc.digitsOf(s.elementString())).isEqualTo(s.digits());
        assertThat(s.barcodeData()).isEqualTo("00" + s.digits());
    }
}
