package io.yima.line.packing;

/** An item verified on the line (BOUND), as it goes into the open case: its item id and its code. */
public record PackItem(String itemId, String code) {
}
