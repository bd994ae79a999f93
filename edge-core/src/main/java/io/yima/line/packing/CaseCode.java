package io.yima.line.packing;

/**
 * A case code reserved for one case. {@code read}: what the case label encodes, so what the case reader sends
 * back; {@code code}: how the vault names it in pack (the SSCC's 18 digits, or the WeChat code).
 */
public record CaseCode(String read, String code) {
}
