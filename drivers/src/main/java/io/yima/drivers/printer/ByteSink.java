package io.yima.drivers.printer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array the encoders append to; one per label, so no copying through streams. */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    void put(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
    }

    void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    void decimal(int v) {
        ascii(Integer.toString(v));
    }

    void text(String s, java.nio.charset.Charset cs) {
        put(s.getBytes(cs));
    }

    void utf8(String s) {
        text(s, StandardCharsets.UTF_8);
    }

    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    void advance(int n) {
        size += n;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
