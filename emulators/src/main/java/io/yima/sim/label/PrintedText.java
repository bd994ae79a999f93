package io.yima.sim.label;

import java.util.Objects;

/**
 * A line of text the emulated printer drew in its own font (ZPL {@code ^A}, TSPL {@code TEXT}), as it placed it.
 *
 * @param x          the field's left edge in dots
 * @param y          the field's top edge in dots
 * @param heightDots the font's height in dots as the command asked for it
 * @param widthDots  how wide the emulator's drawing of it came out
 * @param text       the text as received
 */
public record PrintedText(int x, int y, int heightDots, int widthDots, String text) {
    public PrintedText {
        Objects.requireNonNull(text, "text");
    }
}
