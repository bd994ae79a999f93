package io.yima.line;

/** The answer to a print request: the code index issued to the item ({@code repeat}: issued before, no label). */
public record ItemIssued(String itemId, long codeIndex, boolean repeat) {
}
